package dev.sluice.schedule;

import dev.sluice.common.DataInterval;
import dev.sluice.common.IntervalGrid;
import dev.sluice.export.BatchExport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Interval arithmetic both schedulers share. */
final class ExportGrids {

    private ExportGrids() {
    }

    static IntervalGrid of(BatchExport export) {
        return new IntervalGrid(export.getInterval(), export.zoneId(), export.getIntervalOffset());
    }

    /** The newest interval that has ended by {@code now}. */
    static DataInterval latestComplete(IntervalGrid grid, Instant now) {
        return grid.intervalEndingAt(grid.floor(now));
    }

    /** Whether a run is scheduled at boundary {@code end}: after start_at, and not after end_at. */
    static boolean scheduled(BatchExport export, Instant end) {
        return (export.getStartAt() == null || end.isAfter(export.getStartAt()))
                && (export.getEndAt() == null || !end.isAfter(export.getEndAt()));
    }

    /** The next {@code count} scheduled run times after {@code now}. */
    static List<Instant> upcoming(BatchExport export, Instant now, int count) {
        IntervalGrid grid = of(export);
        List<Instant> times = new ArrayList<>();
        Instant b = grid.next(now);
        if (export.getStartAt() != null && export.getStartAt().isAfter(b)) {
            b = grid.next(export.getStartAt());
        }
        while (times.size() < count && (export.getEndAt() == null || !b.isAfter(export.getEndAt()))) {
            times.add(b);
            b = grid.next(b);
        }
        return times;
    }
}
