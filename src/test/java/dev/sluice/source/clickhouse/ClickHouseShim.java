package dev.sluice.source.clickhouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real ClickHouse engine (chDB) behind its HTTP interface, started from
 * {@code src/test/clickhouse-shim/server.js} on a free loopback port. Its npm packages must be
 * installed ({@code npm install}, which {@link #start()} runs when they are missing): if the shim
 * cannot start, the tests that need it fail.
 */
final class ClickHouseShim implements AutoCloseable {

    private static final Path SHIM = Path.of("src", "test", "clickhouse-shim");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path dataDir;
    private final String url;

    private ClickHouseShim(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.url = "http://127.0.0.1:" + port;
    }

    static ClickHouseShim start() throws Exception {
        installPackagesIfMissing();
        Path dataDir = Files.createTempDirectory("sluice-chdb-");
        Process process = new ProcessBuilder("node", "server.js", "0", dataDir.toString())
                .directory(SHIM.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("listening ")) {
                        return line.substring("listening ".length()).trim();
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("the ClickHouse shim exited before listening:\n" + seen);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            int port = Integer.parseInt(ready.get(90, TimeUnit.SECONDS));
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "clickhouse-shim-output");
            drain.setDaemon(true);
            drain.start();
            return new ClickHouseShim(process, dataDir, port);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Runs {@code npm install} for the shim once, so {@code ./mvnw test} needs no separate step. */
    private static synchronized void installPackagesIfMissing() throws Exception {
        if (Files.isDirectory(SHIM.resolve("node_modules").resolve("chdb"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
                .directory(SHIM.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install of the ClickHouse shim (chdb) failed:\n" + output);
        }
    }

    String url() {
        return url;
    }

    /** Runs a statement (DDL, an INSERT with inline data) and returns the response text; fails on any ClickHouse error. */
    String execute(String sql) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse said " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
