-- The rows of households_new_out.sql into household, inside the import's merge transaction: the
-- generated MPI columns, the indexes and the village foreign key as for any insert.
copy household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                geom, members, deprived, income_per_person, dependents, housing_problem,
                welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access)
from stdin
