package dev.sluice.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET …/batch_exports/{id}/preview} and {@code POST …/batch_exports/preview} over real HTTP:
 * the answer's shape, who may call them, 404 across projects and 400s naming the field.
 */
@SluiceIntegrationTest
class ExportPreviewApiTest {

    @LocalServerPort
    int port;

    TestApi admin;
    String pid;
    String exports;
    /** Yesterday in UTC: the last complete interval of a daily UTC export. */
    Instant yesterday;

    @BeforeEach
    void projectWithYesterdaysEvents() {
        admin = TestApi.admin(port);
        pid = admin.createProject("preview api");
        exports = "/api/projects/" + pid + "/batch_exports";
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        yesterday = today.minus(1, ChronoUnit.DAYS);
        TestApi.Response demo = admin.post("/api/projects/" + pid + "/demo_data", Map.of("start_at", yesterday.toString(),
                "end_at", today.toString(), "events_per_hour", 5, "seed", 3));
        assertThat(demo.status()).as(demo.text()).isEqualTo(201);
    }

    private static Map<String, Object> dailyDraft(Map<String, Object> filters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", "day");
        body.put("timezone", "UTC");
        body.put("model", "events");
        body.put("schema", Map.of("fields", List.of(Map.of("expression", "event", "alias", "event"),
                Map.of("expression", "properties.$browser", "alias", "browser"), Map.of("expression", "inserted_at", "alias", "at"))));
        body.put("filters", filters);
        return body;
    }

    private String savedExport() {
        Map<String, Object> body = dailyDraft(null);
        body.put("name", "Preview me");
        body.put("destination", Map.of("type", "Files", "config", Map.of("path", "preview-api")));
        body.put("paused", true);
        TestApi.Response created = admin.post(exports, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    @Test
    void aSavedExportsPreviewHasItsIntervalCountColumnsAndFirstRows() {
        String id = savedExport();
        TestApi viewer = admin.addMember(pid, "VIEWER");

        TestApi.Response r = viewer.get(exports + "/" + id + "/preview");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode body = r.body();
        assertThat(body.get("interval_start").asText()).isEqualTo(yesterday.toString());
        assertThat(body.get("interval_end").asText()).isEqualTo(yesterday.plus(1, ChronoUnit.DAYS).toString());
        assertThat(body.get("count").asLong()).isEqualTo(120);
        assertThat(body.get("columns")).hasSize(3);
        assertThat(body.get("columns").get(0).asText()).isEqualTo("event");
        assertThat(body.get("columns").get(2).asText()).isEqualTo("at");
        assertThat(body.get("rows")).hasSize(20);
        assertThat(body.get("rows").get(0)).hasSize(3);
        Instant firstAt = Instant.parse(body.get("rows").get(0).get(2).asText());
        Instant lastAt = Instant.parse(body.get("rows").get(19).get(2).asText());
        assertThat(firstAt).isEqualTo(yesterday);
        assertThat(lastAt).isAfter(firstAt);
    }

    @Test
    void anUnsavedDraftIsPreviewedWithoutADestinationAndNothingIsSaved() {
        TestApi editor = admin.addMember(pid, "EDITOR");
        Map<String, Object> firefoxOnly = Map.of("properties", List.of(Map.of("key", "$browser", "operator", "exact", "value", "Firefox")));

        TestApi.Response all = editor.post(exports + "/preview", dailyDraft(null));
        TestApi.Response narrowed = editor.post(exports + "/preview", dailyDraft(firefoxOnly));

        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(narrowed.status()).as(narrowed.text()).isEqualTo(200);
        assertThat(narrowed.body().get("count").asLong()).isPositive().isLessThan(all.body().get("count").asLong());
        for (JsonNode row : narrowed.body().get("rows")) {
            assertThat(row.get(1).asText()).isEqualTo("Firefox");
        }
        assertThat(admin.get(exports).body().get("results")).isEmpty();
    }

    @Test
    void aViewerMayPreviewSavedExportsButNotDraftsAndStrangersAndAnonymousGetNothing() {
        String id = savedExport();
        TestApi viewer = admin.addMember(pid, "VIEWER");
        TestApi stranger = admin.addMember(admin.createProject("preview elsewhere"), "ADMIN");
        TestApi anonymous = TestApi.anonymous(port);

        assertThat(viewer.post(exports + "/preview", dailyDraft(null)).status()).isEqualTo(403);
        assertThat(stranger.get(exports + "/" + id + "/preview").status()).isEqualTo(404);
        assertThat(stranger.post(exports + "/preview", dailyDraft(null)).status()).isEqualTo(404);
        assertThat(anonymous.get(exports + "/" + id + "/preview").status()).isEqualTo(401);
        assertThat(anonymous.post(exports + "/preview", dailyDraft(null)).status()).isEqualTo(401);
    }

    @Test
    void anExportOfAnotherProjectOrNoneAtAllIsNotFound() {
        String id = savedExport();
        String otherProject = admin.createProject("preview other");

        TestApi.Response elsewhere = admin.get("/api/projects/" + otherProject + "/batch_exports/" + id + "/preview");
        TestApi.Response unknown = admin.get(exports + "/" + UUID.randomUUID() + "/preview");

        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.body().get("type").asText()).isEqualTo("not_found");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aBadBodyIsA400NamingTheField() {
        Map<String, Object> badOperator = dailyDraft(Map.of("properties", List.of(Map.of("key", "$browser", "operator", "regex", "value", "x"))));
        Map<String, Object> missingValue = dailyDraft(Map.of("properties", List.of(Map.of("key", "$browser", "operator", "icontains"))));
        Map<String, Object> badInterval = dailyDraft(null);
        badInterval.put("interval", "fortnight");
        Map<String, Object> badField = dailyDraft(null);
        badField.put("schema", Map.of("fields", List.of(Map.of("expression", "1 + 1"))));

        assertBadRequest(admin.post(exports + "/preview", badOperator), "filters.properties[0].operator");
        assertBadRequest(admin.post(exports + "/preview", missingValue), "filters.properties[0].value");
        assertBadRequest(admin.post(exports + "/preview", badInterval), "interval");
        assertBadRequest(admin.post(exports + "/preview", badField), "schema.fields[0].expression");
        assertBadRequest(admin.post(exports + "/preview", "{\"interval\": 5"), null);
    }

    private static void assertBadRequest(TestApi.Response r, String attr) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.body().get("type").asText()).isEqualTo("validation_error");
        if (attr != null) {
            assertThat(r.body().get("attr").asText()).isEqualTo(attr);
            assertThat(r.body().get("detail").asText()).contains(attr);
        }
    }
}
