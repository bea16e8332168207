package dev.sluice.common;

/** What a Sluice process does ({@code sluice.roles}); a process has one or both. */
public enum Role {
    /** Serves the UI, the REST API and event capture. */
    WEB,
    /** Polls the Temporal task queues and runs exports and backfills. */
    WORKER
}
