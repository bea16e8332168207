package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sluice as a separate JVM: {@code java -cp <this test run's classpath> dev.sluice.SluiceApplication}
 * with the given environment, its output in {@code target/sluice-processes/<name>.log}. {@link #stop()} asks it to shut down as an
 * operator would (SIGTERM), then makes sure it and its embedded PostgreSQL are gone.
 */
final class SluiceRoleProcess {

    /** Variables of the test's own environment that would change what the child connects to. */
    private static final List<String> INHERITED_SETTINGS = List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD", "TEMPORAL_TARGET", "TEMPORAL_NAMESPACE", "SLUICE_ROLES", "SLUICE_DATA_DIR", "PORT",
            "SLUICE_EMBEDDED_POSTGRES_PORT", "SLUICE_EMBEDDED_TEMPORAL_PORT", "SLUICE_ENCRYPTION_KEYS");

    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SluiceRoleProcess(String name, Process process, int httpPort, Path log, Path dataDir) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.dataDir = dataDir;
    }

    static SluiceRoleProcess start(String name, Path dataDir, int httpPort, Map<String, String> env) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path logs = Files.createDirectories(Path.of("target", "sluice-processes"));
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.sluice.SluiceApplication"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        INHERITED_SETTINGS.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        builder.environment().put("SLUICE_DATA_DIR", dataDir.toString());
        builder.environment().put("PORT", String.valueOf(httpPort));
        return new SluiceRoleProcess(name, builder.start(), httpPort, log, dataDir);
    }

    int httpPort() {
        return httpPort;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200 (database and Temporal up, application ready). */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log:\n" + tail());
            }
            if (get("/actuator/health/readiness").status() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; its log:\n" + tail());
    }

    /** An HTTP answer; status -1 while nothing listens on the port. */
    record Answer(int status, String body) {
    }

    Answer get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM (graceful shutdown), then SIGKILL after a while; then any PostgreSQL it left on its data dir. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
        stopLeftoverPostgres(dataDir.resolve("postgres"));
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopLeftoverPostgres(Path pgData) throws InterruptedException {
        Path pidFile = pgData.resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster;
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (postmaster.isPresent()) {
            postmaster.get().destroy();
            for (int i = 0; i < 100 && postmaster.get().isAlive(); i++) {
                Thread.sleep(100);
            }
            postmaster.get().destroyForcibly();
        }
    }
}
