-- Merge of validated HAI rows (import_valid) into province_hai, inside the import's one transaction:
-- a (province, year) already there takes the file's figures.
with merged as (
  insert into province_hai as h (province_code, year, hai, health, education, working_life, income, housing_environment, family_community, transport_communication, participation)
  select province_code, year, hai, health, education, working_life, income, housing_environment, family_community, transport_communication, participation from import_valid
  on conflict (province_code, year) do update set hai = excluded.hai, health = excluded.health, education = excluded.education, working_life = excluded.working_life, income = excluded.income, housing_environment = excluded.housing_environment, family_community = excluded.family_community, transport_communication = excluded.transport_communication, participation = excluded.participation
  where (h.hai, h.health, h.education, h.working_life, h.income, h.housing_environment, h.family_community, h.transport_communication, h.participation) is distinct from (excluded.hai, excluded.health, excluded.education, excluded.working_life, excluded.income, excluded.housing_environment, excluded.family_community, excluded.transport_communication, excluded.participation)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted, count(*) filter (where not inserted)::bigint as updated from merged;
