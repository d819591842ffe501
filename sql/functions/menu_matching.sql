-- What the solution menu's matching (sql/functions/menu_match.sql) asks of a menu item and a household.

-- The deprivation bits a menu item addresses: its listed indicators, or every indicator of its
-- dimension when none is listed (bit number - 1 as in household.deprived).
create or replace function povmap.menu_mask(dimension text, indicators text[]) returns integer
language sql stable parallel safe as $$
  select coalesce(sum(1 << (i.number - 1)), 0)::integer
  from povmap.indicator i
  where i.dimension = menu_mask.dimension
    and (cardinality(menu_mask.indicators) = 0 or i.id = any (menu_mask.indicators))
$$;

-- The plan's target groups a surveyed household belongs to (design §10): 1 urgent targets (fails an
-- indicator), 2 vulnerable households (has a vulnerability level), 3 to survey (a card holder that
-- fails nothing). Group 4 (exclusion errors) is people in no survey: never a surveyed household.
create or replace function povmap.household_groups(deprived integer, vulnerability_level smallint, welfare_card_holders smallint)
returns smallint[]
language sql immutable parallel safe as $$
  select array_remove(array[
    case when deprived <> 0 then 1 end,
    case when vulnerability_level is not null then 2 end,
    case when deprived = 0 and welfare_card_holders > 0 then 3 end
  ]::smallint[], null)
$$;

