-- Night-light figures of one area for every loaded year, by year: pixels, lit_pixels, radiance_sum.
-- 'TH' (the country) is the sum of the provinces, exact because provinces are sums of the pixels
-- assigned beneath them. Bindings (knex named): code.
select n.year, cast(sum(n.pixels) as integer) as pixels, cast(sum(n.lit_pixels) as integer) as lit_pixels,
       sum(n.radiance_sum) as radiance_sum
from nightlight_area_stats n
join admin_area a on a.code = n.code
where case when cast(:code as text) = 'TH' then a.level = 'province' else n.code = :code end
group by n.year
order by n.year
