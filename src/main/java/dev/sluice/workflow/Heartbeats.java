package dev.sluice.workflow;

import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ProgressListener;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats the destination activity: every committed checkpoint at once, and the latest one
 * periodically while the destination works between checkpoints. When Temporal answers a heartbeat
 * with cancellation (or the activity timed out), {@link #throwIfStopped()} rethrows it so the
 * attempt ends.
 */
final class Heartbeats implements ProgressListener, AutoCloseable {

    private static final Duration WITHOUT_TIMEOUT = Duration.ofSeconds(10);

    private final ActivityExecutionContext context;
    private final ScheduledExecutorService timer;
    private volatile ExportCheckpoint latest;
    private volatile ActivityCompletionException stopped;

    Heartbeats(ActivityExecutionContext context, ExportCheckpoint resumeFrom) {
        this.context = context;
        this.latest = resumeFrom;
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        long period = (timeout == null || timeout.isZero() ? WITHOUT_TIMEOUT : timeout.dividedBy(3)).toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-heartbeat-" + context.getInfo().getActivityId());
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void committed(ExportCheckpoint checkpoint) {
        latest = checkpoint;
        beat();
        throwIfStopped();
    }

    /** Forgets the progress so the next attempt starts the interval over. */
    void startOver() {
        latest = ExportCheckpoint.start();
        beat();
    }

    ActivityCompletionException stopped() {
        return stopped;
    }

    void throwIfStopped() {
        ActivityCompletionException e = stopped;
        if (e != null) {
            throw e;
        }
    }

    private synchronized void beat() {
        if (stopped != null) {
            return;
        }
        try {
            context.heartbeat(latest);
        } catch (ActivityCompletionException e) {
            stopped = e;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
