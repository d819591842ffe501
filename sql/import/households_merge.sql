-- Merge of validated household rows (import_valid, see households_validate.sql) into household.
-- Runs inside the import's one transaction. A row whose values all equal the stored ones is left
-- alone (no new row version, not counted as updated), so importing the same file twice changes
-- nothing. Returns the counts of inserted and updated rows.
with merged as (
  insert into household as h (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                              geom, members, deprived, income_per_person, dependents, housing_problem,
                              welfare_card_holders, head_name, national_id)
  select survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
         geom, members, deprived, income_per_person, dependents, housing_problem,
         welfare_card_holders, head_name, national_id
  from import_valid
  on conflict (survey_year, house_code) do update set
    village_code = excluded.village_code, subdistrict_code = excluded.subdistrict_code,
    district_code = excluded.district_code, province_code = excluded.province_code,
    geom = excluded.geom, members = excluded.members, deprived = excluded.deprived,
    income_per_person = excluded.income_per_person, dependents = excluded.dependents,
    housing_problem = excluded.housing_problem, welfare_card_holders = excluded.welfare_card_holders,
    head_name = excluded.head_name, national_id = excluded.national_id
  where (h.village_code, h.geom, h.members, h.deprived, h.income_per_person, h.dependents, h.housing_problem,
         h.welfare_card_holders, h.head_name, h.national_id)
        is distinct from
        (excluded.village_code, excluded.geom, excluded.members, excluded.deprived, excluded.income_per_person,
         excluded.dependents, excluded.housing_problem, excluded.welfare_card_holders, excluded.head_name,
         excluded.national_id)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted,
       count(*) filter (where not inserted)::bigint as updated
from merged;
