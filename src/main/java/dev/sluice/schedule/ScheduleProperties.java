package dev.sluice.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduling settings ({@code sluice.schedule.*}).
 *
 * @param localTick how often the local schedule driver looks for due intervals
 * @param catchUpPerTick at most this many intervals of one export are started per tick; the rest follow on later ticks
 * @param describedRuns how many upcoming run times {@code describe} lists
 */
@ConfigurationProperties("sluice.schedule")
public record ScheduleProperties(
        @DefaultValue("5s") Duration localTick,
        @DefaultValue("12") int catchUpPerTick,
        @DefaultValue("5") int describedRuns) {

    public ScheduleProperties {
        if (localTick.isZero() || localTick.isNegative()) {
            throw new IllegalArgumentException("sluice.schedule.local-tick must be positive");
        }
        if (catchUpPerTick < 1) {
            throw new IllegalArgumentException("sluice.schedule.catch-up-per-tick must be at least 1");
        }
    }
}
