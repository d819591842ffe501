-- Merge of validated menu items (import_valid) into menu_item, inside the import's one transaction:
-- a new code is inserted, a known one updated where anything differs, identical ones left alone.
with merged as (
  insert into menu_item as m (code, agency, title_th, title_en, dimension, indicators, target_groups, stage,
                              age_min, age_max, welfare_card_required, area_codes, capacity_per_year)
  select code, agency, title_th, title_en, dimension, indicators, target_groups, stage,
         age_min, age_max, welfare_card_required, area_codes, capacity_per_year
  from import_valid
  on conflict (code) do update set
    agency = excluded.agency, title_th = excluded.title_th, title_en = excluded.title_en, dimension = excluded.dimension,
    indicators = excluded.indicators, target_groups = excluded.target_groups, stage = excluded.stage,
    age_min = excluded.age_min, age_max = excluded.age_max, welfare_card_required = excluded.welfare_card_required,
    area_codes = excluded.area_codes, capacity_per_year = excluded.capacity_per_year, updated_at = now()
  where (m.agency, m.title_th, m.title_en, m.dimension, m.indicators, m.target_groups, m.stage, m.age_min, m.age_max,
         m.welfare_card_required, m.area_codes, m.capacity_per_year)
        is distinct from
        (excluded.agency, excluded.title_th, excluded.title_en, excluded.dimension, excluded.indicators, excluded.target_groups,
         excluded.stage, excluded.age_min, excluded.age_max, excluded.welfare_card_required, excluded.area_codes, excluded.capacity_per_year)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted,
       count(*) filter (where not inserted)::bigint as updated
from merged;
