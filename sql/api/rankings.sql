-- Areas of one level inside a parent ranked by a measure.
-- Parameters (named bindings): measure is target_share | vulnerable_share | indicator | dimension |
-- h | a | m0 | group | debt_share | informal_debt_share | no_finance_share (of the households asked) |
-- debt_households | informal_debt_households | no_finance_households (counts); slot is the indicator (1..17) or dimension (1..5) number for those measures, else 1;
-- group and group_of name a group of people: column in area_person_stats and that of the group its
-- share is of (measure group; null otherwise; areas without them have no value and are left out);
-- measure registry ranks by the count of people in group (a column of area_registry_stats; none: 0);
-- threshold is the poverty threshold (score × 60) for h, a and m0; sign is -1 for descending.
-- Areas with fewer than min_households households are left out (no ratio, or a suppressed cell).
-- For public callers (public = true) an area whose value the disclosure policy withholds is left out
-- too: one of the counts it rests on (inputs, comma-separated cells of area_public) is withheld, or,
-- for h, a and m0, its poor households or people at this threshold number 1 to 4, or the policy
-- withholds them at this threshold (excluded: comma-separated codes, decided over every area).
with candidates as (
  select s.code, s.households, s.people, s.target_households, s.vulnerable_households,
         s.debt_asked_households, s.debt_households, s.informal_debt_households, s.finance_asked_households, s.no_finance_households,
         s.deprived_households[cast(:slot as integer)] as deprived_households, s.dim_failed_households[cast(:slot as integer)] as dim_failed_households,
         cast(to_jsonb(ps) ->> cast(:group as text) as float8) as group_people,
         cast(to_jsonb(ps) ->> cast(:group_of as text) as float8) as group_of_people,
         coalesce(cast(to_jsonb(rg) ->> cast(:group as text) as float8), 0) as registry_people
  from area_stats s
  join admin_area a on a.code = s.code
  left join area_person_stats ps on ps.code = s.code and ps.survey_year = s.survey_year and cast(:measure as text) = 'group'
  left join area_registry_stats rg on rg.code = s.code and rg.survey_year = s.survey_year and cast(:measure as text) = 'registry'
  join area_public ap on ap.code = s.code and ap.survey_year = s.survey_year
  where s.survey_year = :year and s.level = :level and s.households >= :min_households
    and not (cast(:public as boolean) and (ap.suppressed or jsonb_exists_any(ap.cells, string_to_array(:inputs, ','))))
    and (:parent = 'TH' or :parent in (a.province_code, a.district_code, a.subdistrict_code))
),
poor as (
  select p.code, sum(p.households) as poor_households, sum(p.people) as poor_people, sum(p.people * p.score60) as score60_people
  from area_score_stats p
  where p.survey_year = :year and p.level = :level and p.score60 >= :threshold
    and :measure in ('h', 'a', 'm0')
    and p.code in (select code from candidates)
  group by p.code
),
valued as (
  select c.code, c.households,
         cast(case cast(:measure as text)
           when 'target_share' then cast(c.target_households as float8) / c.households
           when 'vulnerable_share' then cast(c.vulnerable_households as float8) / c.households
           when 'indicator' then cast(c.deprived_households as float8) / c.households
           when 'dimension' then cast(c.dim_failed_households as float8) / c.households
           when 'group' then c.group_people / nullif(c.group_of_people, 0)
           when 'debt_share' then cast(c.debt_households as float8) / nullif(c.debt_asked_households, 0)
           when 'informal_debt_share' then cast(c.informal_debt_households as float8) / nullif(c.debt_asked_households, 0)
           when 'no_finance_share' then cast(c.no_finance_households as float8) / nullif(c.finance_asked_households, 0)
           -- a count where nobody was asked is no value (not a zero)
           when 'debt_households' then case when c.debt_asked_households > 0 then cast(c.debt_households as float8) end
           when 'informal_debt_households' then case when c.debt_asked_households > 0 then cast(c.informal_debt_households as float8) end
           when 'no_finance_households' then case when c.finance_asked_households > 0 then cast(c.no_finance_households as float8) end
           when 'registry' then c.registry_people
           when 'h' then coalesce(p.poor_people, 0) / cast(c.people as float8)
           when 'a' then case when p.poor_people > 0 then p.score60_people / (60.0 * p.poor_people) else 0 end
           when 'm0' then coalesce(p.score60_people, 0) / (60.0 * c.people)
         end as float8) as value
  from candidates c
  left join poor p on p.code = c.code
  where not (cast(:public as boolean) and :measure in ('h', 'a', 'm0') and (coalesce(p.poor_people, 0) between 1 and 4 or coalesce(p.poor_households, 0) between 1 and 4))
    and not c.code = any(string_to_array(:excluded, ','))
)
select v.code, a.name_th, a.name_en, v.value, v.households,
       cast(rank() over (order by v.value * cast(:sign as integer)) as integer) as rank
from valued v
join admin_area a on a.code = v.code
where v.value is not null
order by v.value * cast(:sign as integer), v.code
limit :limit
