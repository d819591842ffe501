-- Whether a text is a 13-digit Thai national id whose last digit is the mod-11 check digit of the
-- first 12 (design §10; the person import's check, sql/import/persons_validate.sql, and the registry
-- linkage's, sql/import/registry_validate.sql); false for anything else, null for null.
-- One expression without FROM and not STRICT, so the planner inlines it into the calling query: a
-- registry of a million lines checks its ids at the speed of the scan, not of a million function calls.
create or replace function povmap.thai_id_valid(id text) returns boolean
language sql immutable parallel safe as $$
  select case when id is null then null
              when not povmap.is_digits(id, 13) then false
              else substr(id, 13, 1)::integer
                   = (11 - (substr(id, 1, 1)::integer * 13 + substr(id, 2, 1)::integer * 12 + substr(id, 3, 1)::integer * 11
                            + substr(id, 4, 1)::integer * 10 + substr(id, 5, 1)::integer * 9 + substr(id, 6, 1)::integer * 8
                            + substr(id, 7, 1)::integer * 7 + substr(id, 8, 1)::integer * 6 + substr(id, 9, 1)::integer * 5
                            + substr(id, 10, 1)::integer * 4 + substr(id, 11, 1)::integer * 3 + substr(id, 12, 1)::integer * 2) % 11) % 10
         end
$$;
