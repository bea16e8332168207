package dev.sluice.workflow;

import dev.sluice.destination.DestinationType;
import dev.sluice.run.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Metrics of finished runs, recorded by the worker that finished them:
 * {@code sluice_export_records_total} and {@code sluice_export_bytes_total} (completed runs, by
 * destination type as the API names it, e.g. {@code Files}), {@code sluice_runs_finished_total} (by final status and destination type) and
 * the {@code sluice_run_duration_seconds} histogram (run row created to finished). The gauge
 * {@code sluice_runs_open} counts runs not yet finished by status ({@code Starting} ones wait for a
 * worker); it reads the shared database, so every process reports the same value.
 */
@Component
class RunMetrics {

    private final MeterRegistry meters;

    RunMetrics(MeterRegistry meters, JdbcTemplate jdbc) {
        this.meters = meters;
        for (RunStatus status : new RunStatus[] {RunStatus.Starting, RunStatus.Running}) {
            Gauge.builder("sluice.runs.open", () -> openRuns(jdbc, status))
                    .description("Runs that have not finished, by status")
                    .tag("status", status.name())
                    .register(meters);
        }
    }

    void finished(DestinationType destinationType, RunStatus status, long records, long bytes, Duration duration) {
        String destination = destinationType == null ? "unknown" : destinationType.apiValue();
        if (status == RunStatus.Completed) {
            Counter.builder("sluice.export.records").description("Records exported by completed runs")
                    .tag("destination_type", destination).register(meters).increment(records);
            Counter.builder("sluice.export.bytes").description("Bytes exported by completed runs")
                    .tag("destination_type", destination).register(meters).increment(bytes);
        }
        Counter.builder("sluice.runs.finished").description("Runs by final status")
                .tag("status", status.name()).tag("destination_type", destination).register(meters).increment();
        Timer.builder("sluice.run.duration").description("Time from a run's start to its final status")
                .tag("status", status.name()).tag("destination_type", destination)
                .publishPercentileHistogram()
                .register(meters).record(duration.isNegative() ? Duration.ZERO : duration);
    }

    private static double openRuns(JdbcTemplate jdbc, RunStatus status) {
        Long count = jdbc.queryForObject("select count(*) from batch_export_runs where status = ?", Long.class, status.name());
        return count == null ? 0 : count;
    }
}
