-- The text place search compares names by (admin_area.search_key, made in
-- sql/migrations/004_place_search.sql; the search is sql/api/place_search.sql). pg_trgm only makes
-- trigrams of letters and digits as the database's character type sees them, and a database made
-- with the C locale (ours, and many managed services) sees no letter in Thai text: it would have no
-- trigram at all. So each Thai character is spelt as two digits (its place in the Thai block), which
-- pg_trgm does see, and similar Thai names share trigrams as similar English ones do; digits, not
-- letters, so that Thai never matches English by accident. Tone marks and the thanthakhat (U+0E48 to
-- U+0E4C) are left out, so a missing or wrong tone mark is no typo. Anything else is lower-cased.
create or replace function povmap.place_search_key(name text) returns text
language sql immutable strict parallel safe as $$
  select coalesce(string_agg(
           case when ascii(c.ch) between 3656 and 3660 then ''
                when ascii(c.ch) between 3585 and 3675 then lpad(cast(ascii(c.ch) - 3584 as text), 2, '0')
                else lower(c.ch) end, '' order by c.n), '')
  from regexp_split_to_table(name, '') with ordinality as c(ch, n)
$$;
