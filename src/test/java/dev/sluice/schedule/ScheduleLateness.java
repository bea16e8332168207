package dev.sluice.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a window of scheduled runs measured: for every interval of every export that ended in the
 * window, how long after the interval's end its run started (the run row's {@code created_at}),
 * how many never started and how many failed. Percentiles are nearest-rank; they are null when no
 * run started.
 *
 * @param exports   exports that were scheduled
 * @param intervals interval ends in the window (each export has one interval ending at each)
 * @param runs      runs that started for those intervals
 */
record ScheduleLateness(int exports, int intervals, int runs, Double p50Seconds, Double p95Seconds, Double maxSeconds,
                        int notStarted, int failed) {

    /** A run row: its export, the end of its interval, when it was created and its status name. */
    record ScheduledRun(UUID exportId, Instant intervalEnd, Instant createdAt, String status) {
    }

    private static final Set<String> FAILED = Set.of("Failed", "FailedRetryable", "TimedOut", "Terminated", "Cancelled");

    /** The interval ends {@code e} with {@code from < e <= to} of intervals of length {@code every}, aligned to the epoch. */
    static List<Instant> intervalEnds(Instant from, Instant to, Duration every) {
        long step = every.toMillis();
        List<Instant> ends = new ArrayList<>();
        for (long end = Math.floorDiv(from.toEpochMilli(), step) * step + step; end <= to.toEpochMilli(); end += step) {
            ends.add(Instant.ofEpochMilli(end));
        }
        return ends;
    }

    /** Measures {@code runs} (any runs of the exports; others are ignored) against the intervals ending at {@code ends}. */
    static ScheduleLateness of(Set<UUID> exports, List<Instant> ends, List<ScheduledRun> runs) {
        Set<Instant> window = new HashSet<>(ends);
        Map<String, ScheduledRun> first = new HashMap<>();
        for (ScheduledRun run : runs) {
            if (exports.contains(run.exportId()) && window.contains(run.intervalEnd())) {
                first.merge(run.exportId() + "@" + run.intervalEnd(), run, (a, b) -> a.createdAt().isBefore(b.createdAt()) ? a : b);
            }
        }
        List<Double> lateness = first.values().stream()
                .map(r -> Duration.between(r.intervalEnd(), r.createdAt()).toMillis() / 1000.0).sorted().toList();
        int failed = (int) first.values().stream().filter(r -> FAILED.contains(r.status())).count();
        return new ScheduleLateness(exports.size(), ends.size(), lateness.size(), percentile(lateness, 0.50), percentile(lateness, 0.95),
                lateness.isEmpty() ? null : lateness.get(lateness.size() - 1), exports.size() * ends.size() - lateness.size(), failed);
    }

    private static Double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    String table() {
        return String.format(Locale.ROOT, """
                exports  intervals  runs  p50 lateness  p95 lateness  max lateness  not started  failed
                %7d  %9d  %4d  %12s  %12s  %12s  %11d  %6d""",
                exports, intervals, runs, seconds(p50Seconds), seconds(p95Seconds), seconds(maxSeconds), notStarted, failed);
    }

    String json() {
        return String.format(Locale.ROOT, "{\"exports\": %d, \"intervals\": %d, \"runs\": %d, \"p50_lateness_s\": %s, \"p95_lateness_s\": %s,"
                        + " \"max_lateness_s\": %s, \"not_started\": %d, \"failed\": %d}",
                exports, intervals, runs, number(p50Seconds), number(p95Seconds), number(maxSeconds), notStarted, failed);
    }

    private static String seconds(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f s", value);
    }

    private static String number(Double value) {
        return value == null ? "null" : String.format(Locale.ROOT, "%.1f", value);
    }
}
