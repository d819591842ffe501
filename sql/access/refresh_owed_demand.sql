-- The villages' demand points the parts of a measuring left owed (access_demand_owed), counted and
-- settled in one transaction (sql/functions/refresh_household_access.sql); `villages_changed`: the
-- demand points written or deleted. No bindings.
select povmap.refresh_owed_access_demand() as villages_changed
