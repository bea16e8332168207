package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.ApiRoutes;
import dev.sluice.ApiRoutes.Caller;
import dev.sluice.ApiRoutes.Fixture;
import dev.sluice.ApiRoutes.Route;
import dev.sluice.TestApi;
import dev.sluice.crypto.WorkflowHistoryChecks;
import dev.sluice.destination.snowflake.TestKeys;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 7's "done when", through a real Sluice process (the packaged jar with
 * {@code -Dsluice.e2e.jar=target/sluice-0.1.0-SNAPSHOT.jar}): destination configs and a ClickHouse
 * source hold planted secrets; their exports are tested and backfilled, the Postgres and S3 ones
 * against closed ports (retried, then failed) and the HTTP one against an endpoint that echoes the
 * token in its error. The process runs with every SQL statement and bound value logged, by
 * Hibernate, Spring JDBC and (after a restart that turns it on) PostgreSQL itself into
 * {@code postgres/log}. Then no planted secret, in any encoding, is in any
 * API response, the process's output, any file under its data dir (database files and WAL
 * included) or any workflow history; and a VIEWER, a non-member, anonymous callers, wrong
 * credentials and capture with a wrong project key are turned away with 403, 404 and 401.
 */
class SecretsStayInsideEndToEndTest {

    private static final Duration START_UP = Duration.ofMinutes(3);
    private static final Pattern API_KEY = Pattern.compile("\"api_key\"\\s*:\\s*\"([^\"]*)\"");

    private final PlantedSecrets secrets = new PlantedSecrets();
    private final List<TestApi.Response> responses = new ArrayList<>();

