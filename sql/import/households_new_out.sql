-- The validated households of a part of a file whose survey years no one had stored (import_valid, on
-- the import's connection), as COPY text rows in the column order of households_new_in.sql: they are
-- all new, so they go into household by COPY, without being looked up (server/imports/merge-transaction.ts).
copy (select survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
             geom, members, deprived, income_per_person, dependents, housing_problem,
             welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access
      from import_valid) to stdout
