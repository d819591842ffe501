-- Whether a text is a 13-digit Thai national id whose last digit is the mod-11 check digit of the
-- first 12 (the person import's check, sql/import/persons_validate.sql).
create or replace function povmap.thai_id_valid(id text) returns boolean
language sql immutable strict parallel safe as $$
  select id ~ '^[0-9]{13}$' and povmap.thai_id_with_check(left(id, 12)::bigint) = id
$$;
