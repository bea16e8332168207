package dev.sluice.workflow;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM (the context closing), before the web server, the database or the embedded Temporal
 * server stop: the workers stop polling, and the process waits up to {@code sluice.workflow.shutdown-grace}
 * for running tasks to end. A running destination activity ends at its next checkpoint — its
 * heartbeat is refused once the worker shuts down — so its last committed progress is what the next
 * attempt resumes from (on a Temporal cluster, after the heartbeat timeout; on the embedded server,
 * start-up reconciliation runs the interval again and the destination replaces its output).
 */
@Component
class GracefulWorkerShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulWorkerShutdown.class);

    private final ObjectProvider<WorkerFactory> factories;
    private final Duration grace;
    private volatile boolean running;

    GracefulWorkerShutdown(ObjectProvider<WorkerFactory> factories,
                           @Value("${sluice.workflow.shutdown-grace:20s}") Duration grace) {
        this.factories = factories;
        this.grace = grace;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        WorkerFactory factory = factories.getIfAvailable();
        if (factory == null || !factory.isStarted() || factory.isShutdown()) {
            return;
        }
        log.info("Stopping Temporal workers: no new tasks are taken, running exports stop at their next checkpoint");
        factory.shutdown();
        factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (factory.isTerminated()) {
            log.info("Temporal workers stopped");
        } else {
            log.warn("Temporal workers still busy after {}; stopping them now", grace);
            factory.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before everything else, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
