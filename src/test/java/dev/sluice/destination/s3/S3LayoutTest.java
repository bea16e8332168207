package dev.sluice.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.DestinationUserException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3LayoutTest {

    private static final DataInterval INTERVAL = new DataInterval(Instant.parse("2024-12-31T23:55:00Z"), Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void datePlaceholdersAreThoseOfTheIntervalEndAndTheOthersAreFilledIn() {
        assertThat(S3Layout.render("{year}-{month}-{day}T{hour}:{minute}/{table}/{data_interval_start}/{data_interval_end}", INTERVAL, "persons"))
                .isEqualTo("2025-01-01T00:00/persons/2024-12-31T23:55:00Z/2025-01-01T00:00:00Z");
    }

    @Test
    void keysHaveSingleSlashesWhateverThePrefixLooksLike() {
        assertThat(S3Layout.of("//a//b/", INTERVAL, "events").partKey(3, "csv.gz"))
                .isEqualTo("a/b/20241231T235500Z_20250101T000000Z/part-00003.csv.gz");
        assertThat(S3Layout.of("", INTERVAL, "events").manifestKey()).isEqualTo("20241231T235500Z_20250101T000000Z/manifest.json");
        assertThat(S3Layout.of("{table}\\\\raw", INTERVAL, "events").intervalPrefix()).isEqualTo("events/raw/20241231T235500Z_20250101T000000Z/");
    }

    @Test
    void onlyPartsOfTheIntervalArePartKeys() {
        S3Layout layout = S3Layout.of("p", INTERVAL, "events");

        assertThat(layout.isPartKey(layout.partKey(0, "jsonl"))).isTrue();
        assertThat(layout.isPartKey(layout.manifestKey())).isFalse();
        assertThat(layout.isPartKey("p/other/part-00000.jsonl")).isFalse();
    }

    @Test
    void anUnknownPlaceholderIsAUserError() {
        assertThatThrownBy(() -> S3Layout.render("{team}/x", INTERVAL, "events")).isInstanceOf(DestinationUserException.class)
                .hasMessageStartingWith("The S3 prefix '{team}/x' uses the unknown placeholder {team}");
    }
}
