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
 * @param startConcurrency exports whose due runs the local schedule driver starts at the same time within a tick
 */
@ConfigurationProperties("sluice.schedule")
public record ScheduleProperties(
        @DefaultValue("5s") Duration localTick,
        @DefaultValue("12") int catchUpPerTick,
        @DefaultValue("5") int describedRuns,
        @DefaultValue("4") int startConcurrency) {

    public ScheduleProperties {
        if (localTick.isZero() || localTick.isNegative()) {
            throw new IllegalArgumentException("sluice.schedule.local-tick must be positive");
        }
        if (catchUpPerTick < 1) {
            throw new IllegalArgumentException("sluice.schedule.catch-up-per-tick must be at least 1");
        }
        if (startConcurrency < 1) {
            throw new IllegalArgumentException("sluice.schedule.start-concurrency must be at least 1");
        }
    }
}
