-- Whether `value` is exactly `digits` ASCII digits; null for null. The same strings as
-- value ~ '^[0-9]{n}$', at about a quarter of its cost as measured on 1.09 M national ids (0.14 s
-- against 0.54 s of a core, besides reading them): a search for any non-digit against the anchored,
-- counted pattern. The house code and national id checks of household and person run it on every
-- row a load writes (migration 039), and the import validations on every line.
-- One expression without FROM and not STRICT, so the planner inlines it.
create or replace function povmap.is_digits(value text, digits integer) returns boolean
language sql immutable parallel safe as $$
  select octet_length(value) = digits and value !~ '[^0-9]'
$$;
