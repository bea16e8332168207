package dev.sluice.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An export's schedule as a person sees it: whether it is paused and when it runs next. */
public record ExportSchedule(UUID exportId, boolean paused, List<Instant> nextRunTimes) {
}
