-- Crash-safe imports: what a committed merge still owes the published figures.
--
-- A household or logbook merge commits in one transaction; the refresh that follows it (rollups,
-- hotspots, the light model, the tiles' data version, the distances to services) runs after it and
-- takes minutes on national data. The merge transaction now also writes a row here, so a process
-- killed after its commit leaves a mark that the next server or CLI start (or the next import)
-- finds and refreshes from (server/imports/refresh-pending.ts); the row is deleted, and its job
-- marked done, in one transaction once that refresh has run.
create table import_refresh_pending (
  job_id    bigint primary key references import_job (id) on delete cascade,
  kind      text not null check (kind in ('households', 'assistance')),
  provinces text[],    -- households: the provinces whose households the merge changed; null = all
  years     smallint[], -- and their survey years; null = all
  marked_at timestamptz not null default now()
);

-- A job whose merge committed but whose refresh was interrupted: `refresh_pending` until it is
-- resumed (then `refreshing`, then `done`).
alter table import_job drop constraint import_job_state_check;
alter table import_job add constraint import_job_state_check
  check (state in ('queued', 'reading', 'validating', 'merging', 'refreshing', 'refresh_pending', 'done', 'failed'));

-- Jobs that earlier versions marked failed after a kill while refreshing: their merge committed but
-- their figures were never refreshed. They owe a full refresh (provinces and years unknown).
insert into import_refresh_pending (job_id, kind)
select id, kind from import_job where state = 'failed' and error like 'interrupted while refreshing%';
update import_job set state = 'refresh_pending', finished_at = null,
  error = 'merged; the refresh of the published figures was interrupted and runs at the next start or import'
where state = 'failed' and error like 'interrupted while refreshing%';
