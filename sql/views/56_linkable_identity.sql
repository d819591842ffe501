-- The identities an external registry links to (server/linkage/): the keyed hash
-- HMAC-SHA256(national id, secret) of every surveyed person (the person table), so a registry
-- member who is not the head of a household links to their own row. The import itself does not read
-- this view: it joins its staged ids with person.national_id in the import session
-- (sql/import/registry_merge.sql), the same people without hashing every surveyed id each time; this
-- is the keyed hash in SQL for a DBA checking a stored registry_record.id_hash by hand. The secret
-- comes from the session setting povmap.id_secret (set it from POVMAP_ID_SECRET or .data/id-secret);
-- unset, every id_hash is null.
drop view if exists linkable_identity cascade;

create view linkable_identity as
select p.survey_year, p.house_code, p.person_no,
       hmac(p.national_id, current_setting('povmap.id_secret', true), 'sha256') as id_hash
from person p;
