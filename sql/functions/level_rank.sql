-- Area levels in nesting order: country 0, province 1, district 2, subdistrict 3, village 4.
create or replace function povmap.level_rank(level text) returns smallint
language sql immutable strict parallel safe as $$
  select case level when 'country' then 0 when 'province' then 1 when 'district' then 2
                    when 'subdistrict' then 3 when 'village' then 4 end::smallint
$$;
