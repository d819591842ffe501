-- Needs against the solution menu in one area and survey year, per menu item: the area's people it
-- matches (needs) and those its capacity goes to (allocated, menu_match), the same counted in
-- households (a household counts once however many of its members match), with the item's capacity
-- (people per year) for the whole of its coverage. Items matching nobody in the area are left out.
-- Parameters: year, level (country | province | district | subdistrict | village), code.
select m.id, m.code, m.agency, m.title_th, m.title_en, m.dimension, m.stage, m.capacity_per_year,
       count(*)::integer as needs,
       count(*) filter (where x.allocated)::integer as allocated,
       count(distinct x.house_code)::integer as needs_households,
       count(distinct x.house_code) filter (where x.allocated)::integer as allocated_households
from menu_match x
join household h on h.survey_year = x.survey_year and h.house_code = x.house_code
join menu_item m on m.id = x.menu_item_id
where x.survey_year = :year
  and case cast(:level as text) when 'country' then true
                  when 'province' then h.province_code = :code
                  when 'district' then h.district_code = :code
                  when 'subdistrict' then h.subdistrict_code = :code
                  else h.village_code = :code end
group by m.id
order by m.agency, m.code
