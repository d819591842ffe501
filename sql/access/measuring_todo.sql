-- The households a measuring's first step left to measure (sql/access/begin_household_access.sql),
-- read with COPY by server/access/measure.ts: the columns of their household_access row up to the
-- point, then the point's longitude and latitude (null for a household without a location).
-- No bindings.
copy (select survey_year, house_code, province_code, district_code, subdistrict_code, village_code, members, target, geom,
             st_x(geom), st_y(geom)
      from access_todo) to stdout
