-- The Alkire-Foster rollup for every cut-off k. A household is poor at k when score60 >= ceil(60 k),
-- so grouping each area's households by their score (0..60) is enough to answer any k from
-- rollups: the poor at k are the rows with score60 >= the threshold. Arrays are indexed by
-- indicator (1..17) or dimension (1..5) in the order of server/mpi/indicators.ts.
-- Refreshed with area_stats (server/generate/generate.ts):
--   refresh materialized view concurrently area_score_stats;
create materialized view area_score_stats as
select
  survey_year,
  case grouping(province_code, district_code, subdistrict_code, village_code)
    when 15 then 'TH' when 7 then province_code when 3 then district_code
    when 1 then subdistrict_code else village_code end as code,
  case grouping(province_code, district_code, subdistrict_code, village_code)
    when 15 then 'country' when 7 then 'province' when 3 then 'district'
    when 1 then 'subdistrict' else 'village' end as level,
  score60,
  count(*)::integer as households,
  sum(members)::integer as people,
  -- people in households of this score that fail indicator j
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
  -- people in households of this score that fail dimension d
  array[
    coalesce(sum(members) filter (where failed_dims & 1 <> 0), 0),
    coalesce(sum(members) filter (where failed_dims & 2 <> 0), 0),
    coalesce(sum(members) filter (where failed_dims & 4 <> 0), 0),
    coalesce(sum(members) filter (where failed_dims & 8 <> 0), 0),
    coalesce(sum(members) filter (where failed_dims & 16 <> 0), 0)
  ]::integer[] as dim_failed_people
from household
group by survey_year, score60, rollup (province_code, district_code, subdistrict_code, village_code);

create unique index area_score_stats_key on area_score_stats (code, survey_year, score60);
create index area_score_stats_level_idx on area_score_stats (level, survey_year, score60);
