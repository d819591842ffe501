-- Household debt, access to finance, unemployment and under-employment (issue 24, item 2): the
-- survey's flags where a survey carries them. Every flag is nullable: null = the survey of that
-- year (or that import) did not ask, which is not the same as "no"; shares are over the households
-- or people that were asked.
--
-- household.has_debt       the household owes money to anyone (bank, cooperative, village fund,
--                          moneylender, shop, relatives, …)
-- household.informal_debt  part of that debt is owed outside banks, cooperatives and village funds
--                          (moneylenders, shops, employers, relatives): only a household with debt
-- household.finance_access a member holds an account at a bank or savings cooperative, or the
--                          household can borrow from one (formal credit within reach)
-- person.unemployed        working age 15–59, neither employed nor in education, available for and
--                          looking for work: a subset of the group "working age without work"
--                          (sql/views/55_area_person_stats.sql), so it never contradicts `employed`
-- person.underemployed     working age 15–59 and employed, working under 35 hours a week and wanting
--                          more work (time-related under-employment)
-- The labour force (the shares' denominator, sql/views/55_area_person_stats.sql) is the people aged
-- 15–59 asked about unemployment who are employed or unemployed.
alter table household
  add column has_debt boolean,
  add column informal_debt boolean,
  add column finance_access boolean,
  add constraint household_informal_debt_is_debt check (not (informal_debt and has_debt is not true));

alter table person
  add column unemployed boolean,
  add column underemployed boolean,
  add constraint person_unemployed_without_work
    check (not (unemployed and (employed or in_education or age not between 15 and 59))),
  add constraint person_underemployed_employed
    check (not (underemployed and (not employed or age not between 15 and 59)));

-- The household rollup's counts of them (kept by povmap.refresh_household_rollups,
-- sql/functions/refresh_household_rollups.sql). Rows written before this migration hold households
-- whose flags are all null (nobody was asked), so 0 is their true count.
alter table area_stats
  add column debt_asked_households    integer not null default 0, -- has_debt is not null
  add column debt_households          integer not null default 0,
  add column informal_debt_households integer not null default 0,
  add column finance_asked_households integer not null default 0, -- finance_access is not null
  add column no_finance_households    integer not null default 0;
