-- Person search and export (issue 20 part 4) list an area's people in (house_code, person_no)
-- order, page by page. An index on the area alone (006's person_province_idx, person_district_idx)
-- finds the rows but not in that order, so every page of a province (~470,000 people on the national
-- profile) would sort them all first. These replace those two with indexes that also carry the
-- order, so a page reads the index in order and stops after the page; they serve the plain
-- "people of the area in the year" lookups of the rollups as well, so the table keeps as many
-- indexes as before (each secondary index on 36 M rows costs generation time).
-- Subdistricts and villages (~5,000 and ~500 people nationally) are sorted quickly from 006's indexes.
drop index if exists person_province_idx;
drop index if exists person_district_idx;
-- A bulk load interrupted before rebuilding the deferred indexes must not bring the old ones back.
delete from povmap.deferred_index where name in ('person_province_idx', 'person_district_idx');
create index person_province_house_idx on person (survey_year, province_code, house_code, person_no);
create index person_district_house_idx on person (survey_year, district_code, house_code, person_no);
