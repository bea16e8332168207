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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sluice as an operator runs it: a JVM of its own on a data dir, with fixed ports so a restart
 * finds the same database. Started from the test's class path, or from the packaged jar when
 * {@code -Dsluice.e2e.jar=target/sluice-….jar} is given. Its output goes to {@code <dataDir>/sluice-<n>.log}.
 */
final class SluiceProcess implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@sluice.test";
    static final String ADMIN_PASSWORD = "admin-password-1";

    private final Path dataDir;
    private final int httpPort;
    private final int postgresPort;
    private final List<String> extraArgs;
    private Process process;
    private int starts;

    SluiceProcess(Path dataDir, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.postgresPort = freePort();
        this.extraArgs = List.copyOf(extraArgs);
    }

    int httpPort() {
        return httpPort;
    }

    int postgresPort() {
        return postgresPort;
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return dataDir.resolve("sluice-" + starts + ".log");
    }

    /** Starts the JVM and waits until its health endpoint is up (start-up reconciliation has run by then). */
    void start(Duration timeout) throws IOException, InterruptedException {
        starts++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("-Xmx768m");
        command.add("-XX:TieredStopAtLevel=1");
        String jar = System.getProperty("sluice.e2e.jar");
        if (jar != null && !jar.isBlank()) {
            command.add("-jar");
            command.add(Path.of(jar).toAbsolutePath().toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("dev.sluice.SluiceApplication");
        }
        command.add("--sluice.data-dir=" + dataDir);
        command.add("--server.port=" + httpPort);
        command.add("--sluice.embedded.postgres.port=" + postgresPort);
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().put("SLUICE_ADMIN_EMAIL", ADMIN_EMAIL);
        builder.environment().put("SLUICE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().remove("TEMPORAL_TARGET");
        builder.environment().remove("SPRING_DATASOURCE_URL");
        process = builder.start();
        awaitHealthy(timeout);
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
            throw new AssertionError("Sluice did not stop within " + timeout + " of SIGTERM; see " + log());
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

    /** Stops the JVM if still running and a postmaster a killed JVM left behind. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
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
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
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

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Sluice exited with " + process.exitValue() + " during start-up; see " + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Sluice was not healthy within " + timeout + "; see " + log());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
