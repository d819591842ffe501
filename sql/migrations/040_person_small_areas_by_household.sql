-- The person search of a subdistrict or a village (about 5,000 and 500 people nationally) reads the
-- area's households by their own indexes (household_subdistrict_idx, household_village_idx) and their
-- people by person's primary key (sql/views/32_person_in_groups.sql), so person needs no index of
-- those areas. Each was a sort of all 36 M people of the national profile when generated (18–23 s
-- and 21 s, built alone) and one more index entry per person on every import.
drop index if exists person_village_idx;
drop index if exists person_subdistrict_idx;
-- A bulk load interrupted before rebuilding the deferred indexes must not bring them back.
delete from povmap.deferred_index where name in ('person_village_idx', 'person_subdistrict_idx');
