package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every committed workflow history on the current workflow code: a change that would make
 * running workflows non-deterministic fails here. Record new fixtures with
 * {@code ./mvnw test -Dtest='*WorkflowTest' -Dsluice.record-histories=true} when a workflow changes
 * on purpose (and version the change with {@code Workflow.getVersion}).
 */
class WorkflowReplayTest {

    private static TestWorkflowEnvironment env;
    private static Worker worker;

    @BeforeAll
    static void replayWorker() {
        env = TestWorkflowEnvironment.newInstance();
        worker = env.newWorker(TaskQueues.BACKFILLS);
        worker.registerWorkflowImplementationTypes(ActivityOptionsPolicy.implementationOptions(TestWorkflowProperties.fast()),
                ExportRunWorkflowImpl.class, BackfillWorkflowImpl.class);
    }

    @AfterAll
    static void close() {
        env.close();
    }

    @Test
    void thereAreHistoriesOfEveryWorkflowAndEnding() throws Exception {
        assertThat(histories().stream().map(p -> p.getFileName().toString())).contains(
                "export-run-completed.json", "export-run-user-error.json", "export-run-retried.json", "export-run-cancelled.json",
                "export-run-scheduled.json", "backfill-completed.json", "backfill-resumed.json", "backfill-cancelled.json",
                "backfill-continued-as-new.json");
    }

    @TestFactory
    Stream<DynamicTest> everyCommittedHistoryReplaysOnTheCurrentCode() throws Exception {
        return histories().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () ->
                WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(path)), worker)));
    }

    private static List<Path> histories() throws IOException, URISyntaxException {
        Path directory = Path.of(WorkflowReplayTest.class.getResource("/histories").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
