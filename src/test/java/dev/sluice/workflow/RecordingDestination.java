package dev.sluice.workflow;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.RecordBatchStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A destination that "writes" one file per batch (10 bytes per row), committing a checkpoint after
 * each, and reports the interval's total including what earlier attempts committed. A test can make
 * it throw after a number of batches.
 */
class RecordingDestination implements Destination {

    interface Failure {
        void afterBatch(int batch);
    }

    private final DestinationType type;
    final List<DestinationRequest> requests = new CopyOnWriteArrayList<>();
    final List<String> rowsSeen = new CopyOnWriteArrayList<>();
    volatile Failure failure = batch -> { };
    /**
     * Time spent on each batch after committing it. Temporal sends at most one heartbeat per
     * 0.8 × heartbeat timeout; a pause longer than that lets every checkpoint reach the test.
     */
    volatile long millisPerBatch;

    RecordingDestination(DestinationType type) {
        this.type = type;
    }

    @Override
    public DestinationType type() {
        return type;
    }

    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> config) {
        return List.of(new ConnectionStep("Write a test file", true, "ok"));
    }

    @Override
    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        requests.add(request);
        ExportCheckpoint resume = request.resumeFrom();
        long records = resume.records();
        long bytes = resume.bytes();
        int files = resume.filesCompleted();
        int batch = 0;
        while (rows.next()) {
            int count = rows.root().getRowCount();
            for (int i = 0; i < count; i++) {
                rowsSeen.add(rows.root().getVector("uuid").getObject(i).toString());
            }
            records += count;
            bytes += count * 10L;
            files++;
            batch++;
            progress.committed(new ExportCheckpoint(rows.cursor(), files, records, bytes, Map.of("last_file", "part-" + files)));
            failure.afterBatch(batch);
            pause();
        }
        return new ExportOutcome(records, bytes);
    }

    private void pause() {
        if (millisPerBatch > 0) {
            try {
                Thread.sleep(millisPerBatch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