    @Test
    void plantedSecretsAppearInNoResponseLogFileOrHistoryAndEveryCallerGetsOnlyWhatItsRoleAllows() throws Exception {
        Path dataDir = Files.createTempDirectory("sluice-secrets-");
        HttpServer echoingEndpoint = echoingEndpoint();
        List<History> histories = new ArrayList<>();
        try (SluiceProcess sluice = new SluiceProcess(SluiceProcess.options(dataDir).withArgs(
                "--sluice.workflow.export-max-attempts=2", "--sluice.workflow.export-initial-interval=1s",
                "--sluice.workflow.export-max-interval=2s",
                "--spring.jpa.show-sql=true", "--logging.level.org.hibernate.orm.jdbc.bind=TRACE",
                "--logging.level.org.springframework.jdbc.core=TRACE"))) {
            sluice.start(START_UP);
            logEveryStatementOfPostgres(sluice);
            TestApi admin = TestApi.admin(sluice.httpPort());

            String secretsProject = admin.createProject("secrets");
            String otherProject = admin.createProject("other");
            String clickHouseProject = admin.createProject("clickhouse source");
            Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Map<String, Object> lastHour = Map.of("start_at", end.minus(1, ChronoUnit.HOURS).toString(), "end_at", end.toString());
            for (String pid : List.of(secretsProject, otherProject)) {
                seen(admin.post("/api/projects/" + pid + "/demo_data", Map.of("start_at", lastHour.get("start_at"), "end_at", end.toString(),
                        "events_per_hour", 10, "seed", 3)));
            }
            seen(admin.put("/api/projects/" + clickHouseProject + "/source", Map.of("type", "ClickHouse",
                    "url", "http://127.0.0.1:" + SluiceProcess.freePort(), "user", "reader", "password", secrets.plant("ClickHouse password"))));

            Map<String, String> failing = new LinkedHashMap<>();
            int closedPort = SluiceProcess.freePort();
            failing.put("Postgres", createExport(admin, secretsProject, "Postgres", Map.of("host", "127.0.0.1", "port", closedPort,
                    "database", "warehouse", "user", "loader", "table_name", "events", "password", secrets.plant("Postgres password"))));
            failing.put("S3", createExport(admin, secretsProject, "S3", Map.of("bucket_name", "exports", "region", "eu-west-1",
                    "endpoint_url", "http://127.0.0.1:" + closedPort, "aws_access_key_id", "AKIAPLANTED",
                    "aws_secret_access_key", secrets.plant("S3 aws_secret_access_key"))));
            failing.put("HTTP", createExport(admin, secretsProject, "HTTP", Map.of(
                    "url", "http://127.0.0.1:" + echoingEndpoint.getAddress().getPort() + "/batch", "token", secrets.plant("HTTP token"))));
            Map<String, Object> snowflakeConfig = Map.of("account", "planted-account", "user", "loader",
                    "database", "analytics", "schema", "public", "warehouse", "loading", "table_name", "events");
            String snowflake = createExport(admin, secretsProject, "Snowflake", with(snowflakeConfig,
                    Map.of("password", secrets.plant("Snowflake password"))));
            // a key pair must be a real encrypted key that its passphrase opens: the test key, searched for by a line of its body
            String snowflakeKeyPair = createExport(admin, secretsProject, "Snowflake", with(snowflakeConfig,
                    Map.of("private_key", TestKeys.ENCRYPTED_PEM, "private_key_passphrase", TestKeys.PASSPHRASE)));
            secrets.known("Snowflake private_key", TestKeys.ENCRYPTED_PEM.split("\n")[2]);
            secrets.known("Snowflake private_key_passphrase", TestKeys.PASSPHRASE);
            String bigQuery = createExport(admin, secretsProject, "BigQuery", Map.of("project_id", "planted-project", "dataset_id", "analytics",
                    "table_id", "events", "client_email", "loader@planted-project.iam.gserviceaccount.com",
                    "private_key", secrets.plantPrivateKey("BigQuery private_key"), "private_key_id", secrets.plant("BigQuery private_key_id")));
            String redshift = createExport(admin, secretsProject, "Redshift", Map.of("host", "127.0.0.1", "port", closedPort,
                    "database", "warehouse", "user", "loader", "table_name", "events", "password", secrets.plant("Redshift password")));
            String spare = createExport(admin, secretsProject, "Files", Map.of("path", "spare"));
            String files = createExport(admin, otherProject, "Files", Map.of("path", "other"));

            String exports = "/api/projects/" + secretsProject + "/batch_exports";
            seen(admin.post(exports + "/test", Map.of("name", "draft", "interval", "hour", "destination", Map.of("type", "Postgres",
                    "config", Map.of("host", "127.0.0.1", "port", closedPort, "database", "warehouse", "user", "loader",
                            "table_name", "events", "password", secrets.plant("Postgres password of a draft"))))));
            for (String id : List.of(failing.get("Postgres"), failing.get("S3"), failing.get("HTTP"), redshift)) {
                seen(admin.post(exports + "/" + id + "/run_test_step"));
            }
            for (String id : List.of(snowflake, snowflakeKeyPair, bigQuery, redshift)) {
                seen(admin.patch(exports + "/" + id, Map.of("name", "renamed, secrets kept")));
            }

            Map<String, String> backfills = new LinkedHashMap<>();
            failing.forEach((type, id) -> backfills.put(exports + "/" + id, backfill(admin, exports + "/" + id, lastHour)));
            String otherExport = "/api/projects/" + otherProject + "/batch_exports/" + files;
            String otherBackfill = backfill(admin, otherExport, lastHour);
            for (Map.Entry<String, String> b : backfills.entrySet()) {
                assertThat(awaitFinished(admin, b.getKey() + "/backfills/" + b.getValue()).get("status").asText()).isIn("Failed", "Completed");
                JsonNode runs = seen(admin.get(b.getKey() + "/runs")).body().get("results");
                assertThat(runs).as(b.getKey()).hasSize(1);
                assertThat(runs.get(0).get("status").asText()).as(runs.toString()).isIn("Failed", "FailedRetryable");
                assertThat(runs.get(0).get("latest_error").asText()).as(runs.toString()).isNotBlank();
            }
            assertThat(awaitFinished(admin, otherExport + "/backfills/" + otherBackfill).get("status").asText()).isEqualTo("Completed");
            assertThat(seen(admin.get(exports + "/" + failing.get("HTTP") + "/runs")).text()).as("the endpoint's echo, redacted")
                    .contains("is not valid").contains("***");

            readEverything(admin, List.of(secretsProject, otherProject, clickHouseProject));
            histories.addAll(workflowHistories(sluice));

            String failedRun = seen(admin.get(exports + "/" + failing.get("Postgres") + "/runs")).body().get("results").get(0).get("id").asText();
            String otherRun = seen(admin.get(otherExport + "/runs")).body().get("results").get(0).get("id").asText();
            callersGetOnlyWhatTheirRoleAllows(sluice, admin,
                    new Fixture(secretsProject, spare, failing.get("Postgres"), failedRun, backfills.get(exports + "/" + failing.get("Postgres"))),
                    new Fixture(otherProject, files, files, otherRun, otherBackfill));

            sluice.close();
            assertThat(sluice.logText()).as("Hibernate and Spring JDBC log the ciphertexts they bind")
                    .contains("binding parameter").contains("<- [v1:").contains("parameter value [v1:");
            assertThat(postgresLogs(dataDir)).as("PostgreSQL logs statements and the ciphertexts bound to them")
                    .contains("LOG:  execute ").contains("parameters: $1 = ").contains(" = 'v1:");
        } finally {
            echoingEndpoint.stop(0);
        }

        assertThat(secrets.values()).hasSize(11);
        for (TestApi.Response r : responses) {
            assertThat(secrets.foundIn(r.text())).as(r.text()).isEmpty();
        }
        for (History history : histories) {
            assertThat(secrets.foundIn(history.toByteArray())).isEmpty();
        }
        assertNoSecretInAnyFileUnder(dataDir);
        FileSystemUtils.deleteRecursively(dataDir);
    }

