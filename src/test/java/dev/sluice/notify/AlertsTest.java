package dev.sluice.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.run.RunFinished;
import dev.sluice.run.RunStatus;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Auto-pause and alerts through the whole app, with a real webhook receiver (the JDK's HTTP
 * server, checking the signature itself) and a real SMTP server (GreenMail).
 */
@SluiceIntegrationTest
class AlertsTest {

    private static final String SECRET = "webhook-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    private static final HttpServer WEBHOOK = webhook();
    private static final GreenMail SMTP = smtp();

    record Delivery(String signature, String event, byte[] body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @DynamicPropertySource
    static void notifyTo(DynamicPropertyRegistry registry) {
        registry.add("sluice.notify.webhook-url", () -> "http://127.0.0.1:" + WEBHOOK.getAddress().getPort() + "/hooks/sluice");
        registry.add("sluice.notify.webhook-secret", () -> SECRET);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("sluice.notify.email-to", () -> "ops@sluice.test");
    }

    @AfterAll
    static void stopServers() {
        WEBHOOK.stop(0);
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Value("${sluice.data-dir}")
    Path dataDir;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void threeFailedRunsInARowPauseTheExportSayingWhyAndTheWebhookGetsOneSignedFailureAlertAndThePause() throws Exception {
        TestApi api = TestApi.admin(port);
        String pid = api.createProject("auto-pause " + UUID.randomUUID());
        String blocked = "blocked-" + UUID.randomUUID();
        Files.createDirectories(dataDir.resolve("exports"));
        Files.writeString(dataDir.resolve("exports").resolve(blocked), "a file where a directory is needed");
        TestApi.Response export = api.post("/api/projects/" + pid + "/batch_exports", Map.of(
                "name", "Blocked files", "interval", "hour",
                "destination", Map.of("type", "Files", "config", Map.of("path", blocked + "/sub"))));
        assertThat(export.status()).as(export.text()).isEqualTo(201);
        String exportId = export.body().get("id").asText();
        String exportPath = "/api/projects/" + pid + "/batch_exports/" + exportId;
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

        TestApi.Response backfill = api.post(exportPath + "/backfills", Map.of(
                "start_at", end.minus(3, ChronoUnit.HOURS).toString(), "end_at", end.toString()));
        assertThat(backfill.status()).isEqualTo(201);

        JsonNode paused = awaitValue(Duration.ofMinutes(2), "the export to pause itself", () -> {
            JsonNode e = api.get(exportPath).body();
            return e.get("paused").asBoolean() ? e : null;
        });
        assertThat(paused.get("last_paused_at").isNull()).isFalse();
        assertThat(paused.get("paused_reason").asText())
                .startsWith("Paused after 3 runs in a row failed")
                .contains("names a file, not a directory");
        JsonNode runs = api.get(exportPath + "/runs").body().get("results");
        assertThat(runs).hasSizeGreaterThanOrEqualTo(3).allSatisfy(run -> {
            assertThat(run.get("status").asText()).isEqualTo("Failed");
            assertThat(run.get("latest_error").asText()).contains("names a file, not a directory");
        });
        JsonNode attemptLogs = api.get(exportPath + "/logs?level=ERROR&search=Attempt%201%20failed%20with%20an%20error%20only").body()
                .get("results");
        assertThat(attemptLogs).hasSizeGreaterThanOrEqualTo(3);
        JsonNode pauseLog = api.get(exportPath + "/logs?level=ERROR&search=Paused%20after%203%20runs").body().get("results");
        assertThat(pauseLog).hasSize(1);

        List<Delivery> forExport = awaitValue(Duration.ofSeconds(30), "the pause alert", () -> {
            List<Delivery> d = deliveriesFor(exportId);
            return d.stream().anyMatch(x -> x.event().equals("export_paused")) ? d : null;
        });
        Thread.sleep(1000);
        forExport = deliveriesFor(exportId);
        assertThat(forExport).extracting(Delivery::event).containsExactlyInAnyOrder("run_failed", "export_paused");
        for (Delivery delivery : forExport) {
            assertThat(delivery.signature()).isEqualTo("sha256=" + hmacSha256Hex(delivery.body()));
            JsonNode body = delivery.json();
            assertThat(body.get("event").asText()).isEqualTo(delivery.event());
            assertThat(body.get("project_id").asText()).isEqualTo(pid);
            assertThat(body.get("export_name").asText()).isEqualTo("Blocked files");
            assertThat(body.get("run_status").asText()).isEqualTo("Failed");
            assertThat(body.get("message").asText()).contains("names a file, not a directory");
        }
        assertThat(forExport).filteredOn(d -> d.event().equals("export_paused")).singleElement()
                .satisfies(d -> assertThat(d.json().get("message").asText()).isEqualTo(paused.get("paused_reason").asText()));

        MimeMessage[] mails = awaitValue(Duration.ofSeconds(30), "two alert emails", () -> {
            MimeMessage[] received = mailsAbout("\"Blocked files\"", pid);
            return received.length >= 2 ? received : null;
        });
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "Sluice: export \"Blocked files\" failed", "Sluice: export \"Blocked files\" paused itself");
        assertThat(mails[0].getAllRecipients()).extracting(Object::toString).containsExactly("ops@sluice.test");

        TestApi.Response unpaused = api.post(exportPath + "/unpause", Map.of());
        assertThat(unpaused.status()).isEqualTo(200);
        assertThat(unpaused.body().get("paused").asBoolean()).isFalse();
        assertThat(unpaused.body().get("paused_reason").isNull()).isTrue();
    }

    @Test
    void failuresAreAlertedAtMostOncePerExportAndHour() throws Exception {
        UUID exportId = exportToWatch("rate limited");
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

        for (int i = 0; i < 3; i++) {
            events.publishEvent(run(exportId, RunStatus.FailedRetryable, end.minus(i, ChronoUnit.HOURS), 0, Duration.ofSeconds(5)));
        }

        awaitValue(Duration.ofSeconds(30), "a failure alert", () -> deliveriesFor(exportId.toString()).isEmpty() ? null : true);
        Thread.sleep(1000);
        assertThat(deliveriesFor(exportId.toString())).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("run_failed");
            assertThat(d.json().get("message").asText()).contains("failed after its retries were used up: The service said no.");
        });
    }

    @Test
    void anEmptyIntervalAfterRunsWithRowsIsAlertedButAnExportThatIsOftenEmptyIsNot() throws Exception {
        UUID usuallyFull = exportToWatch("usually full");
        UUID oftenEmpty = exportToWatch("often empty");
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long[] fullRows = {40, 35, 52, 0};
        long[] sparseRows = {40, 0, 52, 0};
        for (int i = 0; i < 4; i++) {
            Instant intervalEnd = end.minus(4 - i, ChronoUnit.HOURS);
            events.publishEvent(run(usuallyFull, RunStatus.Completed, intervalEnd, fullRows[i], Duration.ofSeconds(5)));
            events.publishEvent(run(oftenEmpty, RunStatus.Completed, intervalEnd, sparseRows[i], Duration.ofSeconds(5)));
        }

        awaitValue(Duration.ofSeconds(30), "an empty-interval alert", () -> deliveriesFor(usuallyFull.toString()).isEmpty() ? null : true);
        Thread.sleep(1000);
        assertThat(deliveriesFor(usuallyFull.toString())).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("interval_empty");
            assertThat(d.json().get("data_interval_end").asText()).isEqualTo(end.minus(1, ChronoUnit.HOURS).toString());
            assertThat(d.json().get("message").asText()).contains("exported no rows, although the 3 runs before it all had rows");
        });
        assertThat(deliveriesFor(oftenEmpty.toString())).isEmpty();
    }

    @Test
    void aScheduledRunThatTookLongerThanItsIntervalIsAlertedButABackfillRunIsNot() throws Exception {
        UUID slow = exportToWatch("slow");
        UUID backfilled = exportToWatch("backfilled");
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

        events.publishEvent(run(slow, RunStatus.Completed, end, 10, Duration.ofMinutes(75)));
        RunFinished backfillRun = run(backfilled, RunStatus.Completed, end, 10, Duration.ofMinutes(75));
        events.publishEvent(new RunFinished(backfillRun.exportId(), backfillRun.runId(), UUID.randomUUID(), backfillRun.status(),
                backfillRun.intervalStart(), backfillRun.intervalEnd(), backfillRun.records(), null, backfillRun.startedAt(),
                backfillRun.finishedAt()));

        awaitValue(Duration.ofSeconds(30), "an overrun alert", () -> deliveriesFor(slow.toString()).isEmpty() ? null : true);
        Thread.sleep(1000);
        assertThat(deliveriesFor(slow.toString())).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("run_took_longer_than_interval");
            assertThat(d.json().get("message").asText()).contains("took 75 minutes, longer than its interval of 60 minutes");
        });
        assertThat(deliveriesFor(backfilled.toString())).isEmpty();
    }

    private UUID exportToWatch(String name) {
        TestApi api = TestApi.admin(port);
        String pid = api.createProject("alerts " + name + " " + UUID.randomUUID());
        TestApi.Response export = api.post("/api/projects/" + pid + "/batch_exports", Map.of(
                "name", name, "interval", "hour", "paused", true,
                "destination", Map.of("type", "Files", "config", Map.of("path", "alerts-" + UUID.randomUUID()))));
        assertThat(export.status()).as(export.text()).isEqualTo(201);
        return UUID.fromString(export.body().get("id").asText());
    }

    private static RunFinished run(UUID exportId, RunStatus status, Instant intervalEnd, long records, Duration took) {
        Instant finishedAt = Instant.now();
        return new RunFinished(exportId, UUID.randomUUID(), null, status, intervalEnd.minus(1, ChronoUnit.HOURS), intervalEnd, records,
                status == RunStatus.Completed ? null : "The service said no.", finishedAt.minus(took), finishedAt);
    }

    private static List<Delivery> deliveriesFor(String exportId) {
        List<Delivery> result = new ArrayList<>();
        for (Delivery d : DELIVERIES) {
            if (d.json().get("export_id").asText().equals(exportId)) {
                result.add(d);
            }
        }
        return result;
    }

    private static MimeMessage[] mailsAbout(String exportName, String projectId) {
        return java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(exportName) && com.icegreen.greenmail.util.GreenMailUtil.getBody(m).contains(projectId);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }

    private static String hmacSha256Hex(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static <T> T awaitValue(Duration timeout, String what, java.util.function.Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hooks/sluice", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                DELIVERIES.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Sluice-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Sluice-Event"), body));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GreenMail smtp() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int smtpPort = socket.getLocalPort();
            socket.close();
            GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            return mail;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
