-- The identities an external registry links to (server/linkage/, sql/import/registry_*.sql): the
-- keyed hash HMAC-SHA256(national id, secret) of each surveyed person. The secret comes from the
-- session setting povmap.id_secret, which only the registry import sets (from POVMAP_ID_SECRET or
-- the generated .data/id-secret); unset, every id_hash is null and nothing links.
--
-- EXTENSION POINT (person level). Until the person table exists this covers household heads only
-- (person_no 1, the household's national_id). When it lands, this view reads every person's id.
drop view if exists linkable_identity cascade;

create view linkable_identity as
select h.survey_year, h.house_code, 1::smallint as person_no,
       hmac(h.national_id, current_setting('povmap.id_secret', true), 'sha256') as id_hash
from household h;