    /**
     * A VIEWER of {@code own}'s project gets what {@link ApiRoutes} allows a viewer (403 on every
     * write) and 404 on every route of {@code others}' project; no credentials or a wrong bearer
     * key get 401 everywhere, as do wrong passwords, an unknown user and capture with a wrong or
     * missing project key. Wrong passwords are tried only a few times, below the sign-in throttle.
     */
    private void callersGetOnlyWhatTheirRoleAllows(SluiceProcess sluice, TestApi admin, Fixture own, Fixture others) {
        TestApi viewer = admin.addMember(own.pid(), "VIEWER");
        List<TestApi> strangers = List.of(TestApi.anonymous(sluice.httpPort()), TestApi.bearer(sluice.httpPort(), "phx_" + UUID.randomUUID()));
        for (Route route : ApiRoutes.ALL) {
            assertThat(seen(route.call(viewer, own)).status()).as(route.name(own) + " as VIEWER").isIn(route.expectedFor(Caller.VIEWER));
            if (route.inProject()) {
                assertThat(seen(route.call(viewer, others)).status()).as(route.name(others) + " as a non-member").isEqualTo(404);
            }
            for (TestApi stranger : strangers) {
                assertThat(route.call(stranger, own).status()).as(route.name(own) + " without valid credentials").isEqualTo(401);
            }
        }
        String exports = "/api/projects/" + own.pid() + "/batch_exports";
        for (String password : List.of("wrong-password-1", "admin-password-2")) {
            assertThat(TestApi.basic(sluice.httpPort(), SluiceProcess.ADMIN_EMAIL, password).get(exports).status()).isEqualTo(401);
        }
        assertThat(TestApi.basic(sluice.httpPort(), "nobody@sluice.test", SluiceProcess.ADMIN_PASSWORD).get(exports).status()).isEqualTo(401);
        Map<String, Object> event = Map.of("event", "$pageview", "distinct_id", "someone", "properties", Map.of());
        TestApi capture = TestApi.anonymous(sluice.httpPort());
        assertThat(capture.post("/batch", Map.of("api_key", "phc_" + UUID.randomUUID(), "batch", List.of(event))).status()).isEqualTo(401);
        assertThat(capture.post("/batch", Map.of("batch", List.of(event))).status()).isEqualTo(401);
        assertThat(capture.post("/capture", Map.of("api_key", "phc_" + UUID.randomUUID(), "event", "$pageview", "distinct_id", "someone"))
                .status()).isEqualTo(401);
    }

