-- Assistance logbook progress of one area in one survey year, counted live from the rows:
-- surveyed households, targets (failing at least one indicator), targets helped (at least one
-- 'done' entry), and targets by logbook status (the latest entry's status, 'none' without one).
-- Parameters: year, level (country | province | district | subdistrict | village) and code of the area.
select count(*)::integer as households,
       count(*) filter (where h.deprived <> 0)::integer as target_households,
       count(*) filter (where h.deprived <> 0 and exists (
         select 1 from assistance_log l
         where l.survey_year = h.survey_year and l.house_code = h.house_code and l.status = 'done'))::integer as helped_households,
       count(*) filter (where h.deprived <> 0 and s.status = 'none')::integer as targets_none,
       count(*) filter (where h.deprived <> 0 and s.status = 'planned')::integer as targets_planned,
       count(*) filter (where h.deprived <> 0 and s.status = 'in_progress')::integer as targets_in_progress,
       count(*) filter (where h.deprived <> 0 and s.status = 'done')::integer as targets_done
from household h
cross join lateral (select case when h.deprived <> 0 then povmap.logbook_status(h.survey_year, h.house_code) end as status) s
where h.survey_year = :year
  and case cast(:level as text) when 'country' then true
                  when 'province' then h.province_code = :code
                  when 'district' then h.district_code = :code
                  when 'subdistrict' then h.subdistrict_code = :code
                  else h.village_code = :code end
