package dev.sluice.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceApplication;
import dev.sluice.schedule.ScheduleLateness.ScheduledRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The many-small-exports benchmark behind {@code bench/schedule-bench}: Sluice on embedded defaults
 * in this JVM (fresh data dir, random ports), demo events in the default project, {@code --exports}
 * Files exports every 5 minutes, the local schedule driver left alone for {@code --minutes}, then
 * {@link ScheduleLateness} of every interval that ended in that window, as a table and, last, one
 * JSON line. Other {@code --name=value} arguments go to Sluice (e.g. {@code --sluice.worker.export-activities=20}).
 */
public final class ScheduleBench {

    private static final String EMAIL = "bench@sluice.test";
    private static final String PASSWORD = "bench-password-1";
    private static final Duration EVERY = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduleBench() {
    }

    public static void main(String[] args) throws Exception {
        int exports = 200;
        double minutes = 11;
        int graceSeconds = 60;
        List<String> sluiceArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--exports" -> exports = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--grace-seconds" -> graceSeconds = Integer.parseInt(args[++i]);
                default -> {
                    if (!args[i].startsWith("--") || !args[i].contains("=")) {
                        throw new IllegalArgumentException("usage: schedule-bench [--exports N] [--minutes M] [--grace-seconds S]"
                                + " [--sluice.some.setting=value ...]; not understood: " + args[i]);
                    }
                    sluiceArgs.add(args[i]);
                }
            }
        }
        Path dataDir = Files.createTempDirectory("sluice-schedule-bench-");
        List<String> settings = new ArrayList<>(List.of("--sluice.data-dir=" + dataDir, "--server.port=0", "--SLUICE_ADMIN_EMAIL=" + EMAIL,
                "--SLUICE_ADMIN_PASSWORD=" + PASSWORD, "--logging.level.root=warn"));
        settings.addAll(sluiceArgs);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SluiceApplication.class).run(settings.toArray(String[]::new))) {
            Api api = new Api(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            String project = api.send("GET", "/api/projects", null).get("results").get(0).get("id").asText();
            Instant now = Instant.now();
            api.send("POST", "/api/projects/" + project + "/demo_data", Map.of(
                    "start_at", now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)).toString(),
                    "end_at", now.plus(Duration.ofMinutes((long) minutes + 15)).toString(), "events_per_hour", 6000, "seed", 1));
            Set<UUID> ids = ConcurrentHashMap.newKeySet();
            ExecutorService creators = Executors.newFixedThreadPool(4);
            List<Future<?>> creations = new ArrayList<>();
            for (int i = 0; i < exports; i++) {
                int n = i;
                creations.add(creators.submit(() -> {
                    JsonNode created = api.send("POST", "/api/projects/" + project + "/batch_exports", Map.of(
                            "name", "bench " + n, "interval", "every 5 minutes",
                            "destination", Map.of("type", "Files", "config", Map.of("path", "bench/" + n, "file_format", "JSONLines"))));
                    return ids.add(UUID.fromString(created.get("id").asText()));
                }));
            }
            for (Future<?> creation : creations) {
                creation.get();
            }
            creators.shutdown();
            Instant windowStart = Instant.now();
            Instant windowEnd = windowStart.plusMillis((long) (minutes * 60_000));
            List<Instant> ends = ScheduleLateness.intervalEnds(windowStart, windowEnd, EVERY);
            System.out.printf("%d exports created in %d s; window %s to %s with %d interval ends; data dir %s%n", exports,
                    Duration.between(now, windowStart).toSeconds(), windowStart, windowEnd, ends.size(), dataDir);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Instant until = windowEnd.plusSeconds(graceSeconds);
            while (Instant.now().isBefore(until)) {
                Thread.sleep(Math.min(60_000, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
                ScheduleLateness sofar = ScheduleLateness.of(ids, ScheduleLateness.intervalEnds(windowStart, Instant.now(), EVERY),
                        runs(jdbc, project));
                System.out.printf("%s: %d runs started, max lateness %s s, %d failed%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        sofar.runs(), sofar.maxSeconds(), sofar.failed());
            }
            ScheduleLateness report = ScheduleLateness.of(ids, ends, runs(jdbc, project));
            System.out.println(report.table());
            System.out.println(report.json());
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
        System.exit(0);
    }

    private static List<ScheduledRun> runs(JdbcTemplate jdbc, String project) {
        return jdbc.query("select r.batch_export_id, r.data_interval_end, r.created_at, r.status from batch_export_runs r"
                        + " join batch_exports e on e.id = r.batch_export_id where e.project_id = ? and r.backfill_id is null",
                (rs, i) -> new ScheduledRun(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)), UUID.fromString(project));
    }

    /** The REST API as the bench's signed-in admin. */
    private record Api(int port) {

        JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD)
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }
}
