package dev.sluice.notify;

import dev.sluice.common.NotFoundException;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportService;
import dev.sluice.run.RunFinished;
import dev.sluice.run.RunLogService;
import dev.sluice.run.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on every finished run once its status is committed: counts failure and empty-interval
 * streaks, pauses an export after {@code pause-after-failures} {@code Failed} runs in a row, and
 * raises alerts — failures (at most one per export and {@code alert-every}; a pause is always
 * told), scheduled runs that took longer than their interval, and empty intervals of an export
 * whose last {@code usually-has-rows} runs had rows. Nothing here can fail the run: errors are logged.
 */
@Component
class RunWatcher {

    private static final Logger log = LoggerFactory.getLogger(RunWatcher.class);

    private final ExportService exports;
    private final RunLogService logs;
    private final ExportHealthStore health;
    private final AlertDispatcher alerts;
    private final NotifyProperties props;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    RunWatcher(ExportService exports, RunLogService logs, ExportHealthStore health, AlertDispatcher alerts, NotifyProperties props,
               PlatformTransactionManager transactions, Clock clock) {
        this.exports = exports;
        this.logs = logs;
        this.health = health;
        this.alerts = alerts;
        this.props = props;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** After the run's transaction committed; in a transaction of its own, as that one is over. */
    @TransactionalEventListener(fallbackExecution = true)
    void onRunFinished(RunFinished run) {
        try {
            List<Alert> raised = newTransaction.execute(status -> watch(run));
            if (raised != null) {
                raised.forEach(alerts::dispatch);
            }
        } catch (RuntimeException e) {
            log.warn("Could not check run {} of export {} for alerts: {}", run.runId(), run.exportId(), e.toString());
        }
    }

    private List<Alert> watch(RunFinished run) {
        BatchExport export;
        try {
            export = exports.require(run.exportId());
        } catch (NotFoundException gone) {
            return List.of();
        }
        if (export.isDeleted()) {
            return List.of();
        }
        WatchedRun watched = new WatchedRun(run, export.getProjectId(), export.getName());
        Instant now = clock.instant();
        List<Alert> raised = new ArrayList<>();
        switch (run.status()) {
            case Completed -> {
                int withRowsBefore = health.completed(run.exportId(), run.records() > 0, now);
                if (run.records() == 0 && withRowsBefore >= props.usuallyHasRows()) {
                    claimed(AlertKind.INTERVAL_EMPTY, watched, "The run for " + interval(run) + " exported no rows, although the "
                            + withRowsBefore + " runs before it all had rows. Check that events still arrive and that the export's filters"
                            + " are right.", now, raised);
                }
            }
            case Failed -> {
                int failures = health.failed(run.exportId(), now);
                if (!pausedFor(watched, failures, now, raised)) {
                    claimed(AlertKind.RUN_FAILED, watched, "The run for " + interval(run) + " failed: " + run.error(), now, raised);
                }
            }
            case FailedRetryable, TimedOut, Terminated -> claimed(AlertKind.RUN_FAILED, watched, "The run for " + interval(run)
                    + " failed after its retries were used up: " + run.error() + " Retry the run once the cause is fixed.", now, raised);
            default -> {
            }
        }
        if (run.backfillId() == null && run.took().compareTo(run.intervalLength()) > 0) {
            claimed(AlertKind.RUN_TOOK_LONGER_THAN_INTERVAL, watched, "The run for " + interval(run) + " took " + minutes(run.took())
                    + ", longer than its interval of " + minutes(run.intervalLength()) + ", so the export is falling behind.", now, raised);
        }
        return raised;
    }

    private boolean pausedFor(WatchedRun watched, int failures, Instant now, List<Alert> raised) {
        RunFinished run = watched.finished();
        if (props.pauseAfterFailures() == 0 || failures < props.pauseAfterFailures()) {
            return false;
        }
        String reason = "Paused after " + failures + " runs in a row failed with an error only a change of the export can fix."
                + " The last one: " + run.error() + " Fix the export, then unpause it.";
        if (!exports.pauseBecause(run.exportId(), reason)) {
            return false;
        }
        health.resetFailures(run.exportId(), now);
        logs.log(run.exportId(), run.runId(), "ERROR", reason);
        health.rememberAlert(run.exportId(), AlertKind.EXPORT_PAUSED, now);
        raised.add(Alert.of(AlertKind.EXPORT_PAUSED, watched, reason, now));
        return true;
    }

    private void claimed(AlertKind kind, WatchedRun watched, String message, Instant now, List<Alert> raised) {
        if (alerts.anyChannel() && health.claimAlert(watched.finished().exportId(), kind, now, props.alertEvery())) {
            raised.add(Alert.of(kind, watched, message, now));
        }
    }

    private static String interval(RunFinished run) {
        return run.intervalStart() + " to " + run.intervalEnd();
    }

    private static String minutes(Duration d) {
        long seconds = d.toSeconds();
        return seconds < 120 ? seconds + " seconds" : d.toMinutes() + " minutes";
    }
}
