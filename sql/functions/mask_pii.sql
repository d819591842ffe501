-- Masks for analysts without the PII grant. Done in SQL so the JSON list and the CSV export
-- (streamed straight from COPY) mask identically. Masks are total: nothing of the value survives
-- (no title, first letter or trailing digits), because even a few letters or digits narrow a
-- household down within its village. Exact values only with the PII grant (server/households/).

-- Any name -> "•••" (the same for everyone; a missing name stays null).
create or replace function povmap.mask_name(name text) returns text
language sql immutable strict parallel safe as $$
  select '•••'::text
$$;

-- Any national id -> "X-XXXX-XXXXX-XX-X", the printed layout with every digit hidden.
create or replace function povmap.mask_national_id(id text) returns text
language sql immutable strict parallel safe as $$
  select 'X-XXXX-XXXXX-XX-X'::text
$$;
