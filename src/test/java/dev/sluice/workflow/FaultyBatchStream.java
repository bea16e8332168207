package dev.sluice.workflow;

import dev.sluice.source.ForwardingBatchStream;
import dev.sluice.source.RecordBatchStream;
import java.util.concurrent.TimeUnit;

/**
 * The activity's source stream, breaking after a number of batches: either it fails when asked for
 * the next batch (the source connection dropped mid-write) or it holds the attempt there until the
 * test says so (to stop the worker while an interval is being written).
 */
final class FaultyBatchStream extends ForwardingBatchStream {

    private final FaultPlan plan;
    private final boolean pause;
    private int served;

    private FaultyBatchStream(RecordBatchStream rows, FaultPlan plan, boolean pause) {
        super(rows);
        this.plan = plan;
        this.pause = pause;
    }

    static RecordBatchStream failing(RecordBatchStream rows, FaultPlan plan) {
        return new FaultyBatchStream(rows, plan, false);
    }

    static RecordBatchStream pausing(RecordBatchStream rows, FaultPlan plan) {
        return new FaultyBatchStream(rows, plan, true);
    }

    @Override
    public boolean next() {
        if (served == plan.batches()) {
            if (!pause) {
                throw new InjectedFault("after " + served + " batches");
            }
            holdUntilTheTestProceeds();
        }
        served++;
        return super.next();
    }

    private void holdUntilTheTestProceeds() {
        plan.paused.countDown();
        try {
            if (!plan.proceed.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the paused attempt go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused", e);
        }
    }
}
