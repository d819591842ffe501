-- How a data set was made (issue 18): the wall-clock time of each phase of the generator and of the
-- derivations `npm start` makes after it (server/generate/phase-clock.ts), as a JSON array of
-- {part, phase, ms}, and the generator revision that wrote the rows (server/generate/revision.ts).
-- Both are null for data sets made before this migration: their phases were never measured, and setup
-- treats a missing revision as an older one (a demo or tiny data set is generated again).
alter table dataset add column phases jsonb, add column generator_revision integer;
