package dev.sluice.workflow;

import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportDraft;
import dev.sluice.export.ExportService;
import dev.sluice.project.ProjectService;
import dev.sluice.security.AppUserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Projects and exports for integration tests, each test with its own. */
final class SluiceFixtures {

    private SluiceFixtures() {
    }

    static BatchExport hourlyExport(ProjectService projects, AppUserRepository users, ExportService exports) {
        UUID admin = users.findByEmail("admin@sluice.test").orElseThrow().getId();
        UUID project = projects.create("Workflow test " + UUID.randomUUID(), admin).getId();
        return exports.create(project, new ExportDraft("Hourly files", "Files", Map.of("path", "workflow-test"), "hour", 0, "UTC",
                "events", null, null, true, null, null));
    }

    /** Polls until {@code value} returns non-null, for at most {@code timeout}. */
    static <T> T await(Duration timeout, String what, Supplier<T> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
