-- The villages' names and codes (after 11_subdistricts.sql): 4 to 17 per subdistrict (about 75,000
-- in all), หมู่ 1..n, coded subdistrict code + 2 digits. No bindings.
create unlogged table gen.village_name as
select sub.code as parent_code, v.i,
       sub.code || lpad(v.i::text, 2, '0') as code,
       povmap.rand((select seed from gen.params), sub.code::bigint * 100 + v.i, 21) as r1,
       povmap.rand((select seed from gen.params), sub.code::bigint * 100 + v.i, 22) as r2
from gen.area sub
cross join lateral generate_series(1, 4 + floor(14 * povmap.rand((select seed from gen.params), sub.code::bigint, 20))::integer) v(i)
where sub.level = 'subdistrict';
