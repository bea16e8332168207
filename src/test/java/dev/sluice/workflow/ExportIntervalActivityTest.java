package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.Destinations;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.source.EventSource;
import dev.sluice.source.ExportBufferProperties;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ExportIntervalActivityTest {

    private static final UUID EXPORT = UUID.fromString("00000000-0000-0000-0000-00000000e003");
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-0000000a0003");
    private static final DataInterval INTERVAL = new DataInterval(Instant.parse("2024-05-15T12:00:00Z"), Instant.parse("2024-05-15T13:00:00Z"));
    private static final String PASSWORD = FixedIntervalJobs.PASSWORD;

    private StubEventSource source = new StubEventSource(5, 2);
    private final RecordingDestination destination = new RecordingDestination(DestinationType.POSTGRES);
    private List<String> logLines;
    private final List<ExportCheckpoint> heartbeats = new CopyOnWriteArrayList<>();
    private TestActivityEnvironment env;
    private ExportActivities activities;

    @BeforeEach
    void setUp() {
        destination.millisPerBatch = 250;
        start();
    }

    private void start() {
        FixedIntervalJobs jobs = new FixedIntervalJobs(EXPORT, INTERVAL);
        logLines = jobs.logLines;
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new ExportActivitiesImpl(jobs, new Destinations(List.of(destination)), source,
                TestWorkflowProperties.fast(), ExportBufferProperties.defaults()));
        env.setActivityHeartbeatListener(ExportCheckpoint.class, heartbeats::add);
        activities = env.newActivityStub(ExportActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofMillis(200))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void aFirstAttemptReadsTheWholeIntervalAndHeartbeatsEveryCommittedCheckpoint() {
        ExportActivities.Exported exported = activities.exportInterval(new ExportActivities.IntervalExport(RUN));

        assertThat(exported).isEqualTo(new ExportActivities.Exported(5, 50));
        assertThat(source.opened).singleElement().satisfies(q -> {
            assertThat(q.resumeAfter()).isNull();
            assertThat(q.interval()).isEqualTo(INTERVAL);
        });
        assertThat(destination.requests).singleElement().satisfies(r -> {
            assertThat(r.resumeFrom()).isEqualTo(ExportCheckpoint.start());
            assertThat(r.runId()).isEqualTo(RUN);
            assertThat(r.config()).containsEntry("password", PASSWORD);
        });
        assertThat(heartbeats).extracting(ExportCheckpoint::records).containsSubsequence(2L, 4L, 5L);
        assertThat(heartbeats.get(heartbeats.size() - 1)).isEqualTo(new ExportCheckpoint(StubEventSource.cursorOf(4), 3, 5, 50,
                Map.of("last_file", "part-3")));
        assertThat(source.allocators).singleElement().satisfies(a -> assertThat(a.getAllocatedMemory()).isZero());
    }

    @Test
    void aRetriedAttemptResumesAfterTheCursorOfItsLastHeartbeat() {
        ExportCheckpoint committed = new ExportCheckpoint(StubEventSource.cursorOf(1), 1, 2, 20, Map.of("last_file", "part-1"));
        env.setHeartbeatDetails(committed);

        ExportActivities.Exported exported = activities.exportInterval(new ExportActivities.IntervalExport(RUN));

        assertThat(source.opened).singleElement().satisfies(q -> assertThat(q.resumeAfter()).isEqualTo(StubEventSource.cursorOf(1)));
        assertThat(destination.requests).singleElement().satisfies(r -> assertThat(r.resumeFrom()).isEqualTo(committed));
        assertThat(destination.rowsSeen).containsExactly("row-2", "row-3", "row-4");
        assertThat(heartbeats).extracting(ExportCheckpoint::records).containsSubsequence(4L, 5L);
        assertThat(exported).isEqualTo(new ExportActivities.Exported(5, 50));
        assertThat(logLines).anySatisfy(line -> assertThat(line).startsWith("INFO Attempt 1 resumes after 2 records"));
    }

    @Test
    void aRecordCountThatDiffersFromTheSourceFailsRetryablyWithBothNumbers() {
        source.counts.add(6L);

        assertThatThrownBy(() -> activities.exportInterval(new ExportActivities.IntervalExport(RUN)))
                .isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(FailureTypes.RECORD_COUNT_MISMATCH);
                    assertThat(failure.isNonRetryable()).isFalse();
                    assertThat(failure.getOriginalMessage()).contains("reports 5 records").contains("holds 6");
                });
        assertThat(logLines).anySatisfy(line -> assertThat(line).startsWith("WARN Attempt 1 of 3 failed: The destination reports 5"));
    }

    @Test
    void aDestinationUserErrorIsNeverRetriedAndItsMessageHidesTheSecrets() {
        destination.failure = batch -> {
            throw new DestinationUserException("Login failed for user sluice with password " + PASSWORD + ".");
        };

        assertThatThrownBy(() -> activities.exportInterval(new ExportActivities.IntervalExport(RUN)))
                .isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(FailureTypes.DESTINATION_USER_ERROR);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).isEqualTo("Login failed for user sluice with password ***.");
                    assertThat(failure.getCause()).isNull();
                });
        assertThat(logLines).singleElement().asString()
                .startsWith("ERROR Attempt 1 failed with an error only a change of the export can fix")
                .doesNotContain(PASSWORD);
    }

    @Test
    void anUnexpectedErrorIsRetryableAndEachAttemptIsLogged() {
        destination.failure = batch -> {
            if (batch == 2) {
                throw new IllegalStateException("No space left on device");
            }
        };

        assertThatThrownBy(() -> activities.exportInterval(new ExportActivities.IntervalExport(RUN)))
                .isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(FailureTypes.EXPORT_ERROR);
                    assertThat(failure.isNonRetryable()).isFalse();
                    assertThat(failure.getOriginalMessage()).isEqualTo("No space left on device");
                });
        assertThat(logLines).containsExactly("WARN Attempt 1 of 3 failed: No space left on device. It will be retried.");
        assertThat(source.allocators).singleElement().satisfies(a -> assertThat(a.getAllocatedMemory()).isZero());
    }

    @Test
    void aCancelledAttemptStopsAtTheNextCheckpointWithoutCountingAsAFailure() {
        env.close();
        source = new StubEventSource(20, 1);
        start();
        destination.failure = batch -> {
            if (batch == 1) {
                env.requestCancelActivity();
            }
        };

        assertThatThrownBy(() -> activities.exportInterval(new ExportActivities.IntervalExport(RUN)))
                .isInstanceOf(CanceledFailure.class);
        assertThat(destination.rowsSeen).hasSizeLessThan(20);
        assertThat(logLines).isEmpty();
    }
}
