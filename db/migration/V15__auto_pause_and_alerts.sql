-- Why an export paused itself (null when a person paused it or it is not paused).
alter table batch_exports add column paused_reason text;

-- What the notifier remembers per export: the run streaks it alerts and pauses on.
create table export_health (
    batch_export_id       uuid primary key references batch_exports (id) on delete cascade,
    -- Failed runs (user errors) since the last Completed one
    consecutive_failures  integer     not null default 0,
    -- Completed runs with rows since the last one without
    consecutive_with_rows integer     not null default 0,
    last_updated_at       timestamptz not null
);

-- When each kind of alert was last sent for an export, to send at most one per kind and hour.
create table export_alerts_sent (
    batch_export_id  uuid        not null references batch_exports (id) on delete cascade,
    kind             text        not null,
    last_sent_at     timestamptz not null,
    primary key (batch_export_id, kind)
);
