-- Households as the search screen and the CSV show them: address names, coordinates, one flag per
-- dimension, masked copies of the PII (sql/functions/mask_pii.sql) and the logbook status. Columns a
-- query does not select cost nothing (the view is flattened and unused expressions dropped).
-- Coarse coordinates (lon_coarse, lat_coarse) are what analysts without the PII grant get: the label
-- point of the household's village, not a ~1 km grid cell centre. The village code is in every row
-- already, so its label point discloses nothing more, and every household of a village shares it
-- (a village has tens to hundreds of households); a grid cell centre would add the position inside
-- the village, and a cell on the edge of a settlement may hold a single house, which its centre
-- then points at to within 500 m. Households without a location stay without one.
drop view if exists household_list cascade;

create view household_list as
select h.survey_year, h.house_code, h.province_code, h.district_code, h.subdistrict_code, h.village_code,
       h.head_name, h.national_id,
       povmap.mask_name(h.head_name) as head_name_masked,
       povmap.mask_national_id(h.national_id) as national_id_masked,
       concat_ws(' ', v.name_th, 'ต.' || s.name_th, 'อ.' || d.name_th, 'จ.' || p.name_th) as address_th,
       concat_ws(', ', v.name_en, s.name_en, d.name_en, p.name_en) as address_en,
       round(st_x(h.geom)::numeric, 6)::float8 as lon,
       round(st_y(h.geom)::numeric, 6)::float8 as lat,
       case when h.geom is not null then round(st_x(v.label_point)::numeric, 6)::float8 end as lon_coarse,
       case when h.geom is not null then round(st_y(v.label_point)::numeric, 6)::float8 end as lat_coarse,
       h.members, h.welfare_card_holders, h.deprived, h.failed_dims, h.failed_dim_count,
       -- generated: household_list_dimensions (npm run sql:generate from server/mpi/indicators.ts)
       h.failed_dims & 1 <> 0 as health,
       h.failed_dims & 2 <> 0 as living,
       h.failed_dims & 4 <> 0 as education,
       h.failed_dims & 8 <> 0 as income,
       h.failed_dims & 16 <> 0 as access,
       -- end generated
       h.vulnerability_level,
       -- debt and access to finance (migration 015): null where the survey did not ask
       h.has_debt, h.informal_debt, h.finance_access,
       povmap.logbook_status(h.survey_year, h.house_code) as logbook
from household h
join admin_area v on v.code = h.village_code
join admin_area s on s.code = h.subdistrict_code
join admin_area d on d.code = h.district_code
join admin_area p on p.code = h.province_code;
