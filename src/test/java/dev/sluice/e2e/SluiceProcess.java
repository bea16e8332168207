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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sluice as an operator runs it: a JVM of its own on a data dir, with fixed ports so a restart
 * finds the same database. Started from the test's class path, or from the packaged jar when
 * {@code -Dsluice.e2e.jar=target/sluice-….jar} is given. Its stdout and stderr go to
 * {@code <logDir>/<name>-<n>.log} (the data dir and {@code sluice} unless {@link Options} say otherwise),
 * one file per start.
 */
final class SluiceProcess implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@sluice.test";
    static final String ADMIN_PASSWORD = "admin-password-1";

    /** Variables of the test's own environment that would change what the child connects to. */
    private static final List<String> INHERITED_SETTINGS = List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD", "TEMPORAL_TARGET", "TEMPORAL_NAMESPACE", "SLUICE_ROLES", "SLUICE_DATA_DIR", "PORT",
            "SLUICE_EMBEDDED_POSTGRES_PORT", "SLUICE_EMBEDDED_TEMPORAL_PORT", "SLUICE_ENCRYPTION_KEYS");

    /**
     * How to start it: the process's name (for its log file), the data dir, the directory for logs,
     * its HTTP, embedded PostgreSQL and embedded Temporal ports, extra command-line arguments and
     * environment variables (such as {@code SLUICE_ROLES}, or {@code SPRING_DATASOURCE_URL} and
     * {@code TEMPORAL_TARGET} for a process that joins another one's database and Temporal).
     */
    record Options(String name, Path dataDir, Path logDir, int httpPort, int postgresPort, int temporalPort,
                   List<String> args, Map<String, String> env) {

        Options {
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }

        Options named(String value) {
            return new Options(value, dataDir, logDir, httpPort, postgresPort, temporalPort, args, env);
        }

        Options logsIn(Path value) {
            return new Options(name, dataDir, value, httpPort, postgresPort, temporalPort, args, env);
        }

        Options withArgs(String... more) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of(more));
            return new Options(name, dataDir, logDir, httpPort, postgresPort, temporalPort, all, env);
        }

        Options withEnv(Map<String, String> more) {
            Map<String, String> all = new HashMap<>(env);
            all.putAll(more);
            return new Options(name, dataDir, logDir, httpPort, postgresPort, temporalPort, args, all);
        }

        /** A process with a database of its own; one that is pointed at another's does not stop the PostgreSQL on its data dir. */
        boolean ownsEmbeddedPostgres() {
            return !env.containsKey("SPRING_DATASOURCE_URL");
        }
    }

    /** A process named {@code sluice} on the data dir, logging there, on free ports, with no extra settings. */
    static Options options(Path dataDir) {
        return new Options("sluice", dataDir, dataDir, freePort(), freePort(), freePort(), List.of(), Map.of());
    }

    /** An HTTP answer; status -1 while nothing listens on the port. */
    record Answer(int status, String body) {
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    SluiceProcess(Path dataDir, List<String> extraArgs) {
        this(options(dataDir).withArgs(extraArgs.toArray(String[]::new)));
    }

    SluiceProcess(Options options) {
        this.options = options;
    }

    int httpPort() {
        return options.httpPort();
    }

    int postgresPort() {
        return options.postgresPort();
    }

    int temporalPort() {
        return options.temporalPort();
    }

    Path dataDir() {
        return options.dataDir();
    }

    /** The log of the latest start. */
    Path log() {
        return options.logDir().resolve(options.name() + "-" + starts + ".log");
    }

    /** Starts the JVM and waits until it is ready (database and Temporal up, start-up reconciliation done). */
    void start(Duration timeout) throws IOException, InterruptedException {
        starts++;
        Files.createDirectories(options.logDir());
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log().toFile());
        INHERITED_SETTINGS.forEach(builder.environment()::remove);
        builder.environment().put("SLUICE_ADMIN_EMAIL", ADMIN_EMAIL);
        builder.environment().put("SLUICE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(options.env());
        process = builder.start();
        awaitReady(timeout);
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("-Xmx768m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        String jar = System.getProperty("sluice.e2e.jar");
        if (jar != null && !jar.isBlank()) {
            command.add("-jar");
            command.add(Path.of(jar).toAbsolutePath().toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("dev.sluice.SluiceApplication");
        }
        command.add("--sluice.data-dir=" + options.dataDir());
        command.add("--server.port=" + options.httpPort());
        command.add("--sluice.embedded.postgres.port=" + options.postgresPort());
        command.add("--sluice.embedded.temporal.port=" + options.temporalPort());
        command.addAll(options.args());
        return command;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200. */
    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(options.name() + " exited with " + process.exitValue() + " during start-up; its log:\n" + tail());
            }
            if (get("/actuator/health/readiness").status() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(options.name() + " was not ready within " + timeout + "; its log:\n" + tail());
    }

    /** A GET without credentials. */
    Answer get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.httpPort() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9}: no shutdown hook runs; the embedded PostgreSQL is left running. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** {@code kill} (SIGTERM): Spring's graceful shutdown. Returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(options.name() + " did not stop within " + timeout + " of SIGTERM; see " + log());
        }
        return process.exitValue();
    }

    String logText() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            return "";
        }
    }

    /** The last 80 lines of the latest log, for failure messages. */
    String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    /**
     * SIGTERM (graceful shutdown), then {@code kill -9} if it is still running after a minute; then a
     * PostgreSQL left running on its data dir (by a killed JVM), if this process owns that database.
     */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (!options.ownsEmbeddedPostgres()) {
            return;
        }
        Optional<ProcessHandle> postmaster = leftPostmaster();
        if (postmaster.isPresent()) {
            postmaster.get().destroy();
            postmaster.get().onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
            if (postmaster.get().isAlive()) {
                postmaster.get().destroyForcibly();
            }
        }
    }

    private Optional<ProcessHandle> leftPostmaster() {
        Path pidFile = options.dataDir().resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
