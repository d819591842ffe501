-- The identities an external registry links to (server/linkage/, sql/import/registry_*.sql): the
-- keyed hash HMAC-SHA256(national id, secret) of every surveyed person (the person table), so a
-- registry member who is not the head of a household links to their own row. The secret comes
-- from the session setting povmap.id_secret, which only the registry import sets (from
-- POVMAP_ID_SECRET or the generated .data/id-secret); unset, every id_hash is null and nothing links.
drop view if exists linkable_identity cascade;

create view linkable_identity as
select p.survey_year, p.house_code, p.person_no,
       hmac(p.national_id, current_setting('povmap.id_secret', true), 'sha256') as id_hash
from person p;
