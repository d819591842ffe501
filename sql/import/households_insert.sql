-- The merge when no validated row's survey year is stored yet (a new survey arriving): every row
-- is new, so it is a plain insert, without looking any row up in household first.
-- Same contract as households_merge.sql: run in the import's one transaction, returns the counts.
with inserted as (
  insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                         geom, members, deprived, income_per_person, dependents, housing_problem,
                         welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access)
  select survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
         geom, members, deprived, income_per_person, dependents, housing_problem,
         welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access
  from import_valid
  returning 1
)
select count(*)::bigint as inserted, 0::bigint as updated from inserted;
