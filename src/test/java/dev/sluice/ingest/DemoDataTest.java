package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final UUID PROJECT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void theCountIsEventsPerHourTimesHoursRoundedDown() {
        assertThat(new DemoData(PROJECT, START, START.plus(90, ChronoUnit.MINUTES), 10, 1).count()).isEqualTo(15);
        assertThat(new DemoData(PROJECT, START, START.plus(10, ChronoUnit.MINUTES), 5, 1).count()).isZero();
        assertThat(new DemoData(PROJECT, START, START.plus(61, ChronoUnit.MINUTES), 1, 1).count()).isEqualTo(1);
        assertThat(new DemoData(PROJECT, START, START.plus(31, ChronoUnit.DAYS), 100_000, 1).count()).isEqualTo(74_400_000);
    }

    @Test
    void everyEventLiesInTheHalfOpenRange() {
        Instant end = START.plusSeconds(7);
        DemoData demo = new DemoData(PROJECT, START, end, 1_000_000 / 7 * 7, 3);

        for (long i = 0; i < demo.count(); i += 97) {
            assertThat(demo.at(i)).isBetween(START, end.minusNanos(1));
        }
        assertThat(demo.at(demo.count() - 1)).isBefore(end);
    }

    @Test
    void rowsDoNotDependOnHowTheyAreChunked() {
        ObjectMapper json = new ObjectMapper();
        DemoData demo = new DemoData(PROJECT, START, START.plus(1, ChronoUnit.HOURS), 100, 5);

        List<EventRow> whole = demo.rows(0, 100, json);
        List<EventRow> chunked = new java.util.ArrayList<>(demo.rows(0, 37, json));
        chunked.addAll(demo.rows(37, 100, json));

        assertThat(chunked).isEqualTo(whole);
        assertThat(whole.stream().map(EventRow::uuid).distinct()).hasSize(100);
    }
}
