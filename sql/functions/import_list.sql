-- A ';'-separated list field of an import file as a text array: items trimmed, empty items dropped
-- (an empty field is an empty list).
create or replace function povmap.import_list(v text) returns text[]
language sql immutable parallel safe as $$
  select coalesce(array_agg(btrim(x) order by n) filter (where btrim(x) <> ''), '{}')
  from unnest(string_to_array(coalesce(v, ''), ';')) with ordinality as t(x, n)
$$;
