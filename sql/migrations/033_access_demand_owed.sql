-- The villages' demand points (access_village) owed a recount, per province and survey year. A
-- province whose households an import changed is measured in parts on both connections when it is
-- the only one (issue 18: the refresh after a 1 M-row import of province 10 spent 69 s of 88 s
-- measuring on one core); its demand points rest on all of its households, so they are counted once
-- after the parts, not inside each. Each part records what it owes in its own transaction, so a
-- refresh stopped between the parts and the recount leaves the recount owed to the next one
-- (server/access/refresh.ts), as access_2sfca_owed does for the ratios.
create table access_demand_owed (
  province_code text not null,
  survey_year smallint not null,
  primary key (province_code, survey_year)
);
