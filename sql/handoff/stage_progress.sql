-- Progress by stage in one area and survey year, counted live from the rows: target households,
-- those handed off to an agency (in any batch), those acted on (any logbook entry), and per stage
-- those with a 'done' entry at that stage (survive, sufficiency, sustainable).
-- Parameters: year, level (country | province | district | subdistrict | village), code.
select count(*)::integer as target_households,
       count(*) filter (where exists (select 1 from handoff_target t
                                      where t.survey_year = h.survey_year and t.house_code = h.house_code))::integer as handed_off,
       count(*) filter (where g.any_entry)::integer as acted_on,
       count(*) filter (where g.survive)::integer as survive,
       count(*) filter (where g.sufficiency)::integer as sufficiency,
       count(*) filter (where g.sustainable)::integer as sustainable
from household h
left join lateral (
  select true as any_entry,
         bool_or(a.stage = 'survive' and a.status = 'done') as survive,
         bool_or(a.stage = 'sufficiency' and a.status = 'done') as sufficiency,
         bool_or(a.stage = 'sustainable' and a.status = 'done') as sustainable
  from assistance_log a where a.survey_year = h.survey_year and a.house_code = h.house_code
  having count(*) > 0
) g on true
where h.survey_year = :year and h.deprived <> 0
  and case cast(:level as text) when 'country' then true
                  when 'province' then h.province_code = :code
                  when 'district' then h.district_code = :code
                  when 'subdistrict' then h.subdistrict_code = :code
                  else h.village_code = :code end
