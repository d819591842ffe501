-- Staged boundaries: codes as digits only (COD-AB writes "TH1001"; ours are the digits), an empty
-- parent code when the file has none. Returns nothing. No bindings.
update import_boundary.staging
set code = regexp_replace(code::text, '\D', '', 'g'),
    parent_code = regexp_replace(coalesce(parent_code::text, ''), '\D', '', 'g')
