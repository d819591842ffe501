-- Household debt and access to finance of some areas in one survey year (area_stats, migration 015):
-- the households asked and those with each flag (server/areas/finance.ts discloses them).
select s.code, s.debt_asked_households, s.debt_households, s.informal_debt_households,
       s.finance_asked_households, s.no_finance_households
from area_stats s
where s.survey_year = :year and s.code = any(string_to_array(:codes, ','))
