package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.run.RunStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportRunWorkflowTest {

    private static final UUID EXPORT = UUID.fromString("00000000-0000-0000-0000-00000000e001");
    private static final Instant START = Instant.parse("2024-05-15T12:00:00Z");
    private static final Instant END = Instant.parse("2024-05-15T13:00:00Z");
    private static final String WORKFLOW_ID = WorkflowIds.run(EXPORT, END);

    private TestWorkflowEnvironment env;
    private final RecordingRunActivities runs = new RecordingRunActivities();
    private final ScriptedExportActivities exports = new ScriptedExportActivities();

    @BeforeEach
    void startWorker() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.EXPORTS);
        worker.registerWorkflowImplementationTypes(ActivityOptionsPolicy.implementationOptions(TestWorkflowProperties.fast()),
                ExportRunWorkflowImpl.class);
        worker.registerActivitiesImplementations(runs, exports);
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void aRunThatExportsItsIntervalCompletes() {
        exports.script((runId, attempt) -> new ExportActivities.Exported(42, 4200));

        ExportRunWorkflow workflow = newWorkflow(WORKFLOW_ID);
        WorkflowExecution execution = WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, START, END, null));
        ExportRunResult result = WorkflowStub.fromTyped(workflow).getResult(ExportRunResult.class);

        assertThat(result.status()).isEqualTo("Completed");
        assertThat(result.recordsCompleted()).isEqualTo(42);
        assertThat(result.bytesExported()).isEqualTo(4200);
        assertThat(runs.starts).containsExactly(new RunActivities.RunStart(WORKFLOW_ID, EXPORT, null, START, END));
        assertThat(result.runId()).isEqualTo(runs.runIds.get(WORKFLOW_ID));
        assertThat(runs.finishes).containsExactly(new RunActivities.RunFinish(WORKFLOW_ID, RunStatus.Completed, 42, 4200, null));
        HistoryFixtures.record(env, execution, "export-run-completed");
    }

    @Test
    void aDestinationUserErrorFailsTheRunAtOnceWithoutRetries() {
        exports.script((runId, attempt) -> {
            throw ApplicationFailure.newNonRetryableFailure("The bucket 'exports' does not exist.", FailureTypes.DESTINATION_USER_ERROR);
        });

        ExportRunWorkflow workflow = newWorkflow(WORKFLOW_ID);
        WorkflowExecution execution = WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, START, END, null));

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ExportRunResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .satisfies(f -> assertThat(((ApplicationFailure) f).getType()).isEqualTo("Failed"));
        UUID runId = runs.runIds.get(WORKFLOW_ID);
        assertThat(exports.attemptsOf(runId)).isEqualTo(1);
        assertThat(runs.finishOf(WORKFLOW_ID))
                .isEqualTo(new RunActivities.RunFinish(WORKFLOW_ID, RunStatus.Failed, 0, 0, "The bucket 'exports' does not exist."));
        HistoryFixtures.record(env, execution, "export-run-user-error");
    }

    @Test
    void aTransientErrorIsRetriedAndThenTheRunCompletes() {
        exports.script((runId, attempt) -> {
            if (attempt < 3) {
                throw ApplicationFailure.newFailure("Connection reset by the destination.", FailureTypes.EXPORT_ERROR);
            }
            return new ExportActivities.Exported(7, 70);
        });

        ExportRunWorkflow workflow = newWorkflow(WORKFLOW_ID);
        WorkflowExecution execution = WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, START, END, null));
        ExportRunResult result = WorkflowStub.fromTyped(workflow).getResult(ExportRunResult.class);

        assertThat(result.status()).isEqualTo("Completed");
        assertThat(exports.attemptsOf(result.runId())).isEqualTo(3);
        assertThat(runs.finishes).containsExactly(new RunActivities.RunFinish(WORKFLOW_ID, RunStatus.Completed, 7, 70, null));
        HistoryFixtures.record(env, execution, "export-run-retried");
    }

    @Test
    void aRunWhoseRetriesRunOutEndsFailedRetryable() {
        exports.script((runId, attempt) -> {
            throw ApplicationFailure.newFailure("Connection reset by the destination.", FailureTypes.EXPORT_ERROR);
        });

        ExportRunWorkflow workflow = newWorkflow(WORKFLOW_ID);
        WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, START, END, null));

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ExportRunResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().satisfies(f -> assertThat(((ApplicationFailure) f).getType()).isEqualTo("FailedRetryable"));
        assertThat(exports.attemptsOf(runs.runIds.get(WORKFLOW_ID))).isEqualTo(TestWorkflowProperties.MAX_ATTEMPTS);
        assertThat(runs.finishOf(WORKFLOW_ID)).isEqualTo(new RunActivities.RunFinish(WORKFLOW_ID, RunStatus.FailedRetryable, 0, 0,
                "Connection reset by the destination."));
    }

    @Test
    void cancellingARunEndsItCancelled() throws InterruptedException {
        exports.script(ScriptedExportActivities.untilCancelled());

        ExportRunWorkflow workflow = newWorkflow(WORKFLOW_ID);
        WorkflowExecution execution = WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, START, END, null));
        assertThat(exports.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        WorkflowStub.fromTyped(workflow).cancel();

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ExportRunResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(CanceledFailure.class);
        assertThat(runs.finishes).containsExactly(new RunActivities.RunFinish(WORKFLOW_ID, RunStatus.Cancelled, 0, 0, "The run was cancelled."));
        assertThat(exports.running.get()).isZero();
        HistoryFixtures.record(env, execution, "export-run-cancelled");
    }

    @Test
    void aScheduledStartTakesItsIntervalFromTheScheduledTime() {
        env.registerSearchAttribute(ExportRunWorkflowImpl.SCHEDULED_START_TIME.getName(), IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
        ExportRunWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ExportRunWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.EXPORTS)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(ExportRunWorkflowImpl.SCHEDULED_START_TIME, END.atOffset(ZoneOffset.UTC))
                        .build())
                .build());

        WorkflowExecution execution = WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, null, null, null));
        WorkflowStub.fromTyped(workflow).getResult(ExportRunResult.class);

        assertThat(runs.starts).containsExactly(new RunActivities.RunStart(WORKFLOW_ID, EXPORT, null, START, END));
        HistoryFixtures.record(env, execution, "export-run-scheduled");
    }

    @Test
    void aRunWithNeitherIntervalNorScheduleFailsWithoutARun() {
        ExportRunWorkflow workflow = newWorkflow(WORKFLOW_ID);
        WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, null, null, null));

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ExportRunResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().satisfies(f -> assertThat(((ApplicationFailure) f).getType()).isEqualTo(FailureTypes.MISSING_INTERVAL));
        assertThat(runs.starts).isEmpty();
        assertThat(exports.calls).isEmpty();
    }

    private ExportRunWorkflow newWorkflow(String workflowId) {
        return env.getWorkflowClient().newWorkflowStub(ExportRunWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.EXPORTS)
                .build());
    }
}
