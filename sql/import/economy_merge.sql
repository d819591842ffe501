-- Merge of validated provincial accounts (import_valid) into province_economy, inside the import's
-- one transaction: a (province, year) already there takes the file's figures.
with merged as (
  insert into province_economy as e (province_code, year, population, gpp_million_baht, consumption_million_baht, investment_million_baht)
  select province_code, year, population, gpp_million_baht, consumption_million_baht, investment_million_baht from import_valid
  on conflict (province_code, year) do update
    set population = excluded.population, gpp_million_baht = excluded.gpp_million_baht,
        consumption_million_baht = excluded.consumption_million_baht, investment_million_baht = excluded.investment_million_baht
  where (e.population, e.gpp_million_baht, e.consumption_million_baht, e.investment_million_baht)
        is distinct from (excluded.population, excluded.gpp_million_baht, excluded.consumption_million_baht, excluded.investment_million_baht)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted, count(*) filter (where not inserted)::bigint as updated from merged;
