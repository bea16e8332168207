package dev.sluice.export;

import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import dev.sluice.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Helpers of the view tests that preview: demo data for yesterday, and waiting for a preview in a mocked UI. */
public final class PreviewPanels {

    /** Demo events per hour of {@link #yesterdaysDemoData}: a day holds 24 times as many. */
    public static final int EVENTS_PER_HOUR = 5;

    private PreviewPanels() {
    }

    /**
     * Stores demo events over the whole of yesterday (UTC), the last complete interval of a daily UTC
     * export, as {@code email} (a member with the EDITOR role at least).
     */
    public static void yesterdaysDemoData(int port, String email, String password, UUID projectId) {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        TestApi.Response demo = TestApi.basic(port, email, password).post("/api/projects/" + projectId + "/demo_data", Map.of(
                "start_at", today.minus(1, ChronoUnit.DAYS).toString(), "end_at", today.toString(),
                "events_per_hour", EVENTS_PER_HOUR, "seed", 5));
        if (demo.status() != 201) {
            throw new IllegalStateException("demo data not stored: " + demo.status() + " " + demo.text());
        }
    }

    /** Runs the mocked UI's queued work until the panel's preview has arrived (or failed). */
    public static void awaitLoaded(PreviewPanel panel) {
        await().pollInSameThread().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
            MockVaadin.runUIQueue();
            return !panel.isLoading();
        });
    }
}
