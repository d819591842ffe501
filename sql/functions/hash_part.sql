-- Which of `p_parts` parts (0 … p_parts - 1) a key falls in: a hash of the text, so work keyed by
-- house codes or area codes spreads evenly over the parts whatever their numbering. Parts run on
-- connections of their own (server/db/own-connections.ts).
-- (the name before: it was for house codes only)
drop function if exists povmap.house_part(text, integer);
create or replace function povmap.hash_part(p_key text, p_parts integer) returns integer
language sql immutable parallel safe as $$
  select case when p_parts = 1 then 0 else (hashtext(p_key) & 2147483647) % p_parts end
$$;
