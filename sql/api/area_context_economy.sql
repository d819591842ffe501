-- Provincial accounts and the HAI behind an area's context in one year. A province, district or
-- subdistrict gets its province's figures (the province parameter); the country ('TH', province null) gets the
-- sums over every province with accounts that year, per head = total GPP / total population, and
-- the HAI and each part as the population-weighted mean over provinces with both an HAI and a
-- population that year (weights: province_economy.population).
-- Parameters: province (text or null), year.
with e as (
  select * from province_economy where year = :year and (cast(:province as text) is null or province_code = :province)
), h as (
  select h.*, e.population from province_hai h left join e using (province_code)
  where h.year = :year and (cast(:province as text) is null or h.province_code = :province)
)
select (select count(*) from e)::integer as economy_provinces,
       (select sum(population) from e)::float8 as population,
       (select sum(gpp_million_baht) from e)::float8 as gpp_million_baht,
       (select sum(gpp_million_baht) * 1e6 / nullif(sum(population), 0) from e)::float8 as gpp_per_head_baht,
       (select sum(consumption_million_baht) from e)::float8 as consumption_million_baht,
       (select sum(investment_million_baht) from e)::float8 as investment_million_baht,
       (select count(*) from h where cast(:province as text) is not null or population is not null)::integer as hai_provinces,
       (select jsonb_build_object(
          'hai', sum(hai * w) / sum(w), 'health', sum(health * w) / sum(w), 'education', sum(education * w) / sum(w),
          'working_life', sum(working_life * w) / sum(w), 'income', sum(income * w) / sum(w),
          'housing_environment', sum(housing_environment * w) / sum(w), 'family_community', sum(family_community * w) / sum(w),
          'transport_communication', sum(transport_communication * w) / sum(w), 'participation', sum(participation * w) / sum(w))
        from (select h.*, case when cast(:province as text) is null then population else 1 end as w from h) x
        where w is not null
        having count(*) > 0) as hai
