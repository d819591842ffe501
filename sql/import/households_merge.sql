-- Merge of validated household rows (import_valid, see households_validate.sql) into household.
-- Runs inside the import's one transaction, which also holds the merge lock, so no other import
-- writes households meanwhile. Two statements rather than one upsert: rows already stored are
-- updated where a value differs (an identical row is left alone: no new row version, not counted,
-- so importing the same file twice changes nothing); the other rows are a plain insert, which
-- skips the upsert's speculative insertion for every row of a new survey year.
-- Returns the counts of inserted and updated rows.
with updated as (
  update household h set
    village_code = v.village_code, subdistrict_code = v.subdistrict_code,
    district_code = v.district_code, province_code = v.province_code,
    geom = v.geom, members = v.members, deprived = v.deprived,
    income_per_person = v.income_per_person, dependents = v.dependents,
    housing_problem = v.housing_problem, welfare_card_holders = v.welfare_card_holders,
    head_name = v.head_name, national_id = v.national_id,
    has_debt = v.has_debt, informal_debt = v.informal_debt, finance_access = v.finance_access
  from import_valid v
  where h.survey_year = v.survey_year and h.house_code = v.house_code
    and (h.village_code, h.geom, h.members, h.deprived, h.income_per_person, h.dependents, h.housing_problem,
         h.welfare_card_holders, h.head_name, h.national_id, h.has_debt, h.informal_debt, h.finance_access)
        is distinct from
        (v.village_code, v.geom, v.members, v.deprived, v.income_per_person,
         v.dependents, v.housing_problem, v.welfare_card_holders, v.head_name,
         v.national_id, v.has_debt, v.informal_debt, v.finance_access)
  returning 1
),
inserted as (
  insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                         geom, members, deprived, income_per_person, dependents, housing_problem,
                         welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access)
  select survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
         geom, members, deprived, income_per_person, dependents, housing_problem,
         welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access
  from import_valid v
  where not exists (select 1 from household h where h.survey_year = v.survey_year and h.house_code = v.house_code)
  returning 1
)
select (select count(*) from inserted)::bigint as inserted, (select count(*) from updated)::bigint as updated;
