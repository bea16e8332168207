package dev.sluice.workflow;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a fault-injection test breaks, and when: where the destination activity fails (or stops to
 * let the test stop its worker) in how many of its first attempts, and how many calls of the run
 * bookkeeping fail after doing their work, as if their answer was lost. Test-only.
 */
final class FaultPlan {

    /** Where in a destination attempt the fault strikes. */
    enum Point {
        NONE,
        /** The attempt fails before the destination sees a row. */
        BEFORE_FIRST_BATCH,
        /** The source stream fails when asked for the batch after {@link #batches()}. */
        AFTER_BATCHES,
        /** The destination wrote every row and committed; then the attempt fails before returning. */
        AFTER_LAST_ROW,
        /** The stream waits after {@link #batches()} batches until the test lets it go on. */
        PAUSE_AFTER_BATCHES
    }

    private volatile Point point = Point.NONE;
    private volatile int batches;
    private volatile int attempts;
    final AtomicInteger startRunFailures = new AtomicInteger();
    final AtomicInteger finishRunFailures = new AtomicInteger();
    /** Counted down when an attempt reached its pause. */
    final CountDownLatch paused = new CountDownLatch(1);
    /** Counted down by the test to end the pause. */
    final CountDownLatch proceed = new CountDownLatch(1);

    /** Injects {@code point} (after {@code batches} batches where that matters) into the first {@code attempts} attempts. */
    FaultPlan destination(Point point, int batches, int attempts) {
        this.point = point;
        this.batches = batches;
        this.attempts = attempts;
        return this;
    }

    /** No more destination faults from now on. */
    void heal() {
        this.point = Point.NONE;
    }

    boolean strikes(Point at, int attempt) {
        return point == at && attempt <= attempts;
    }

    int batches() {
        return batches;
    }
}
