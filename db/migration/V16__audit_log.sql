-- Who created, edited, paused, unpaused, deleted, backfilled or retried what, and when.
create table audit_log (
    id             bigserial primary key,
    project_id     uuid        not null references projects (id) on delete cascade,
    timestamp      timestamptz not null,
    actor          text        not null,
    action         text        not null,
    resource_type  text        not null,
    resource_id    text        not null,
    detail         text
);
create index audit_log_project_idx on audit_log (project_id, timestamp desc, id desc);
