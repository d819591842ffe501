-- A hand-off batch's targets: the matched people (menu_match) of one agency's items in one area and
-- survey year, optionally only those the items' capacity reaches and only some items. Per person:
-- one row per matched member and item. Per household: one row per household and item, addressed to
-- its head (person_no 1) whichever members matched (with allocated_only: when the capacity reaches
-- one of them). Run after the batch row is inserted, in the same transaction; returns the row count.
-- Parameters: batch, year, level (country | province | district | subdistrict | village), code,
-- agency, items (menu item codes, text[]; empty = all the agency's items), allocated_only (boolean),
-- unit ('person' | 'household').
with inserted as (
  insert into handoff_target (batch_id, survey_year, house_code, person_no, menu_item_id)
  select distinct cast(:batch as bigint), x.survey_year, x.house_code,
         case when cast(:unit as text) = 'person' then x.person_no else 1 end, x.menu_item_id
  from menu_match x
  join menu_item m on m.id = x.menu_item_id
  join household h on h.survey_year = x.survey_year and h.house_code = x.house_code
  where x.survey_year = :year
    and m.agency = :agency
    and (cardinality(cast(:items as text[])) = 0 or m.code = any (cast(:items as text[])))
    and (not cast(:allocated_only as boolean) or x.allocated)
    and case cast(:level as text) when 'country' then true
                    when 'province' then h.province_code = :code
                    when 'district' then h.district_code = :code
                    when 'subdistrict' then h.subdistrict_code = :code
                    else h.village_code = :code end
  returning 1
)
select count(*)::integer as n from inserted
