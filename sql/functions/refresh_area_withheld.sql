-- The disclosure policy of every public aggregate output (issue 15; design §8). One place decides
-- which counts of the rollups the public may not see; everything public (the tiles through
-- area_public and tile_area_metrics, the API through server/disclosure/) hides those cells and every
-- share, mean, index or z-score computed from them.
--
-- Cells: per area (the country 'TH', provinces, districts, subdistricts, villages) and survey year,
-- the counts of households or people the rollups hold: households, people, target_households,
-- target_people, poor_households, poor_people (default k = 1/3), vulnerable_households,
-- target_with_card, target_without_card, to_survey, helped_households, fail_dims_0..5,
-- vulnerability_0..3, deprived_<indicator>, censored_people_<indicator>, dim_failed_<dimension>.
--
-- 1. Primary suppression (threshold rule, n = 5): a count from 1 to 4 is withheld ('count-1-4'), and
--    so is a count of people in a group of 1 to 4 households (a family's size): people of 1-4
--    households, target_people of 1-4 targets, poor_people and censored_people_* of 1-4 poor
--    households (the poor households bound the censored group from above).
--    An area with 1 to 4 households is withheld whole ('area-under-5', zeros included): it publishes
--    only its name and code. Zero is published otherwise ("nobody" discloses nobody).
-- 2. Complementary suppression, the standard "no single withheld cell in a published margin" rule,
--    applied until nothing changes (deterministic: ties go to the smaller value, then the code/cell):
--    a. within an area: the partitions fail_dims_0..5 = households, vulnerability_0..3 =
--       vulnerable_households, target_with_card + target_without_card = target_households. When the
--       total is published and exactly one cell is withheld, the smallest published non-zero cell is
--       withheld too (the total itself when there is none);
--    b. across the hierarchy (parent = sum of its children, for every cell): when the parent is
--       published and exactly one child is withheld, the smallest published non-zero sibling is
--       withheld too (the parent itself when there is none);
--    c. a value withheld by (a) or (b) whose parts are all published would be their sum: its two
--       smallest non-zero parts (children, or cells of its partition) are withheld too.
--    A parent of 0 has only children of 0: nothing to protect there.
-- Returns the number of withheld cells. Run after area_stats and area_assistance are refreshed, then
-- refresh area_public (server/db/refresh.ts does both).
create or replace function povmap.refresh_area_withheld() returns integer
language plpgsql as $$
declare
  changed integer;
  round_changes integer;
  rounds integer := 0;
  n integer;
begin
  create temporary table disclosure_cell on commit drop as
  select s.survey_year, s.code, s.level,
         case when s.level = 'country' then null else coalesce(a.parent_code, 'TH') end as parent,
         v.cell, v.value, v.total,
         case when s.households between 1 and 4 then 'area-under-5'
              when v.value between 1 and 4 or v.group_households between 1 and 4 then 'count-1-4' end as reason
  from area_stats s
  left join admin_area a on a.code = s.code
  left join area_assistance g on g.code = s.code and g.survey_year = s.survey_year
  cross join lateral (
    values ('households', s.households, null::text, null::integer), ('people', s.people, null, s.households),
           ('target_households', s.target_households, null, null), ('target_people', s.target_people, null, s.target_households),
           ('poor_households', s.poor_households, null, null), ('poor_people', s.poor_people, null, s.poor_households),
           ('vulnerable_households', s.vulnerable_households, null, null),
           ('target_with_card', s.target_with_card, 'target_households', null),
           ('target_without_card', s.target_without_card, 'target_households', null),
           ('to_survey', s.to_survey_households, null, null), ('helped_households', coalesce(g.helped_households, 0), null, null)
    union all select 'fail_dims_' || (i - 1), s.failed_dim_count_households[i], 'households', null from generate_series(1, 6) i
    union all select 'vulnerability_' || (i - 1), s.vulnerability_households[i], 'vulnerable_households', null from generate_series(1, 4) i
    union all select 'deprived_' || x.id, s.deprived_households[x.number], null, null from povmap.indicator x
    union all select 'censored_people_' || x.id, s.censored_people[x.number], null, s.poor_households from povmap.indicator x
    union all select 'dim_failed_' || d.id, s.dim_failed_households[d.number], null, null from povmap.dimension d
  ) v(cell, value, total, group_households)
  -- zeros are published and never withheld, except in an area withheld whole
  where v.value > 0 or s.households between 1 and 4;

  create index on disclosure_cell (survey_year, code, cell);
  create index on disclosure_cell (survey_year, parent, cell);
  analyze disclosure_cell;

  loop
    rounds := rounds + 1;
    round_changes := 0;

    -- (a) one withheld cell of a partition whose total is published
    with lone as (
      select w.survey_year, w.code, w.total from disclosure_cell w
      where w.total is not null and w.reason is not null
      group by 1, 2, 3 having count(*) = 1
    ), open as (
      select l.* from lone l
      where not exists (select 1 from disclosure_cell t where t.survey_year = l.survey_year and t.code = l.code
                          and t.cell = l.total and t.reason is not null)
    ), pick as (
      select distinct on (o.survey_year, o.code, o.total) c.survey_year, c.code, c.cell
      from open o
      join disclosure_cell c on c.survey_year = o.survey_year and c.code = o.code
       and (c.total = o.total or c.cell = o.total) and c.reason is null and c.value > 0
      order by o.survey_year, o.code, o.total, c.cell = o.total, c.value, c.cell
    )
    update disclosure_cell c set reason = 'complementary' from pick p
    where c.survey_year = p.survey_year and c.code = p.code and c.cell = p.cell;
    get diagnostics changed = row_count;
    round_changes := round_changes + changed;

    -- (b) one withheld child under a published parent
    with lone as (
      select w.survey_year, w.parent, w.cell from disclosure_cell w
      where w.parent is not null and w.reason is not null
      group by 1, 2, 3 having count(*) = 1
    ), open as (
      select l.* from lone l
      where not exists (select 1 from disclosure_cell t where t.survey_year = l.survey_year and t.code = l.parent
                          and t.cell = l.cell and t.reason is not null)
    ), pick as (
      select distinct on (o.survey_year, o.parent, o.cell) c.survey_year, c.code, c.cell
      from open o
      join disclosure_cell c on c.survey_year = o.survey_year and c.cell = o.cell
       and (c.parent = o.parent or c.code = o.parent) and c.reason is null and c.value > 0
      order by o.survey_year, o.parent, o.cell, c.code = o.parent, c.value, c.code
    )
    update disclosure_cell c set reason = 'complementary' from pick p
    where c.survey_year = p.survey_year and c.code = p.code and c.cell = p.cell;
    get diagnostics changed = row_count;
    round_changes := round_changes + changed;

    -- (c) a complementary cell whose children, or whose partition's cells, are all published
    with bare as (
      select p.survey_year, p.code, p.cell, p.level from disclosure_cell p
      where p.reason = 'complementary'
    ), part as (
      select c.survey_year, c.code, c.cell, row_number() over (partition by b.survey_year, b.code, b.cell order by c.value, c.code) as r
      from bare b
      join disclosure_cell c on c.survey_year = b.survey_year and c.parent = b.code and c.cell = b.cell and c.value > 0
      where b.level <> 'village'
        and not exists (select 1 from disclosure_cell w where w.survey_year = b.survey_year and w.parent = b.code
                          and w.cell = b.cell and w.reason is not null)
      union all
      select c.survey_year, c.code, c.cell, row_number() over (partition by b.survey_year, b.code, b.cell order by c.value, c.cell) as r
      from bare b
      join disclosure_cell c on c.survey_year = b.survey_year and c.code = b.code and c.total = b.cell and c.value > 0
      where not exists (select 1 from disclosure_cell w where w.survey_year = b.survey_year and w.code = b.code
                          and w.total = b.cell and w.reason is not null)
    )
    update disclosure_cell c set reason = 'complementary' from part p
    where p.r <= 2 and c.survey_year = p.survey_year and c.code = p.code and c.cell = p.cell and c.reason is null;
    get diagnostics changed = row_count;
    round_changes := round_changes + changed;

    exit when round_changes = 0;
    if rounds >= 100 then
      raise exception 'complementary suppression did not settle after % rounds', rounds;
    end if;
  end loop;

  delete from area_withheld;
  insert into area_withheld (survey_year, code, cell, reason)
  select survey_year, code, cell, reason from disclosure_cell where reason is not null;
  get diagnostics n = row_count;
  return n;
end;
$$;
