package dev.sluice.workflow;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves workflow histories as replay fixtures under {@code src/test/resources/histories} when the
 * build runs with {@code -Dsluice.record-histories=true}; otherwise does nothing, so the committed
 * fixtures stay what {@link WorkflowReplayTest} replays.
 */
final class HistoryFixtures {

    static final Path DIRECTORY = Path.of("src", "test", "resources", "histories");

    private HistoryFixtures() {
    }

    static void record(TestWorkflowEnvironment env, WorkflowExecution execution, String name) {
        if (!Boolean.getBoolean("sluice.record-histories")) {
            return;
        }
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(name + ".json"), env.getWorkflowExecutionHistory(execution).toJson(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
