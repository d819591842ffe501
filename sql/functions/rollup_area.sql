-- The area a row of `group by …, rollup (province, district, subdistrict, village)` stands for, from
-- grouping() of those four columns (a bit set per column rolled up: 15 all four, the country; 7 the
-- province's row; 3 a district's; 1 a subdistrict's; 0 a village's) and the columns themselves. Every
-- area rollup names its rows with these two, so the country's code and the levels are spelt once.
--   povmap.rollup_code(grouping(p, d, s, v), p, d, s, v)   'TH' or the code of the level's column
--   povmap.rollup_level(grouping(p, d, s, v))             'country' … 'village'
-- Plain SQL, immutable: the planner inlines both into the rollup's own expression.
create or replace function povmap.rollup_code(rolled_up integer, province text, district text, subdistrict text, village text)
returns text language sql immutable parallel safe as $$
  select case rolled_up when 15 then 'TH' when 7 then province when 3 then district
                        when 1 then subdistrict else village end
$$;
create or replace function povmap.rollup_level(rolled_up integer)
returns text language sql immutable parallel safe as $$
  select case rolled_up when 15 then 'country' when 7 then 'province' when 3 then 'district'
                        when 1 then 'subdistrict' else 'village' end
$$;
