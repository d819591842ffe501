-- People as the person search and its CSV show them (server/persons/): the group flags of
-- person_in_groups, the address names of the household's areas and a masked copy of the national id
-- (sql/functions/mask_pii.sql) for analysts without the PII grant. Person rows carry no names or
-- positions, so the national id is their only PII. Columns a query does not select cost nothing.
drop view if exists person_list cascade;

create view person_list as
select g.*,
       povmap.mask_national_id(g.national_id) as national_id_masked,
       concat_ws(' ', v.name_th, 'ต.' || s.name_th, 'อ.' || d.name_th, 'จ.' || pr.name_th) as address_th,
       concat_ws(', ', v.name_en, s.name_en, d.name_en, pr.name_en) as address_en
from person_in_groups g
join admin_area v on v.code = g.village_code
join admin_area s on s.code = g.subdistrict_code
join admin_area d on d.code = g.district_code
join admin_area pr on pr.code = g.province_code;
