-- Synthetic data (sql/generate/21_households.sql):
-- a 13-digit Thai national id from its first 12 digits, with the official mod-11 check digit.
create or replace function povmap.thai_id_with_check(first12 bigint) returns text
language sql immutable strict parallel safe as $$
  select s || ((11 - (substr(s,1,1)::int*13 + substr(s,2,1)::int*12 + substr(s,3,1)::int*11 + substr(s,4,1)::int*10
                    + substr(s,5,1)::int*9 + substr(s,6,1)::int*8 + substr(s,7,1)::int*7 + substr(s,8,1)::int*6
                    + substr(s,9,1)::int*5 + substr(s,10,1)::int*4 + substr(s,11,1)::int*3 + substr(s,12,1)::int*2) % 11) % 10)::text
  from (select lpad(first12::text, 12, '0') as s) x
$$;
