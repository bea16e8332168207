package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.run.BackfillStatus;
import dev.sluice.run.RunStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackfillWorkflowTest {

    private static final UUID EXPORT = UUID.fromString("00000000-0000-0000-0000-00000000e002");
    private static final UUID BACKFILL = UUID.fromString("00000000-0000-0000-0000-0000000b0001");
    private static final String WORKFLOW_ID = WorkflowIds.backfill(EXPORT, RecordingBackfillActivities.START, RecordingBackfillActivities.end(4));

    private TestWorkflowEnvironment env;
    private final RecordingRunActivities runs = new RecordingRunActivities();
    private final ScriptedExportActivities exports = new ScriptedExportActivities();
    private RecordingBackfillActivities backfills;

    private void startWorker(RecordingBackfillActivities backfillActivities) {
        backfills = backfillActivities;
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.BACKFILLS);
        worker.registerWorkflowImplementationTypes(ActivityOptionsPolicy.implementationOptions(TestWorkflowProperties.fast()),
                BackfillWorkflowImpl.class, ExportRunWorkflowImpl.class);
        worker.registerActivitiesImplementations(runs, exports, backfillActivities);
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void aBackfillRunsEveryIntervalOnceWithAtMostTheConcurrencyBoundAtATime() {
        startWorker(new RecordingBackfillActivities(5, 2, 100));
        exports.script(ScriptedExportActivities.slow(300));

        WorkflowExecution execution = runToEnd();

        assertThat(runs.startedWorkflowIds()).containsExactlyInAnyOrderElementsOf(expectedIds(5));
        assertThat(runs.starts).allSatisfy(start -> assertThat(start.backfillId()).isEqualTo(BACKFILL));
        assertThat(runs.starts).allSatisfy(start -> assertThat(Duration.between(start.start(), start.end())).isEqualTo(Duration.ofHours(1)));
        assertThat(runs.starts.stream().map(RunActivities.RunStart::start).sorted().toList())
                .isEqualTo(IntStream.range(0, 5).mapToObj(i -> RecordingBackfillActivities.START.plus(Duration.ofHours(i))).toList());
        assertThat(exports.maxRunning.get()).isEqualTo(2);
        assertThat(backfills.progressCounts()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(backfills.outcome()).isEqualTo(new BackfillActivities.BackfillOutcome(BACKFILL, BackfillStatus.Completed, 5, 0));
        HistoryFixtures.record(env, execution, "backfill-completed");
    }

    @Test
    void anIntervalExportedBeforeIsRunAgainUnderASuffixedId() {
        RecordingBackfillActivities activities = new RecordingBackfillActivities(3, 2, 100);
        activities.exportedBefore.add(RecordingBackfillActivities.end(1));
        startWorker(activities);

        runToEnd();

        assertThat(runs.startedWorkflowIds()).containsExactlyInAnyOrder(
                WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(0)),
                WorkflowIds.retry(EXPORT, RecordingBackfillActivities.end(1), 1),
                WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(2)));
        assertThat(backfills.outcome().status()).isEqualTo(BackfillStatus.Completed);
    }

    @Test
    void aRestartedBackfillSkipsTheIntervalsItAlreadyCompleted() {
        RecordingBackfillActivities activities = new RecordingBackfillActivities(5, 2, 100);
        activities.completedByThisBackfill.add(RecordingBackfillActivities.end(1));
        activities.completedByThisBackfill.add(RecordingBackfillActivities.end(3));
        startWorker(activities);

        WorkflowExecution execution = runToEnd();

        assertThat(runs.startedWorkflowIds()).containsExactlyInAnyOrder(
                WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(0)),
                WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(2)),
                WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(4)));
        assertThat(backfills.outcome()).isEqualTo(new BackfillActivities.BackfillOutcome(BACKFILL, BackfillStatus.Completed, 5, 0));
        HistoryFixtures.record(env, execution, "backfill-resumed");
    }

    @Test
    void aFailedIntervalFailsTheBackfillWhileTheOtherIntervalsStillRun() {
        startWorker(new RecordingBackfillActivities(4, 2, 100));
        UUID failing = runs.runIds.computeIfAbsent(WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(2)),
                id -> UUID.nameUUIDFromBytes(id.getBytes()));
        exports.script((runId, attempt) -> {
            if (runId.equals(failing)) {
                throw ApplicationFailure.newNonRetryableFailure("Permission denied on table events.", FailureTypes.DESTINATION_USER_ERROR);
            }
            return new ExportActivities.Exported(10, 100);
        });

        runToEnd();

        assertThat(runs.startedWorkflowIds()).hasSize(4);
        assertThat(runs.finishOf(WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(2))).status()).isEqualTo(RunStatus.Failed);
        assertThat(backfills.outcome()).isEqualTo(new BackfillActivities.BackfillOutcome(BACKFILL, BackfillStatus.Failed, 4, 1));
    }

    @Test
    void cancellingABackfillCancelsItsRunningChildrenAndStartsNoMore() throws InterruptedException {
        startWorker(new RecordingBackfillActivities(5, 2, 100));
        exports.script(ScriptedExportActivities.untilCancelled());

        BackfillWorkflow workflow = newWorkflow();
        WorkflowExecution execution = WorkflowClient.start(workflow::run, BackfillInput.first(BACKFILL, EXPORT));
        while (exports.running.get() < 2) {
            Thread.sleep(20);
        }
        WorkflowStub.fromTyped(workflow).cancel();

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(Void.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(CanceledFailure.class);
        assertThat(runs.starts).hasSize(2);
        assertThat(runs.finishes).hasSize(2).allSatisfy(f -> assertThat(f.status()).isEqualTo(RunStatus.Cancelled));
        assertThat(exports.running.get()).isZero();
        assertThat(backfills.outcome().status()).isEqualTo(BackfillStatus.Cancelled);
        assertThat(backfills.outcome().finishedRuns()).isEqualTo(2);
        HistoryFixtures.record(env, execution, "backfill-cancelled");
    }

    @Test
    void aLongBackfillContinuesAsNewAndKeepsCounting() {
        startWorker(new RecordingBackfillActivities(5, 2, 2));
        UUID failing = runs.runIds.computeIfAbsent(WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(0)),
                id -> UUID.nameUUIDFromBytes(id.getBytes()));
        exports.script((runId, attempt) -> {
            if (runId.equals(failing)) {
                throw ApplicationFailure.newNonRetryableFailure("Permission denied on table events.", FailureTypes.DESTINATION_USER_ERROR);
            }
            return new ExportActivities.Exported(10, 100);
        });

        WorkflowExecution first = runToEnd();

        assertThat(backfills.plans.get()).isEqualTo(3);
        assertThat(runs.startedWorkflowIds()).containsExactlyInAnyOrderElementsOf(expectedIds(5));
        assertThat(backfills.outcome()).isEqualTo(new BackfillActivities.BackfillOutcome(BACKFILL, BackfillStatus.Failed, 5, 1));
        HistoryFixtures.record(env, first, "backfill-continued-as-new");
    }

    private WorkflowExecution runToEnd() {
        BackfillWorkflow workflow = newWorkflow();
        WorkflowExecution execution = WorkflowClient.start(workflow::run, BackfillInput.first(BACKFILL, EXPORT));
        try {
            WorkflowStub.fromTyped(workflow).getResult(Void.class);
        } catch (WorkflowFailedException e) {
            throw new AssertionError("the backfill workflow failed", e);
        }
        return execution;
    }

    private BackfillWorkflow newWorkflow() {
        return env.getWorkflowClient().newWorkflowStub(BackfillWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.BACKFILLS)
                .build());
    }

    private static List<String> expectedIds(int intervals) {
        return IntStream.range(0, intervals).mapToObj(i -> WorkflowIds.run(EXPORT, RecordingBackfillActivities.end(i))).toList();
    }
}
