package dev.sluice.workflow;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination activity whose behaviour each test scripts, as a function of the run id and the
 * attempt number. Counts attempts and the most attempts ever running at once.
 */
class ScriptedExportActivities implements ExportActivities {

    interface Script {
        Exported attempt(UUID runId, int attempt) throws Exception;
    }

    final List<UUID> calls = new CopyOnWriteArrayList<>();
    final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final CountDownLatch firstStarted = new CountDownLatch(1);
    private volatile Script script = (runId, attempt) -> new Exported(10, 100);

    void script(Script script) {
        this.script = script;
    }

    int attemptsOf(UUID runId) {
        return attempts.getOrDefault(runId, new AtomicInteger()).get();
    }

    @Override
    public Exported exportInterval(IntervalExport request) {
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        calls.add(request.runId());
        attempts.computeIfAbsent(request.runId(), id -> new AtomicInteger()).incrementAndGet();
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        firstStarted.countDown();
        try {
            return script.attempt(request.runId(), attempt);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Activity.wrap(e);
        } finally {
            running.decrementAndGet();
        }
    }

    /** Works for {@code millis}, then exports 10 records. */
    static Script slow(long millis) {
        return (runId, attempt) -> {
            Thread.sleep(millis);
            return new Exported(10, 100);
        };
    }

    /** Heartbeats until the activity is cancelled, which the heartbeat reports by throwing. */
    static Script untilCancelled() {
        return (runId, attempt) -> {
            ActivityExecutionContext context = Activity.getExecutionContext();
            while (true) {
                context.heartbeat(null);
                Thread.sleep(50);
            }
        };
    }
}