    /** Searches every file under the data dir, byte for byte, and checks the search covered the logs, the keys, the database and its WAL. */
    private void assertNoSecretInAnyFileUnder(Path dataDir) throws IOException {
        List<String> leaks = new ArrayList<>();
        List<Path> searched = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                searched.add(dataDir.relativize(file));
                secrets.foundIn(Files.readAllBytes(file)).forEach(found -> leaks.add(found + " in " + dataDir.relativize(file)));
            }
        }
        assertThat(searched).as("the process logs, PostgreSQL's log, the key file, database files and WAL are among the files searched")
                .contains(Path.of("sluice-1.log"), Path.of("sluice-2.log"))
                .anyMatch(p -> p.startsWith(Path.of("postgres", "log")))
                .anyMatch(p -> p.startsWith(Path.of("keys")))
                .anyMatch(p -> p.startsWith(Path.of("postgres", "pg_wal")))
                .anyMatch(p -> p.startsWith(Path.of("postgres", "base")));
        assertThat(leaks).isEmpty();
    }

    private TestApi.Response seen(TestApi.Response response) {
        responses.add(response);
        return response;
    }

    private String createExport(TestApi admin, String pid, String type, Map<String, Object> config) {
        TestApi.Response r = seen(admin.post("/api/projects/" + pid + "/batch_exports", Map.of("name", type + " with secrets",
                "interval", "hour", "paused", true, "destination", Map.of("type", type, "config", config))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().get("id").asText();
    }

    private String backfill(TestApi admin, String exportPath, Map<String, Object> interval) {
        TestApi.Response r = seen(admin.post(exportPath + "/backfills", interval));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().get("id").asText();
    }

    private JsonNode awaitFinished(TestApi admin, String backfillPath) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode backfill = null;
        while (System.nanoTime() < deadline) {
            backfill = seen(admin.get(backfillPath)).body();
            if (!List.of("Starting", "Running").contains(backfill.get("status").asText())) {
                return backfill;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("The backfill did not finish in time: " + backfill);
    }

    /** Every read route of the API on every project, export, run and backfill, as the admin. */
    private void readEverything(TestApi admin, List<String> projects) {
        seen(admin.get("/api/projects"));
        seen(admin.get("/api/personal_api_keys"));
        for (String pid : projects) {
            String project = "/api/projects/" + pid;
            for (String path : List.of(project, project + "/source", project + "/audit_log")) {
                assertThat(seen(admin.get(path)).status()).as(path).isEqualTo(200);
            }
            for (JsonNode export : seen(admin.get(project + "/batch_exports")).body().get("results")) {
                String exportPath = project + "/batch_exports/" + export.get("id").asText();
                seen(admin.get(exportPath));
                seen(admin.get(exportPath + "/logs?limit=1000"));
                seen(admin.get(exportPath + "/logs?level=ERROR&limit=1000"));
                for (JsonNode run : seen(admin.get(exportPath + "/runs?limit=1000")).body().get("results")) {
                    seen(admin.get(exportPath + "/runs/" + run.get("id").asText()));
                }
                for (JsonNode backfill : seen(admin.get(exportPath + "/backfills")).body().get("results")) {
                    seen(admin.get(exportPath + "/backfills/" + backfill.get("id").asText()));
                }
            }
        }
    }

    /** The histories of every run and backfill workflow, read from the process's Temporal server. */
    private static List<History> workflowHistories(SluiceProcess sluice) throws Exception {
        List<String> workflowIds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + sluice.postgresPort() + "/sluice", "postgres", "");
             Statement s = c.createStatement();
             var rs = s.executeQuery("select workflow_id from batch_export_runs union select workflow_id from batch_export_backfills")) {
            while (rs.next()) {
                workflowIds.add(rs.getString(1));
            }
        }
        assertThat(workflowIds).hasSizeGreaterThanOrEqualTo(8);
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + sluice.temporalPort()).build());
        try {
            WorkflowClient temporal = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
            List<History> histories = new ArrayList<>();
            for (String workflowId : workflowIds) {
                History history = temporal.fetchHistory(workflowId).getHistory();
                WorkflowHistoryChecks.assertEncrypted(history, workflowId, List.of("$pageview"), List.of());
                histories.add(history);
            }
            return histories;
        } finally {
            stubs.shutdownNow();
        }
    }

    /**
     * Makes the embedded PostgreSQL log every statement with its bound values, and errors with theirs,
     * to files under {@code postgres/log} in the data dir, and restarts Sluice so that it does.
     */
    private static void logEveryStatementOfPostgres(SluiceProcess sluice) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + sluice.postgresPort() + "/sluice", "postgres", "");
             Statement s = c.createStatement()) {
            for (String setting : List.of("logging_collector = on", "log_directory = 'log'", "log_statement = 'all'",
                    "log_parameter_max_length = -1", "log_parameter_max_length_on_error = -1", "log_min_duration_statement = 0")) {
                s.execute("alter system set " + setting);
            }
        }
        assertThat(sluice.terminate(Duration.ofSeconds(90))).isIn(0, 143);
        sluice.start(START_UP);
    }

    /** An HTTP endpoint that refuses every batch, quoting the api_key it was sent, as some services do. */
    private static HttpServer echoingEndpoint() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Matcher key = API_KEY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                byte[] answer = ("{\"type\": \"authentication_error\", \"detail\": \"api_key " + (key.find() ? key.group(1) : "")
                        + " is not valid\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(401, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String postgresLogs(Path dataDir) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> logs = Files.list(dataDir.resolve("postgres").resolve("log"))) {
            for (Path log : logs.toList()) {
                text.append(Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    private static Map<String, Object> with(Map<String, Object> config, Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(config);
        all.putAll(more);
        return all;
    }
}
