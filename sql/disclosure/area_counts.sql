-- The counts the disclosure policy decides on that do not depend on the poverty cut-off, per area of
-- one survey year, in the order of COUNT_CELLS (server/disclosure/cells.ts): nine single counts, the
-- targets by logbook status (none, planned, in progress, done), the failed-dimension counts 0..5,
-- the vulnerability levels 0..3, deprived households per indicator and failed households per
-- dimension (by number), then per service (school, clinic) the located households, the located and
-- not located target households, and the located target households farther and nearer than 5 and
-- 10 km; then, per group of people (server/people/groups.ts order), the households holding one and
-- the group's people (area_person_stats; none for an area without person records); then the
-- targets served by the solution menu and not (unmet need); then the households asked about debt,
-- with debt and with informal debt, and those asked about access to finance and without it; last,
-- the registry figures. A province's parent is the country TH.
select s.code,
       case when s.level = 'country' then null else coalesce(a.parent_code, 'TH') end as parent,
       array[s.households, s.people, s.target_households, s.target_people, s.vulnerable_households,
             s.target_with_card, s.target_without_card, s.to_survey_households, coalesce(g.helped_households, 0),
             coalesce(g.targets_none, s.target_households), coalesce(g.targets_planned, 0),
             coalesce(g.targets_in_progress, 0), coalesce(g.targets_done, 0)]
       || s.failed_dim_count_households || s.vulnerability_households || s.deprived_households
       || s.dim_failed_households
       || array[x.school_located, x.target_school_located, s.target_households - x.target_school_located,
                x.target_school_far_5km, x.target_school_located - x.target_school_far_5km,
                x.target_school_far_10km, x.target_school_located - x.target_school_far_10km,
                x.clinic_located, x.target_clinic_located, s.target_households - x.target_clinic_located,
                x.target_clinic_far_5km, x.target_clinic_located - x.target_clinic_far_5km,
                x.target_clinic_far_10km, x.target_clinic_located - x.target_clinic_far_10km]
       -- per group of server/people/groups.ts, in its order: households holding one, then people
       || array[coalesce(ps.persons_households, 0), coalesce(ps.persons, 0),
                coalesce(ps.target_card_households, 0), coalesce(ps.target_card, 0),
                coalesce(ps.target_nocard_households, 0), coalesce(ps.target_nocard, 0),
                coalesce(ps.vulnerable_households, 0), coalesce(ps.vulnerable, 0),
                coalesce(ps.card_not_target_households, 0), coalesce(ps.card_not_target, 0),
                coalesce(ps.children_0_5_households, 0), coalesce(ps.children_0_5, 0),
                coalesce(ps.school_age_households, 0), coalesce(ps.school_age, 0),
                coalesce(ps.school_age_out_households, 0), coalesce(ps.school_age_out, 0),
                coalesce(ps.youth_households, 0), coalesce(ps.youth, 0),
                coalesce(ps.neet_households, 0), coalesce(ps.neet, 0),
                coalesce(ps.working_age_households, 0), coalesce(ps.working_age, 0),
                coalesce(ps.working_no_work_households, 0), coalesce(ps.working_no_work, 0),
                coalesce(ps.elderly_households, 0), coalesce(ps.elderly, 0),
                coalesce(ps.elderly_no_care_households, 0), coalesce(ps.elderly_no_care, 0),
                coalesce(ps.disabled_households, 0), coalesce(ps.disabled, 0),
                coalesce(ps.disabled_no_care_households, 0), coalesce(ps.disabled_no_care, 0),
                coalesce(ps.labour_force_households, 0), coalesce(ps.labour_force, 0),
                coalesce(ps.unemployed_households, 0), coalesce(ps.unemployed, 0),
                coalesce(ps.underemployed_households, 0), coalesce(ps.underemployed, 0)]
       -- the solution menu (area_menu_need): targets served, and the unmet need
       || array[coalesce(mn.served_households, 0), coalesce(mn.unmet_households, s.target_households)]
       -- household debt and access to finance (issue 24): asked, with debt, informal debt; asked, no access
       || array[s.debt_asked_households, s.debt_households, s.informal_debt_households,
                s.finance_asked_households, s.no_finance_households]
       -- the registry figures (area_registry_stats, REGISTRY_CELLS): groups 4, 3.2 and 4 without 3.2
       || array[coalesce(rg.exclusion_errors, 0), coalesce(rg.card_holders_unsurveyed, 0), coalesce(rg.exclusion_errors_no_card, 0)]
       as counts
from area_stats s
left join admin_area a on a.code = s.code
left join area_assistance g on g.code = s.code and g.survey_year = s.survey_year
left join area_person_stats ps on ps.code = s.code and ps.survey_year = s.survey_year
left join area_menu_need mn on mn.code = s.code and mn.survey_year = s.survey_year
left join area_registry_stats rg on rg.code = s.code and rg.survey_year = s.survey_year
-- no distances measured yet (no row): nothing located
left join lateral (
  select coalesce(max(y.school_located), 0) as school_located, coalesce(max(y.clinic_located), 0) as clinic_located,
         coalesce(max(y.target_school_located), 0) as target_school_located, coalesce(max(y.target_clinic_located), 0) as target_clinic_located,
         coalesce(max(y.target_school_far_5km), 0) as target_school_far_5km, coalesce(max(y.target_school_far_10km), 0) as target_school_far_10km,
         coalesce(max(y.target_clinic_far_5km), 0) as target_clinic_far_5km, coalesce(max(y.target_clinic_far_10km), 0) as target_clinic_far_10km
  from area_access_stats y where y.code = s.code and y.survey_year = s.survey_year
) x on true
where s.survey_year = :year
