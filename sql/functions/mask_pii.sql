-- Masks for analysts without the PII grant. Done in SQL so the JSON list and the CSV export
-- (streamed straight from COPY) mask identically.
-- Survey forms write the title glued to the given name ("นางสมศรี พรหมมา") or spaced
-- ("นาย สมชาย ใจดี"): keep the title, then the first letter of each name: "นาง ส… พ…" → "นางส… พ…".
create or replace function povmap.mask_name(name text) returns text
language sql immutable strict parallel safe as $$
  select coalesce(m[1], '') || string_agg(left(w, 1) || '…', ' ' order by n)
  from regexp_match(name, '^(นางสาว|นาย|นาง|ด\.ช\.|ด\.ญ\.)?\s*(.*)$') as m,
       regexp_split_to_table(m[2], '\s+') with ordinality as t(w, n)
  group by m[1]
$$;

-- "3101234567893" -> "X-XXXX-XXXXX-89-3": the last three digits only, as on a printed receipt.
create or replace function povmap.mask_national_id(id text) returns text
language sql immutable strict parallel safe as $$
  select 'X-XXXX-XXXXX-' || substr(id, 11, 2) || '-' || substr(id, 13, 1)
$$;
