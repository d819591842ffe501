-- Merge of validated people (import_valid) into person, inside the import's one transaction: a new
-- (survey_year, house_code, person_no) is inserted with its household's area codes, a known one
-- updated when a value differs. Returns the counts.
with merged as (
  insert into person as p (survey_year, house_code, person_no, village_code, subdistrict_code, district_code, province_code,
                           national_id, age, sex, relation_to_head, disabled, in_education, employed, literate,
                           welfare_card, needs_daily_care, receives_care, unemployed, underemployed)
  select v.survey_year, v.house_code, v.person_no, h.village_code, h.subdistrict_code, h.district_code, h.province_code,
         v.national_id, v.age, v.sex, v.relation_to_head, v.disabled, v.in_education, v.employed, v.literate,
         v.welfare_card, v.needs_daily_care, v.receives_care, v.unemployed, v.underemployed
  from import_valid v
  join household h on h.survey_year = v.survey_year and h.house_code = v.house_code
  on conflict (survey_year, house_code, person_no) do update set
    national_id = excluded.national_id, age = excluded.age, sex = excluded.sex, relation_to_head = excluded.relation_to_head,
    disabled = excluded.disabled, in_education = excluded.in_education, employed = excluded.employed,
    literate = excluded.literate, welfare_card = excluded.welfare_card, needs_daily_care = excluded.needs_daily_care,
    receives_care = excluded.receives_care, unemployed = excluded.unemployed, underemployed = excluded.underemployed
  where (p.national_id, p.age, p.sex, p.relation_to_head, p.disabled, p.in_education, p.employed, p.literate,
         p.welfare_card, p.needs_daily_care, p.receives_care, p.unemployed, p.underemployed)
        is distinct from
        (excluded.national_id, excluded.age, excluded.sex, excluded.relation_to_head, excluded.disabled, excluded.in_education,
         excluded.employed, excluded.literate, excluded.welfare_card, excluded.needs_daily_care, excluded.receives_care,
         excluded.unemployed, excluded.underemployed)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted,
       count(*) filter (where not inserted)::bigint as updated
from merged;
