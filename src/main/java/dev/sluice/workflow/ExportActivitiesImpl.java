package dev.sluice.workflow;

import dev.sluice.common.NotFoundException;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.Destinations;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.source.EventSource;
import dev.sluice.source.ExportBufferProperties;
import dev.sluice.source.InvalidSourceQueryException;
import dev.sluice.source.PrefetchingBatchStream;
import dev.sluice.source.RecordBatchStream;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.springframework.stereotype.Component;

/**
 * The destination activity. Each attempt resumes after the checkpoint of the previous attempt's
 * last heartbeat, streams the interval from the {@link EventSource} into the destination (the
 * source read on a thread of its own, ahead of the writer by at most {@code sluice.export.buffer-bytes};
 * see {@link PrefetchingBatchStream}), and
 * reconciles: the source's row count must equal the records the destination reports for the
 * interval. {@link ExportOutcome#records()} is the interval's total, including records committed
 * by earlier attempts.
 */
@Component
@ActivityImpl(taskQueues = {TaskQueues.EXPORTS, TaskQueues.BACKFILLS})
public class ExportActivitiesImpl implements ExportActivities {

    private final IntervalJobs jobs;
    private final Destinations destinations;
    private final EventSource source;
    private final int maxAttempts;
    private final long bufferBytes;

    ExportActivitiesImpl(IntervalJobs jobs, Destinations destinations, EventSource source, WorkflowProperties props,
                         ExportBufferProperties buffer) {
        this.jobs = jobs;
        this.destinations = destinations;
        this.source = source;
        this.maxAttempts = props.exportMaxAttempts();
        this.bufferBytes = buffer.bufferBytes().toBytes();
    }

    @Override
    public Exported exportInterval(IntervalExport request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        IntervalJob job;
        try {
            job = jobs.load(request.runId());
        } catch (NotFoundException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), NotFoundException.class.getName());
        }
        Attempt attempt = new Attempt(Math.max(1, context.getInfo().getAttempt()), maxAttempts);
        ExportCheckpoint resumeFrom = context.getHeartbeatDetails(ExportCheckpoint.class).orElse(ExportCheckpoint.start());
        if (resumeFrom.cursor() != null) {
            jobs.log(job, "INFO", "Attempt " + attempt.number() + " resumes after " + resumeFrom.records() + " records written before.");
        }
        try (Heartbeats heartbeats = new Heartbeats(context, resumeFrom)) {
            try {
                return export(job, resumeFrom, heartbeats);
            } catch (ActivityCompletionException e) {
                throw e;
            } catch (ApplicationFailure failure) {
                jobs.log(job, failure.isNonRetryable() ? "ERROR" : "WARN", failure.isNonRetryable()
                        ? "Attempt " + attempt.number() + " failed and will not be retried: " + failure.getOriginalMessage()
                        : attempt.failed(failure.getOriginalMessage()));
                throw failure;
            } catch (DestinationUserException | InvalidSourceQueryException e) {
                rethrowIfStopped(heartbeats);
                String error = ErrorText.of(e, job.secrets());
                jobs.log(job, "ERROR", "Attempt " + attempt.number() + " failed with an error only a change of the export can fix,"
                        + " so it is not retried: " + error);
                throw ApplicationFailure.newNonRetryableFailure(error, FailureTypes.DESTINATION_USER_ERROR);
            } catch (RuntimeException e) {
                rethrowIfStopped(heartbeats);
                String error = ErrorText.of(e, job.secrets());
                jobs.log(job, "WARN", attempt.failed(error));
                throw ApplicationFailure.newFailure(error, FailureTypes.EXPORT_ERROR);
            }
        }
    }

    private Exported export(IntervalJob job, ExportCheckpoint resumeFrom, Heartbeats heartbeats) {
        Destination destination = destinations.forType(job.destinationType());
        ExportOutcome outcome;
        try (BufferAllocator allocator = new RootAllocator();
             RecordBatchStream rows = new StoppableBatchStream(PrefetchingBatchStream.open(source,
                     job.query().withResumeAfter(resumeFrom.cursor()), allocator, bufferBytes), heartbeats)) {
            outcome = destination.write(new DestinationRequest(job.exportId(), job.runId(), job.projectId(), job.interval(), job.model(),
                    job.config(), resumeFrom), rows, heartbeats);
        }
        heartbeats.throwIfStopped();
        long expected = source.count(job.query());
        if (expected != outcome.records()) {
            heartbeats.startOver();
            throw ApplicationFailure.newFailure("The destination reports " + outcome.records() + " records for " + job.interval()
                    + " but the source holds " + expected + "; the interval will be exported again from its start.",
                    FailureTypes.RECORD_COUNT_MISMATCH);
        }
        return new Exported(outcome.records(), outcome.bytes());
    }

    private static void rethrowIfStopped(Heartbeats heartbeats) {
        ActivityCompletionException stopped = heartbeats.stopped();
        if (stopped != null) {
            throw stopped;
        }
    }

    /** The attempt's number and whether another one follows, for log lines. */
    private record Attempt(int number, int maximum) {

        String failed(String error) {
            String next = number >= maximum ? " No attempts are left." : " It will be retried.";
            return "Attempt " + number + " of " + maximum + " failed: " + ErrorText.sentence(error) + next;
        }
    }
}
