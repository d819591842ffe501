-- The generator's households, written with COPY by server/generate/households.ts (the caller adds
-- `with (freeze)`: the table is emptied in the same transaction). No bindings.
copy household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                geom, members, deprived, income_per_person, dependents, housing_problem,
                welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access) from stdin
