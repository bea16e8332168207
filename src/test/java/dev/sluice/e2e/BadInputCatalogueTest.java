package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The list of bad inputs, one line each: every one is a 400 whose {@code attr} names the
 * field (or, for a body that is not JSON at all, whose {@code detail} says so) and whose
 * {@code detail} names it too. Nothing is created by any of them.
 */
@SluiceIntegrationTest
class BadInputCatalogueTest {

    /** One bad input: what is sent, and the field the 400 must name ({@code null}: the body as a whole). */
    record BadInput(String what, String method, String path, Object body, String attr, String detailContains) {
    }

    @LocalServerPort
    int port;

    @Test
    void everyBadInputOfTheCatalogueIsA400NamingItsField() {
        TestApi api = TestApi.admin(port);
        String pid = api.createProject("bad input " + UUID.randomUUID());
        String token = api.apiToken(pid);
        String exports = "/api/projects/" + pid + "/batch_exports";
        String export = exports + "/" + api.post(exports, Map.of("name", "target", "paused", true,
                "destination", Map.of("type", "Files", "config", Map.of("path", "bad-input")))).body().get("id").asText();
        Map<String, Object> files = Map.of("type", "Files", "config", Map.of("path", "ok"));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String past = hour.minus(2, ChronoUnit.HOURS).toString();
        String earlier = hour.minus(3, ChronoUnit.HOURS).toString();
        String future = hour.plus(2, ChronoUnit.HOURS).toString();

        List<BadInput> catalogue = new ArrayList<>(List.of(
                new BadInput("malformed JSON", "POST", "/api/projects", "{\"name\": \"x\",,}", null, "not valid JSON"),
                new BadInput("an empty body", "POST", "/api/projects", "", null, ""),
                new BadInput("a project without a name", "POST", "/api/projects", Map.of(), "name", "name"),
                new BadInput("a project name that is an object", "POST", "/api/projects", "{\"name\": {\"first\": \"x\"}}", "name", "name"),
                new BadInput("a member without a password", "POST", "/api/projects/" + pid + "/members",
                        Map.of("email", "m-" + UUID.randomUUID() + "@sluice.test", "role", "VIEWER"), "password", "password"),
                new BadInput("a member with an unknown role", "POST", "/api/projects/" + pid + "/members",
                        Map.of("email", "m-" + UUID.randomUUID() + "@sluice.test", "password", "member-password-1", "role", "OWNER"),
                        "role", "role"),
                new BadInput("a member with a short password", "POST", "/api/projects/" + pid + "/members",
                        Map.of("email", "m-" + UUID.randomUUID() + "@sluice.test", "password", "short", "role", "VIEWER"),
                        "password", "password"),
                new BadInput("an API key with a blank label", "POST", "/api/personal_api_keys", Map.of("label", " "), "label", "label"),
                new BadInput("an export without a name", "POST", exports, Map.of("destination", files), "name", "name"),
                new BadInput("an unknown interval", "POST", exports,
                        Map.of("name", "x", "interval", "every 7 minutes", "destination", files), "interval", "interval"),
                new BadInput("an unknown time zone", "POST", exports,
                        Map.of("name", "x", "timezone", "Mars/Olympus_Mons", "destination", files), "timezone", "timezone"),
                new BadInput("an unknown destination type", "POST", exports,
                        Map.of("name", "x", "destination", Map.of("type", "FTP", "config", Map.of())), "destination.type", "destination.type"),
                new BadInput("a Files path with ..", "POST", exports,
                        Map.of("name", "x", "destination", Map.of("type", "Files", "config", Map.of("path", "../x"))),
                        "destination.config.path", "destination.config.path"),
                new BadInput("an absolute Files path", "POST", exports,
                        Map.of("name", "x", "destination", Map.of("type", "Files", "config", Map.of("path", "/etc"))),
                        "destination.config.path", "destination.config.path"),
                new BadInput("an unknown file format", "POST", exports,
                        Map.of("name", "x", "destination", Map.of("type", "Files", "config", Map.of("path", "ok", "file_format", "XML"))),
                        "destination.config.file_format", "destination.config.file_format"),
                new BadInput("an unknown compression", "POST", exports,
                        Map.of("name", "x", "destination", Map.of("type", "Files", "config", Map.of("path", "ok", "compression", "rar"))),
                        "destination.config.compression", "destination.config.compression"),
                new BadInput("a negative file size", "POST", exports,
                        Map.of("name", "x", "destination", Map.of("type", "Files", "config", Map.of("path", "ok", "max_file_size_mb", -1))),
                        "destination.config.max_file_size_mb", "destination.config.max_file_size_mb"),
                new BadInput("a destination config that is a string", "POST", exports,
                        Map.of("name", "x", "destination", Map.of("type", "Files", "config", "path=ok")), "destination.config", "destination.config"),
                new BadInput("an offset of a whole interval", "POST", exports,
                        Map.of("name", "x", "interval", "hour", "interval_offset", 3600, "destination", files), "interval_offset", "interval_offset"),
                new BadInput("an offset that is not a number", "POST", exports,
                        Map.of("name", "x", "interval_offset", "soon", "destination", files), "interval_offset", "interval_offset"),
                new BadInput("an unknown model", "POST", exports,
                        Map.of("name", "x", "model", "sessions", "destination", files), "model", "model"),
                new BadInput("an unknown filter operator", "POST", exports, Map.of("name", "x", "destination", files, "filters",
                        Map.of("properties", List.of(Map.of("key", "$os", "operator", "regex", "value", ".*")))),
                        "filters.properties[0].operator", "filters.properties"),
                new BadInput("schema fields that are not a list", "POST", exports,
                        Map.of("name", "x", "destination", files, "schema", Map.of("fields", "event")), "schema.fields", "schema.fields"),
                new BadInput("a start_at that is not a date", "POST", exports,
                        Map.of("name", "x", "destination", files, "start_at", "yesterday"), "start_at", "start_at"),
                new BadInput("paused that is not a boolean", "POST", exports,
                        Map.of("name", "x", "destination", files, "paused", "maybe"), "paused", "paused"),
                new BadInput("a patch with an unknown interval", "PATCH", export, Map.of("interval", "fortnight"), "interval", "interval"),
                new BadInput("a backfill ending in the future", "POST", export + "/backfills",
                        Map.of("start_at", past, "end_at", future), "end_at", "end_at"),
                new BadInput("a backfill ending before it starts", "POST", export + "/backfills",
                        Map.of("start_at", past, "end_at", earlier), "end_at", "end_at"),
                new BadInput("a backfill without an end", "POST", export + "/backfills", Map.of("start_at", past), "end_at", "end_at"),
                new BadInput("a backfill start that is not a date", "POST", export + "/backfills",
                        Map.of("start_at", "last tuesday", "end_at", past), "start_at", "start_at"),
                new BadInput("a run limit of 0", "GET", export + "/runs?limit=0", null, "limit", "limit"),
                new BadInput("an unknown run status", "GET", export + "/runs?status=Exploded", null, "status", "status"),
                new BadInput("a run cursor that is not a date", "GET", export + "/runs?before=yesterday", null, "before", "before"),
                new BadInput("an unknown log level", "GET", export + "/logs?level=TRACE", null, "level", "level"),
                new BadInput("a log run_id that is not a uuid", "GET", export + "/logs?run_id=not-a-uuid", null, "run_id", "run_id"),
                new BadInput("demo data with 0 events per hour", "POST", "/api/projects/" + pid + "/demo_data",
                        Map.of("start_at", earlier, "end_at", past, "events_per_hour", 0), "events_per_hour", "events_per_hour"),
                new BadInput("demo data ending before it starts", "POST", "/api/projects/" + pid + "/demo_data",
                        Map.of("start_at", past, "end_at", earlier, "events_per_hour", 10), "end_at", "end_at"),
                new BadInput("a capture batch that is not a list", "CAPTURE", "/batch",
                        Map.of("api_key", token, "batch", "events"), "batch", "batch"),
                new BadInput("an empty capture batch", "CAPTURE", "/batch", Map.of("api_key", token, "batch", List.of()), "batch", "batch"),
                new BadInput("an event uuid that is not a uuid", "CAPTURE", "/batch", Map.of("api_key", token, "batch",
                        List.of(Map.of("event", "e", "distinct_id", "d", "uuid", "not-a-uuid"))), "batch[0].uuid", "batch[0].uuid"),
                new BadInput("an event timestamp that is not a date", "CAPTURE", "/batch", Map.of("api_key", token, "batch",
                        List.of(Map.of("event", "e", "distinct_id", "d", "timestamp", "yesterday"))), "batch[0].timestamp", "batch[0].timestamp"),
                new BadInput("event properties that are not an object", "CAPTURE", "/batch", Map.of("api_key", token, "batch",
                        List.of(Map.of("event", "e", "distinct_id", "d", "properties", "plain"))), "batch[0].properties", "batch[0].properties")));

        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(30);
        assertThat(catalogue.stream().map(BadInput::what).distinct()).hasSize(catalogue.size());
        SoftAssertions softly = new SoftAssertions();
        for (BadInput bad : catalogue) {
            TestApi.Response r = send(api, bad);
            softly.assertThat(r.status()).as(bad.what() + ": " + r.text()).isEqualTo(400);
            if (r.status() != 400) {
                continue;
            }
            softly.assertThat(r.body().path("type").asText()).as(bad.what()).isEqualTo("validation_error");
            if (bad.attr() != null) {
                softly.assertThat(r.body().path("attr").asText()).as(bad.what()).isEqualTo(bad.attr());
            }
            softly.assertThat(r.body().path("detail").asText()).as(bad.what()).contains(bad.detailContains());
        }
        softly.assertAll();
        assertThat(api.get(exports).body().get("results")).hasSize(1);
        assertThat(api.get(export + "/backfills").body().get("results")).isEmpty();
    }

    private TestApi.Response send(TestApi api, BadInput bad) {
        return switch (bad.method()) {
            case "GET" -> api.get(bad.path());
            case "PATCH" -> api.patch(bad.path(), bad.body());
            case "CAPTURE" -> TestApi.anonymous(port).post(bad.path(), bad.body());
            default -> api.post(bad.path(), bad.body());
        };
    }
}
