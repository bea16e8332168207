package dev.sluice.workflow;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.RecordBatchStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real destination with the faults of a {@link FaultPlan} around it: before its first batch,
 * in its source stream after some batches, or after it wrote and committed everything but before
 * the attempt returns. Remembers each attempt's request (and so what it resumed from).
 */
final class FaultyDestination implements Destination {

    private final Destination target;
    private final FaultPlan plan;
    final List<DestinationRequest> requests = new CopyOnWriteArrayList<>();

    FaultyDestination(Destination target, FaultPlan plan) {
        this.target = target;
        this.plan = plan;
    }

    @Override
    public DestinationType type() {
        return target.type();
    }

    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> config) {
        return target.testConnection(config);
    }

    @Override
    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        requests.add(request);
        int attempt = requests.size();
        if (plan.strikes(FaultPlan.Point.BEFORE_FIRST_BATCH, attempt)) {
            throw new InjectedFault("before the first batch");
        }
        RecordBatchStream stream = rows;
        if (plan.strikes(FaultPlan.Point.AFTER_BATCHES, attempt)) {
            stream = FaultyBatchStream.failing(rows, plan);
        } else if (plan.strikes(FaultPlan.Point.PAUSE_AFTER_BATCHES, attempt)) {
            stream = FaultyBatchStream.pausing(rows, plan);
        }
        ExportOutcome outcome = target.write(request, stream, progress);
        if (plan.strikes(FaultPlan.Point.AFTER_LAST_ROW, attempt)) {
            throw new InjectedFault("after every row was written, before the attempt returned");
        }
        return outcome;
    }
}
