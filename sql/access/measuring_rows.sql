-- The measured households' rows, written with COPY by server/access/measure.ts: the columns of
-- sql/access/measuring_todo.sql (the point last), then the nearest school and clinic and their metres.
-- No bindings.
copy household_access (survey_year, house_code, province_code, district_code, subdistrict_code, village_code, members, target, geom,
                       school_id, school_m, clinic_id, clinic_m) from stdin
