package dev.sluice.workflow;

import dev.sluice.common.ExportInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backfill bookkeeping in memory: an hourly UTC backfill of {@code intervals} hours from
 * {@link #START}. Interval ends in {@link #exportedBefore} already have a run (so a re-run gets a
 * suffixed id); those in {@link #completedByThisBackfill} were completed before a restart.
 */
class RecordingBackfillActivities implements BackfillActivities {

    static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    final int intervals;
    final int concurrency;
    final int childrenPerExecution;
    final Set<Instant> exportedBefore = ConcurrentHashMap.newKeySet();
    final Set<Instant> completedByThisBackfill = ConcurrentHashMap.newKeySet();
    final AtomicInteger plans = new AtomicInteger();
    final List<BackfillProgress> progress = new CopyOnWriteArrayList<>();
    final List<BackfillOutcome> outcomes = new CopyOnWriteArrayList<>();

    RecordingBackfillActivities(int intervals, int concurrency, int childrenPerExecution) {
        this.intervals = intervals;
        this.concurrency = concurrency;
        this.childrenPerExecution = childrenPerExecution;
    }

    static Instant end(int interval) {
        return START.plus(Duration.ofHours(interval + 1L));
    }

    @Override
    public BackfillPlan planBackfill(BackfillRef backfill) {
        plans.incrementAndGet();
        return new BackfillPlan(false, ExportInterval.HOUR, "UTC", 0, START.plusSeconds(90), end(intervals - 1).minusSeconds(60),
                concurrency, childrenPerExecution);
    }

    @Override
    public PreparedRun prepareRun(RunSlot slot) {
        if (completedByThisBackfill.contains(slot.intervalEnd())) {
            return new PreparedRun(WorkflowIds.run(slot.exportId(), slot.intervalEnd()), true);
        }
        if (exportedBefore.contains(slot.intervalEnd())) {
            return new PreparedRun(WorkflowIds.retry(slot.exportId(), slot.intervalEnd(), 1), false);
        }
        return new PreparedRun(WorkflowIds.run(slot.exportId(), slot.intervalEnd()), false);
    }

    @Override
    public void recordProgress(BackfillProgress progress) {
        this.progress.add(progress);
    }

    @Override
    public void finishBackfill(BackfillOutcome outcome) {
        outcomes.add(outcome);
    }

    /** The one outcome recorded; fails when there were none or several. */
    BackfillOutcome outcome() {
        if (outcomes.size() != 1) {
            throw new AssertionError("expected exactly one backfill outcome, got " + outcomes);
        }
        return outcomes.get(0);
    }

    List<Integer> progressCounts() {
        return progress.stream().map(BackfillProgress::finishedRuns).toList();
    }
}
