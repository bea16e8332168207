-- The event source streams an interval in (inserted_at, uuid) order and resumes with a row
-- comparison on the same pair; an index in exactly that order lets PostgreSQL read the interval
-- without sorting it. It supersedes the (project_id, inserted_at) index.
create index events_interval_scan_idx on events (project_id, inserted_at, uuid);
drop index events_interval_idx;

-- Persons are streamed in (updated_at, id) order.
create index persons_updated_scan_idx on persons (project_id, updated_at, id);
drop index persons_updated_idx;

-- A person's distinct ids are aggregated per exported person.
create index person_distinct_ids_person_idx on person_distinct_ids (project_id, person_id);
