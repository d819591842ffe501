-- Up to 3 staged codes (`code`) whose parent (the file's parent code, else the code less its last two
-- digits) is not loaded. No bindings.
select s.code
from import_boundary.staging s
where not exists (select 1 from admin_area a where a.code = coalesce(nullif(s.parent_code, ''), left(s.code, length(s.code) - 2)))
limit 3
