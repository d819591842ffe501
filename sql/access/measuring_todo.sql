-- The households a measuring's first step left to measure (sql/access/begin_household_access.sql),
-- read with COPY by server/access/measure.ts: the columns of their household_access row up to the
-- point, the point last (null for a household without a location; the measuring reads its longitude
-- and latitude from its hex EWKB, server/db/hex-ewkb-point.ts). No bindings.
copy (select survey_year, house_code, province_code, district_code, subdistrict_code, village_code, members, target, geom
      from access_todo) to stdout
