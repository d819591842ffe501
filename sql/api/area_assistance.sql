-- Assistance logbook progress of one area in one survey year, read from the logbook rollup
-- area_assistance (sql/functions/area_assistance.sql): surveyed households, targets (failing at least
-- one indicator), targets helped (at least one 'done' entry), and targets by logbook status (the
-- latest entry's status, 'none' without one). The rollup is what the disclosure policy decided on,
-- so the published figures are the ones it checked; a logbook write refreshes it moments later
-- (ImportQueue.refreshAssistanceSoon). Counting live instead read every household of the area on
-- each request: 15 s for the country on the national profile, over the API's time budget.
-- An area without households has no row: zeros. Parameters: year, code.
select coalesce(a.households, 0) as households, coalesce(a.target_households, 0) as target_households,
       coalesce(a.helped_households, 0) as helped_households, coalesce(a.targets_none, 0) as targets_none,
       coalesce(a.targets_planned, 0) as targets_planned, coalesce(a.targets_in_progress, 0) as targets_in_progress,
       coalesce(a.targets_done, 0) as targets_done
from (select 1) as one
left join area_assistance a on a.code = :code and a.survey_year = :year
