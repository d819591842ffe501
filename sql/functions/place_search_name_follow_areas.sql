-- Trigger function on admin_area (sql/migrations/024_place_search_typo.sql): place_search_name holds
-- each distinct typo key (admin_area.typo_key) once, so it follows every change of the areas in the
-- same transaction, whoever made it (the generator, a boundary import, an edit by hand). A key is
-- dropped only when no area has it any more. Statement-level, with the changed rows as transition
-- tables `new_areas` and `old_areas` (TRUNCATE has neither: it empties the table).
create or replace function povmap.place_search_name_follow_areas() returns trigger
language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    delete from place_search_name;
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    delete from place_search_name n
    where n.typo_key in (select o.typo_key from old_areas o)
      and not exists (select 1 from admin_area a where a.typo_key = n.typo_key);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into place_search_name (typo_key)
    select distinct n.typo_key from new_areas n
    on conflict do nothing;
  end if;
  return null;
end
$$;
