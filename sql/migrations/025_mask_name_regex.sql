-- 023's mask_name again, for databases migrated before the migration runner escaped "?": there the
-- runner had turned the regex's optional title group "(…)?" into a bind placeholder, and every
-- masked name came out empty. Same body as 023.
create or replace function povmap.mask_name(name text) returns text
language sql immutable strict parallel safe as $$
  select coalesce(m[1], '') || string_agg(left(w, 1) || '…', ' ' order by n)
  from regexp_match(name, '^(นางสาว|นาย|นาง|ด\.ช\.|ด\.ญ\.)?\s*(.*)$') as m,
       regexp_split_to_table(m[2], '\s+') with ordinality as t(w, n)
  group by m[1]
$$;
