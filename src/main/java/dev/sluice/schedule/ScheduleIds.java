package dev.sluice.schedule;

import java.util.UUID;

/** Ids of Temporal Schedules. */
final class ScheduleIds {

    private ScheduleIds() {
    }

    static String of(UUID exportId) {
        return "batch-export-" + exportId;
    }
}
