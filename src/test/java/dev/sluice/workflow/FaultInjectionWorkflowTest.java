package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.Destinations;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.run.RunStatus;
import dev.sluice.source.ExportBufferProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault-injection suite on Temporal's test server: the real run workflow and destination
 * activity write into real destinations (a directory, an embedded PostgreSQL, s3proxy) while a
 * {@link FaultPlan} breaks one step of the run — before, during or after the writes. Every test
 * ends by reading the destination back: exactly the source's rows, each once.
 */
@Timeout(120)
class FaultInjectionWorkflowTest {

    private static final int ROWS = 4000;
    private static final int BATCH = 250;
    private static final UUID EXPORT = UUID.fromString("00000000-0000-0000-0000-0000000fa017");
    private static final DataInterval INTERVAL = new DataInterval(Instant.parse("2024-05-15T12:00:00Z"), Instant.parse("2024-05-15T13:00:00Z"));
    private static final String WORKFLOW_ID = WorkflowIds.run(EXPORT, INTERVAL.end());
    private static final Set<String> SOURCE_UUIDS = IntStream.range(0, ROWS).mapToObj(StubEventSource::realUuidOf).collect(Collectors.toSet());
    private static List<FaultTarget> targets;

    private final FaultPlan plan = new FaultPlan();
    private final StubEventSource source = StubEventSource.withRealUuids(ROWS, BATCH);
    private final FlakyRunActivities runs = new FlakyRunActivities(plan);
    private FaultTarget target;
    private Map<String, Object> config;
    private FaultyDestination destination;
    private FixedIntervalJobs jobs;
    private TestWorkflowEnvironment env;
    /** The activity worker, on a factory of its own so a test can stop it and start another; the workflow worker stays. */
    private WorkerFactory exportWorkers;

    @BeforeAll
    static void startTargets() {
        targets = List.of(new FilesFaultTarget(), new PostgresFaultTarget(), new S3FaultTarget());
    }

    @AfterAll
    static void stopTargets() {
        targets.forEach(FaultTarget::stop);
    }

    static Stream<FaultTarget> targets() {
        return targets.stream();
    }

