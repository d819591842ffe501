-- The digest of each area's stored decisions (issue 18: the refresh after an import). The policy
-- decides a survey year's every area again (complementary suppression can reach any area), but an
-- import changes few of them: with the digest of what was stored, the server sends and compares only
-- the areas whose decisions differ (national: 85,000 areas, 95 MB of JSON each refresh before).
-- md5 of the area's COPY line as server/disclosure/refresh.ts writes it; null (rows stored before
-- this migration) differs from every digest, so those areas are written once more.
alter table area_public add column digest text;
