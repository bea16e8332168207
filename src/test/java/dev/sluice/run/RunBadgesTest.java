package dev.sluice.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunBadgesTest {

    @Test
    void durationsUnderATenthOfASecondReadAsLessThanATenth() {
        assertThat(RunBadges.duration(Duration.ZERO)).isEqualTo("< 0.1 s");
        assertThat(RunBadges.duration(Duration.ofMillis(99))).isEqualTo("< 0.1 s");
        assertThat(RunBadges.duration(Duration.ofMillis(-250))).isEqualTo("< 0.1 s");
    }

    @Test
    void subSecondDurationsShowTenthsRoundedDownSoTheyNeverReadAsOneSecond() {
        assertThat(RunBadges.duration(Duration.ofMillis(100))).isEqualTo("0.1 s");
        assertThat(RunBadges.duration(Duration.ofMillis(400))).isEqualTo("0.4 s");
        assertThat(RunBadges.duration(Duration.ofMillis(999))).isEqualTo("0.9 s");
    }

    @Test
    void longerDurationsShowWholeSecondsMinutesAndHours() {
        assertThat(RunBadges.duration(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(RunBadges.duration(Duration.ofMillis(59_999))).isEqualTo("59 s");
        assertThat(RunBadges.duration(Duration.ofSeconds(60))).isEqualTo("1 min 0 s");
        assertThat(RunBadges.duration(Duration.ofSeconds(3599))).isEqualTo("59 min 59 s");
        assertThat(RunBadges.duration(Duration.ofSeconds(3600))).isEqualTo("1 h 0 min");
        assertThat(RunBadges.duration(Duration.ofHours(25).plusMinutes(1).plusSeconds(59))).isEqualTo("25 h 1 min");
    }
}