    @AfterEach
    void stopWorkers() {
        exportWorkers.shutdownNow();
        env.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aStartRunWhoseAnswerIsLostTwiceCreatesOneRunAndWritesEachRowOnce(FaultTarget on) {
        start(on);
        plan.startRunFailures.set(2);

        assertCompleted(run(WORKFLOW_ID));

        assertThat(runs.recorded.starts).hasSize(3);
        assertThat(runs.recorded.runIds).hasSize(1);
        assertThat(destination.requests).hasSize(1);
        assertEachSourceRowOnce();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aDestinationFailingBeforeItsFirstBatchTwiceIsRetriedAndWritesEachRowOnce(FaultTarget on) {
        start(on);
        plan.destination(FaultPlan.Point.BEFORE_FIRST_BATCH, 0, 2);

        assertCompleted(run(WORKFLOW_ID));

        assertThat(destination.requests).hasSize(3).allSatisfy(r -> assertThat(r.resumeFrom()).isEqualTo(ExportCheckpoint.start()));
        assertThat(jobs.logLines).containsExactly(
                "WARN Attempt 1 of 3 failed: Connection reset (injected before the first batch). It will be retried.",
                "WARN Attempt 2 of 3 failed: Connection reset (injected before the first batch). It will be retried.");
        assertEachSourceRowOnce();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aDestinationFailingAfterFiveBatchesResumesAfterItsLastHeartbeatedCheckpointAndWritesEachRowOnce(FaultTarget on) {
        start(on);
        plan.destination(FaultPlan.Point.AFTER_BATCHES, 5, 1);

        assertCompleted(run(WORKFLOW_ID));

        assertThat(destination.requests).hasSize(2);
        assertThat(jobs.logLines.get(0)).isEqualTo("WARN Attempt 1 of 3 failed: Connection reset (injected after 5 batches). It will be retried.");
        assertThat(destination.requests.get(1).resumeFrom().records()).as("two parts (chunks) of two batches each were committed").isEqualTo(4L * BATCH);
        assertSecondAttemptResumedAfterWhatWasCommitted();
        assertEachSourceRowOnce();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aDestinationFailingAfterItWroteEveryRowIsRetriedWithoutAppendingASecondCopy(FaultTarget on) {
        start(on);
        plan.destination(FaultPlan.Point.AFTER_LAST_ROW, 0, 1);

        assertCompleted(run(WORKFLOW_ID));

        assertThat(destination.requests).hasSize(2);
        assertThat(destination.requests.get(1).resumeFrom().records()).isEqualTo(ROWS);
        assertSecondAttemptResumedAfterWhatWasCommitted();
        assertEachSourceRowOnce();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aFinishRunWhoseAnswerIsLostTwiceRecordsTheRunCompletedOnceWritten(FaultTarget on) {
        start(on);
        plan.finishRunFailures.set(2);

        assertCompleted(run(WORKFLOW_ID));

        assertThat(runs.recorded.finishes).hasSize(3).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(RunStatus.Completed);
            assertThat(f.records()).isEqualTo(ROWS);
        });
        assertThat(destination.requests).hasSize(1);
        assertEachSourceRowOnce();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aWorkerStoppedMidWriteStopsHeartbeatingAndAWorkerStartedAgainResumesTheIntervalWithEachRowOnce(FaultTarget on)
            throws InterruptedException {
        start(on);
        plan.destination(FaultPlan.Point.PAUSE_AFTER_BATCHES, 5, 1);
        WorkflowStub run = startRun(WORKFLOW_ID);
        assertThat(plan.paused.await(60, TimeUnit.SECONDS)).as("the first attempt reached its fifth batch").isTrue();
        // the checkpoint of the fourth batch is heartbeated within Temporal's throttle (0.8 x 2s)
        Thread.sleep(2_000);

        exportWorkers.shutdown();
        // the paused attempt's periodic heartbeat (every 2s / 3) is refused: the worker is shutting down
        Thread.sleep(1_500);
        plan.proceed.countDown();
        exportWorkers.awaitTermination(30, TimeUnit.SECONDS);
        assertThat(exportWorkers.isTerminated()).isTrue();
        startExportWorker();

        assertCompleted(run.getResult(ExportRunResult.class));
        assertThat(destination.requests).hasSize(2);
        assertThat(destination.requests.get(1).resumeFrom().records()).isEqualTo(4L * BATCH);
        assertThat(jobs.logLines).contains("INFO Attempt 2 resumes after " + 4 * BATCH + " records written before.");
        assertThat(jobs.logLines).noneMatch(line -> line.startsWith("WARN") || line.startsWith("ERROR"));
        assertSecondAttemptResumedAfterWhatWasCommitted();
        assertEachSourceRowOnce();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aRunThatUsesUpItsAttemptsEndsFailedRetryableAndItsRetryWritesEachRowOnce(FaultTarget on) {
        start(on);
        plan.destination(FaultPlan.Point.AFTER_BATCHES, 5, TestWorkflowProperties.MAX_ATTEMPTS);

        assertThatThrownBy(() -> run(WORKFLOW_ID)).isInstanceOf(WorkflowFailedException.class);
        assertThat(runs.recorded.finishOf(WORKFLOW_ID).status()).isEqualTo(RunStatus.FailedRetryable);
        assertThat(jobs.logLines).filteredOn(line -> line.startsWith("WARN")).containsExactly(
                "WARN Attempt 1 of 3 failed: Connection reset (injected after 5 batches). It will be retried.",
                "WARN Attempt 2 of 3 failed: Connection reset (injected after 5 batches). It will be retried.",
                "WARN Attempt 3 of 3 failed: Connection reset (injected after 5 batches). No attempts are left.");

        plan.heal();
        String retry = WorkflowIds.retry(EXPORT, INTERVAL.end(), 1);
        assertCompleted(run(retry));

        assertThat(destination.requests.get(TestWorkflowProperties.MAX_ATTEMPTS).resumeFrom()).isEqualTo(ExportCheckpoint.start());
        assertEachSourceRowOnce();
    }

    private void start(FaultTarget on) {
        target = on;
        config = on.newPlace();
        destination = new FaultyDestination(on.destination(), plan);
        jobs = new FixedIntervalJobs(EXPORT, INTERVAL, on.destination().type(), config);
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        Worker worker = env.newWorker(TaskQueues.EXPORTS);
        worker.registerWorkflowImplementationTypes(ActivityOptionsPolicy.implementationOptions(TestWorkflowProperties.fast()),
                ExportRunWorkflowImpl.class);
        env.start();
        startExportWorker();
    }

    private void startExportWorker() {
        exportWorkers = WorkerFactory.newInstance(env.getWorkflowClient());
        exportWorkers.newWorker(TaskQueues.EXPORTS).registerActivitiesImplementations(runs, new ExportActivitiesImpl(jobs,
                new Destinations(List.of(destination)), source, TestWorkflowProperties.fast(), ExportBufferProperties.defaults()));
        exportWorkers.start();
    }

    private WorkflowStub startRun(String workflowId) {
        ExportRunWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ExportRunWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.EXPORTS)
                .build());
        WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, INTERVAL.start(), INTERVAL.end(), null));
        return WorkflowStub.fromTyped(workflow);
    }

    private ExportRunResult run(String workflowId) {
        return startRun(workflowId).getResult(ExportRunResult.class);
    }

    private void assertCompleted(ExportRunResult result) {
        assertThat(result.status()).isEqualTo("Completed");
        assertThat(result.recordsCompleted()).isEqualTo(ROWS);
    }

    /** The second attempt reads the source after its checkpoint's last row. */
    private void assertSecondAttemptResumedAfterWhatWasCommitted() {
        ExportCheckpoint resumed = destination.requests.get(1).resumeFrom();
        assertThat(resumed.records()).isPositive();
        assertThat(source.opened.get(1).resumeAfter()).isEqualTo(StubEventSource.cursorOf((int) resumed.records() - 1));
    }

    private void assertEachSourceRowOnce() {
        List<String> exported = target.uuids(config);
        assertThat(exported).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(Set.copyOf(exported)).isEqualTo(SOURCE_UUIDS);
    }
}
