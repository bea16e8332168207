package dev.sluice.workflow;

/** Task queues: backfills have their own so they cannot starve scheduled runs. */
public final class TaskQueues {

    public static final String EXPORTS = "sluice-exports";
    public static final String BACKFILLS = "sluice-backfills";

    private TaskQueues() {
    }
}
