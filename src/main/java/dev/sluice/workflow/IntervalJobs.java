package dev.sluice.workflow;

import java.util.UUID;

/** Where the destination activity gets its run from and writes its log lines to. */
interface IntervalJobs {

    IntervalJob load(UUID runId);

    void log(IntervalJob job, String level, String message);
}
