-- What the area summaries (server/areas/summary.ts) read of some areas in one survey year, in one
-- statement: one round trip instead of four (on the national profile the four reads one after
-- another took 3.4 ms p50, a round trip alone 0.4 ms; issue 18 asks ≤ 10 ms p95 for a summary).
-- One row per code asked for, with null where a table has no row for it:
--   area_stats (s)     the k-independent counts, and the debt and finance counts (migration 015);
--   poor               the score groups at or above the poverty threshold (score × 60) from
--                      area_score_stats as JSON: summing those gives the poor, their scores and the
--                      censored headcounts;
--   person_counts      the rollup of the people (area_person_stats: every group and the households
--                      holding one) and the registry figures (area_registry_stats), as JSON keyed by
--                      column name (server/people/groups.ts names the groups); null with neither;
--   decision           the disclosure policy's decision (area_public): suppressed, cells, withheld.
-- Parameters (named bindings): codes (comma-separated), year, threshold (score × 60).
with asked as (select distinct code from unnest(string_to_array(:codes, ',')) as c(code))
select c.code, s.code is not null as has_stats,
       s.households, s.people, s.target_households, s.target_people,
       s.deprived_households, s.dim_failed_households, s.failed_dim_count_households,
       s.vulnerability_households, s.vulnerable_households,
       s.target_with_card, s.target_without_card, s.to_survey_households, s.stars,
       s.debt_asked_households, s.debt_households, s.informal_debt_households,
       s.finance_asked_households, s.no_finance_households,
       coalesce((select json_agg(json_build_object('score60', p.score60, 'households', p.households, 'people', p.people,
                                                   'deprived_people', p.deprived_people, 'dim_failed_people', p.dim_failed_people))
                 from area_score_stats p
                 where p.code = s.code and p.survey_year = s.survey_year and p.score60 >= :threshold), '[]') as poor,
       case when ps.code is not null or r.code is not null then
         coalesce(to_jsonb(ps) - 'code' - 'level' - 'survey_year', '{}'::jsonb)
         || coalesce(jsonb_build_object('exclusion_errors', r.exclusion_errors, 'card_holders_unsurveyed', r.card_holders_unsurveyed), '{}'::jsonb)
       end as person_counts,
       d.code is not null as decided, d.suppressed, d.cells, d.withheld
from asked c
left join area_stats s on s.code = c.code and s.survey_year = :year
left join area_person_stats ps on ps.code = c.code and ps.survey_year = :year
left join area_registry_stats r on r.code = c.code and r.survey_year = :year
left join area_public d on d.code = c.code and d.survey_year = :year
