package dev.sluice.destination.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.common.DataInterval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalLayoutTest {

    @Test
    void intervalDirectoriesAreNamedByTheirBoundsInAFileNameSafeForm() {
        assertThat(IntervalLayout.directoryName(new DataInterval(Instant.parse("2024-03-01T10:00:00Z"), Instant.parse("2024-03-01T10:05:00Z"))))
                .isEqualTo("20240301T100000Z_20240301T100500Z");
        assertThat(IntervalLayout.directoryName(new DataInterval(Instant.parse("2024-03-01T10:00:00.250Z"), Instant.parse("2024-03-02T00:00:00Z"))))
                .isEqualTo("20240301T100000.25Z_20240302T000000Z");
    }

    @Test
    void partsAreNumberedAndTemporaryNamesAreRecognisedAsSuch() {
        String part = IntervalLayout.partName(12, "csv.zst");
        String temp = IntervalLayout.tempName(part);

        assertThat(part).isEqualTo("part-00012.csv.zst");
        assertThat(IntervalLayout.isPart(part)).isTrue();
        assertThat(IntervalLayout.isPart(temp)).isFalse();
        assertThat(IntervalLayout.isTemp(temp)).isTrue();
        assertThat(IntervalLayout.isTemp(IntervalLayout.MANIFEST)).isFalse();
        assertThat(IntervalLayout.isPart("partial.txt")).isFalse();
    }
}
