-- Rollups per area x survey year that the API and the tiles read. Counts of people use household
-- members as weights. Alkire-Foster columns are for the default cut-off k = 1/3 (score60 >= 20);
-- other k values are computed on request from household rows. Arrays are indexed by indicator
-- (1..17) or dimension (1..5) in the order of server/mpi/indicators.ts.
-- Refresh with: refresh materialized view concurrently area_stats;
create materialized view area_stats as
with grouped as (
  select
    survey_year,
    case grouping(province_code, district_code, subdistrict_code, village_code)
      when 15 then 'TH' when 7 then province_code when 3 then district_code
      when 1 then subdistrict_code else village_code end as code,
    case grouping(province_code, district_code, subdistrict_code, village_code)
      when 15 then 'country' when 7 then 'province' when 3 then 'district'
      when 1 then 'subdistrict' else 'village' end as level,
    count(*)::integer as households,
    sum(members)::integer as people,
    count(*) filter (where deprived <> 0)::integer as target_households,
    coalesce(sum(members) filter (where deprived <> 0), 0)::integer as target_people,
    count(*) filter (where score60 >= 20)::integer as poor_households,
    coalesce(sum(members) filter (where score60 >= 20), 0)::integer as poor_people,
    coalesce(sum(members * score60) filter (where score60 >= 20), 0)::bigint as poor_score60_people,
    array[
      count(*) filter (where deprived & 1 <> 0),
      count(*) filter (where deprived & 2 <> 0),
      count(*) filter (where deprived & 4 <> 0),
      count(*) filter (where deprived & 8 <> 0),
      count(*) filter (where deprived & 16 <> 0),
      count(*) filter (where deprived & 32 <> 0),
      count(*) filter (where deprived & 64 <> 0),
      count(*) filter (where deprived & 128 <> 0),
      count(*) filter (where deprived & 256 <> 0),
      count(*) filter (where deprived & 512 <> 0),
      count(*) filter (where deprived & 1024 <> 0),
      count(*) filter (where deprived & 2048 <> 0),
      count(*) filter (where deprived & 4096 <> 0),
      count(*) filter (where deprived & 8192 <> 0),
      count(*) filter (where deprived & 16384 <> 0),
      count(*) filter (where deprived & 32768 <> 0),
      count(*) filter (where deprived & 65536 <> 0)
    ]::integer[] as deprived_households,
    array[
      coalesce(sum(members) filter (where deprived & 1 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 2 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 4 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 8 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 16 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 32 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 64 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 128 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 256 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 512 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 1024 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 2048 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 4096 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 8192 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 16384 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 32768 <> 0), 0),
      coalesce(sum(members) filter (where deprived & 65536 <> 0), 0)
    ]::integer[] as deprived_people,
    array[
      coalesce(sum(members) filter (where deprived & 1 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 2 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 4 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 8 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 16 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 32 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 64 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 128 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 256 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 512 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 1024 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 2048 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 4096 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 8192 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 16384 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 32768 <> 0 and score60 >= 20), 0),
      coalesce(sum(members) filter (where deprived & 65536 <> 0 and score60 >= 20), 0)
    ]::integer[] as censored_people,
    array[
      count(*) filter (where failed_dims & 1 <> 0),
      count(*) filter (where failed_dims & 2 <> 0),
      count(*) filter (where failed_dims & 4 <> 0),
      count(*) filter (where failed_dims & 8 <> 0),
      count(*) filter (where failed_dims & 16 <> 0)
    ]::integer[] as dim_failed_households,
    array[
      count(*) filter (where failed_dim_count = 0),
      count(*) filter (where failed_dim_count = 1),
      count(*) filter (where failed_dim_count = 2),
      count(*) filter (where failed_dim_count = 3),
      count(*) filter (where failed_dim_count = 4),
      count(*) filter (where failed_dim_count = 5)
    ]::integer[] as failed_dim_count_households,
    array[
      count(*) filter (where vulnerability_level = 0),
      count(*) filter (where vulnerability_level = 1),
      count(*) filter (where vulnerability_level = 2),
      count(*) filter (where vulnerability_level = 3)
    ]::integer[] as vulnerability_households,
    count(*) filter (where vulnerability_level is not null)::integer as vulnerable_households,
    count(*) filter (where welfare_card_holders > 0)::integer as welfare_card_households,
    count(*) filter (where deprived <> 0 and welfare_card_holders > 0)::integer as target_with_card,
    count(*) filter (where deprived <> 0 and welfare_card_holders = 0)::integer as target_without_card,
    coalesce(sum(members) filter (where deprived <> 0 and welfare_card_holders > 0), 0)::integer
      as target_people_with_card,
    coalesce(sum(members) filter (where deprived <> 0 and welfare_card_holders = 0), 0)::integer
      as target_people_without_card,
    count(*) filter (where deprived = 0 and welfare_card_holders > 0)::integer as to_survey_households
  from household
  group by survey_year, rollup (province_code, district_code, subdistrict_code, village_code)
)
select
  g.*,
  g.target_households::double precision / g.households as target_share,
  g.poor_people::double precision / g.people as h,
  case when g.poor_people > 0 then g.poor_score60_people / (60.0 * g.poor_people) else 0 end::double precision as a,
  (g.poor_score60_people / (60.0 * g.people))::double precision as m0,
  -- Stars: quintiles of the target share among areas of the same level and year; 5 = least poor.
  case when g.level = 'country' then null
       else ntile(5) over (partition by g.level, g.survey_year
                           order by g.target_households::double precision / g.households desc, g.code)
  end::smallint as stars
from grouped g;

create unique index area_stats_key on area_stats (code, survey_year);
create index area_stats_level_idx on area_stats (level, survey_year);
