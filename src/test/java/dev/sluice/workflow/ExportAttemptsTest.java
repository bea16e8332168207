package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.Destinations;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.run.RunStatus;
import dev.sluice.source.EventSource;
import dev.sluice.source.ExportBufferProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The real destination activity across attempts, driven by the run workflow on Temporal's test
 * server: what one attempt heartbeats is what the next attempt resumes from.
 */
class ExportAttemptsTest {

    private static final UUID EXPORT = UUID.fromString("00000000-0000-0000-0000-00000000e004");
    private static final DataInterval INTERVAL = new DataInterval(Instant.parse("2024-05-15T12:00:00Z"), Instant.parse("2024-05-15T13:00:00Z"));
    private static final String WORKFLOW_ID = WorkflowIds.run(EXPORT, INTERVAL.end());

    private final StubEventSource source = new StubEventSource(6, 2);
    private final RecordingDestination destination = new RecordingDestination(DestinationType.POSTGRES);
    private final RecordingRunActivities runs = new RecordingRunActivities();
    private final FixedIntervalJobs jobs = new FixedIntervalJobs(EXPORT, INTERVAL);
    private TestWorkflowEnvironment env;

    @BeforeEach
    void startWorker() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.EXPORTS);
        worker.registerWorkflowImplementationTypes(ActivityOptionsPolicy.implementationOptions(TestWorkflowProperties.fast()),
                ExportRunWorkflowImpl.class);
        worker.registerActivitiesImplementations(runs, new ExportActivitiesImpl(jobs, new Destinations(List.of(destination)), source,
                TestWorkflowProperties.fast(), ExportBufferProperties.defaults()));
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void anAttemptAfterATransientErrorResumesAfterTheLastCommittedCheckpoint() {
        destination.failure = batch -> {
            if (batch == 2 && destination.requests.size() == 1) {
                throw new IllegalStateException("Connection reset by the destination");
            }
        };

        ExportRunResult result = run();

        assertThat(result.status()).isEqualTo("Completed");
        assertThat(result.recordsCompleted()).isEqualTo(6);
        assertThat(source.opened).extracting(q -> q.resumeAfter()).containsExactly(null, StubEventSource.cursorOf(3));
        assertThat(destination.requests.get(1).resumeFrom())
                .isEqualTo(new ExportCheckpoint(StubEventSource.cursorOf(3), 2, 4, 40, Map.of("last_file", "part-2")));
        assertThat(destination.rowsSeen).containsExactly("row-0", "row-1", "row-2", "row-3", "row-4", "row-5");
        assertThat(jobs.logLines).containsExactly(
                "WARN Attempt 1 of 3 failed: Connection reset by the destination. It will be retried.",
                "INFO Attempt 2 resumes after 4 records written before.");
    }

    @Test
    void aRecordCountMismatchMakesTheNextAttemptExportTheIntervalAgainFromItsStart() {
        source.counts.add(7L);

        ExportRunResult result = run();

        assertThat(result.status()).isEqualTo("Completed");
        assertThat(source.opened).extracting(q -> q.resumeAfter()).containsExactly(null, null);
        assertThat(destination.requests.get(1).resumeFrom()).isEqualTo(ExportCheckpoint.start());
        assertThat(destination.rowsSeen).hasSize(12);
        assertThat(runs.finishOf(WORKFLOW_ID).status()).isEqualTo(RunStatus.Completed);
        assertThat(jobs.logLines).singleElement().asString()
                .contains("reports 6 records").contains("holds 7").contains("Attempt 1 of 3");
    }

    private ExportRunResult run() {
        ExportRunWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ExportRunWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.EXPORTS)
                .build());
        WorkflowClient.start(workflow::run, new ExportRunInput(EXPORT, INTERVAL.start(), INTERVAL.end(), null));
        return WorkflowStub.fromTyped(workflow).getResult(ExportRunResult.class);
    }
}
