package dev.sluice.schedule;

import dev.sluice.common.IntervalGrid;
import dev.sluice.export.BatchExport;
import dev.sluice.export.BatchExportRepository;
import dev.sluice.export.ExportService;
import dev.sluice.workflow.ExportRunStarter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Schedules exports with the embedded Temporal server, which has no Schedule API. One daemon thread
 * ticks every {@code sluice.schedule.local-tick}, level-triggered from the database: for every
 * export that is not deleted it starts the run of each interval that ended after the export's
 * {@code schedule_cursor} (at most {@code catch-up-per-tick} per tick), then advances the cursor.
 *
 * <p>The runs get the ids and policies a Temporal Schedule's runs get, so starting an interval twice
 * attaches to or is refused by the first run. A new export's cursor starts at the boundary before
 * it was created (or before its start_at), so its first run is the interval it was created in.
 * A paused export starts nothing and its cursor follows the clock: intervals that end while it is
 * paused are skipped, as a paused Temporal Schedule skips them, and unpausing with a backfill of the
 * gap runs them. (An interval that ends within one tick before a pause may be skipped too.)
 *
 * <p>A tick reads the exports in one query and starts the due runs of up to
 * {@code sluice.schedule.start-concurrency} exports at the same time, so that when many exports
 * share a boundary their runs start within seconds of it; wake-ups that arrive while one is pending
 * are folded into it.
 *
 * <p>It runs in the process that owns the embedded Temporal server, whatever its roles; a worker
 * joining that server with {@code TEMPORAL_TARGET} has no driver. Each started run records its
 * lateness (start time minus interval end) in {@code sluice_schedule_lateness_seconds}.
 */
@Component
@ConditionalOnProperty(name = "sluice.embedded.temporal.enabled", havingValue = "true")
class LocalScheduleDriver implements ExportScheduler, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalScheduleDriver.class);

    private final BatchExportRepository exportRepository;
    private final ExportService exports;
    private final ExportRunStarter starter;
    private final ScheduleProperties props;
    private final Clock clock;
    private final Timer lateness;
    private final Object tickLock = new Object();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private ExecutorService starts;

    LocalScheduleDriver(BatchExportRepository exportRepository, ExportService exports, ExportRunStarter starter, ScheduleProperties props,
                        Clock clock, MeterRegistry meters) {
        this.lateness = Timer.builder("sluice.schedule.lateness")
                .description("Time from an interval's end to the start of its scheduled run")
                .publishPercentileHistogram()
                .register(meters);
        this.exportRepository = exportRepository;
        this.exports = exports;
        this.starter = starter;
        this.props = props;
        this.clock = clock;
    }

    /** Starts ticking one tick after the application is ready, by when the Temporal workers run. */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-local-schedule");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger startThreads = new AtomicInteger();
        starts = Executors.newFixedThreadPool(props.startConcurrency(), r -> {
            Thread t = new Thread(r, "sluice-local-schedule-start-" + startThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long period = props.localTick().toMillis();
        executor.scheduleWithFixedDelay(this::safeTick, period, period, TimeUnit.MILLISECONDS);
        log.info("Local schedule driver ticking every {}", props.localTick());
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        starts.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
            starts.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        starts = null;
    }

    @Override
    public void destroy() {
        stop();
    }

    /** Starts every due run of every export; returns how many runs it started. */
    int tick() {
        synchronized (tickLock) {
            Instant now = clock.instant();
            ExecutorService pool = starts;
            List<Future<Integer>> driven = new ArrayList<>();
            int started = 0;
            for (BatchExport export : exportRepository.findNotDeletedWithDestinations()) {
                if (pool == null) {
                    started += safeDrive(export, now);
                } else {
                    driven.add(pool.submit(() -> safeDrive(export, now)));
                }
            }
            for (Future<Integer> one : driven) {
                started += await(one);
            }
            return started;
        }
    }

    private int safeDrive(BatchExport export, Instant now) {
        try {
            return drive(export, now);
        } catch (RuntimeException e) {
            log.warn("Could not schedule export {}: {}", export.getId(), e.toString());
            return 0;
        }
    }

    private static int await(Future<Integer> driven) {
        try {
            return driven.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            log.warn("Scheduling an export failed: {}", e.getCause().toString());
            return 0;
        }
    }

    private int drive(BatchExport export, Instant now) {
        IntervalGrid grid = ExportGrids.of(export);
        Instant cursor = export.getScheduleCursor() != null ? export.getScheduleCursor() : initialCursor(export, grid);
        int started = 0;
        try {
            if (export.isPaused()) {
                Instant lastEnd = grid.floor(now);
                cursor = lastEnd.isAfter(cursor) ? lastEnd : cursor;
                return 0;
            }
            Instant boundary = grid.next(cursor);
            while (!boundary.isAfter(now) && started < props.catchUpPerTick()) {
                if (ExportGrids.scheduled(export, boundary)) {
                    starter.startScheduled(export.getId(), grid.intervalEndingAt(boundary));
                    lateness.record(Duration.between(boundary, now));
                    started++;
                }
                cursor = boundary;
                boundary = grid.next(boundary);
            }
            return started;
        } finally {
            if (!cursor.equals(export.getScheduleCursor())) {
                exports.advanceScheduleCursor(export.getId(), cursor);
            }
        }
    }

    private static Instant initialCursor(BatchExport export, IntervalGrid grid) {
        Instant from = export.getStartAt() != null && export.getStartAt().isAfter(export.getCreatedAt())
                ? export.getStartAt() : export.getCreatedAt();
        return grid.floor(from);
    }

    private void safeTick() {
        wakePending.set(false);
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Local schedule tick failed: {}", e.toString());
        }
    }

    /** Looks at the exports at once instead of at the next tick, unless a wake-up is already pending. */
    private synchronized void wake() {
        if (executor != null && wakePending.compareAndSet(false, true)) {
            executor.execute(this::safeTick);
        }
    }

    @Override
    public void upsert(UUID exportId) {
        wake();
    }

    @Override
    public void pause(UUID exportId) {
        wake();
    }

    @Override
    public void unpause(UUID exportId) {
        wake();
    }

    @Override
    public String trigger(UUID exportId) {
        BatchExport export = exports.require(exportId);
        return starter.runNow(exportId, ExportGrids.latestComplete(ExportGrids.of(export), clock.instant()));
    }

    @Override
    public void delete(UUID exportId) {
        // Level-triggered: a deleted export is never scheduled again.
    }

    @Override
    public ExportSchedule describe(UUID exportId) {
        BatchExport export = exports.require(exportId);
        boolean paused = export.isPaused() || export.isDeleted();
        return new ExportSchedule(exportId, paused, paused ? List.of() : ExportGrids.upcoming(export, clock.instant(), props.describedRuns()));
    }
}
