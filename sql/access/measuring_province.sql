-- Every household of one province (bound as the only parameter), read with COPY when every
-- household's distances are measured anew into an empty household_access (server/access/measure-anew.ts):
-- the columns of sql/access/measuring_todo.sql (household_access's columns up to the point, the point
-- last), read from household itself, in the order it is stored (nearly
-- household_access's key order: a house code starts with its province's code).
copy (select survey_year, house_code, province_code, district_code, subdistrict_code, village_code, members, deprived <> 0 as target, geom
      from household
      where province_code = ?) to stdout
