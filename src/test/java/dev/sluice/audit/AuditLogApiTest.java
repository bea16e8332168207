package dev.sluice.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SluiceIntegrationTest
class AuditLogApiTest {

    @LocalServerPort
    int port;

    @Autowired
    AuditLog auditLog;

    private static Map<String, Object> filesExport(String name) {
        return Map.of("name", name, "interval", "hour", "destination", Map.of("type", "Files", "config", Map.of("path", "audit-test")));
    }

    @Test
    void everyChangeToAnExportIsRecordedWithItsUserNewestFirst() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("audit");
        TestApi editor = admin.addMember(pid, "EDITOR");
        String exports = "/api/projects/" + pid + "/batch_exports";
        String exportId = editor.post(exports, filesExport("audited")).body().get("id").asText();
        String export = exports + "/" + exportId;
        assertThat(editor.patch(export, Map.of("name", "audited and renamed")).status()).isEqualTo(200);
        assertThat(editor.post(export + "/pause").status()).isEqualTo(200);
        assertThat(admin.post(export + "/unpause", Map.of("backfill_paused_gap", false)).status()).isEqualTo(200);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        TestApi.Response backfill = editor.post(export + "/backfills", Map.of("start_at", end.minus(1, ChronoUnit.HOURS).toString(),
                "end_at", end.toString()));
        assertThat(backfill.status()).isEqualTo(201);
        String backfillPath = export + "/backfills/" + backfill.body().get("id").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(editor.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));
        String runId = editor.get(export + "/runs").body().get("results").get(0).get("id").asText();
        assertThat(editor.post(export + "/runs/" + runId + "/retry").status()).isEqualTo(200);
        assertThat(admin.delete(export).status()).isEqualTo(204);

        TestApi.Response log = admin.get("/api/projects/" + pid + "/audit_log");

        assertThat(log.status()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : log.body().get("results")) {
            actions.add(entry.get("action").asText() + " " + entry.get("resource_type").asText() + " by "
                    + entry.get("user").asText().replaceAll("-.*@", "@"));
            assertThat(entry.get("timestamp").asText()).isNotBlank();
            if (!entry.get("resource_type").asText().equals("member")) {
                assertThat(entry.get("resource_id").asText()).isIn(exportId, runId);
            }
            assertThat(entry.has("detail")).isTrue();
        }
        assertThat(actions).containsExactly(
                "deleted batch_export by admin@sluice.test",
                "retried batch_export_run by editor@sluice.test",
                "backfilled batch_export by editor@sluice.test",
                "unpaused batch_export by admin@sluice.test",
                "paused batch_export by editor@sluice.test",
                "edited batch_export by editor@sluice.test",
                "created batch_export by editor@sluice.test",
                "member_added member by admin@sluice.test");
        assertThat(log.body().get("results").get(5).get("detail").asText()).isEqualTo("audited and renamed");
    }

    @Test
    void onlyProjectAdminsReadTheAuditLogAndOutsidersGet404() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("audit access");
        String path = "/api/projects/" + pid + "/audit_log";
        TestApi outsider = admin.addMember(admin.createProject("elsewhere"), "ADMIN");

        assertThat(admin.addMember(pid, "EDITOR").get(path).status()).isEqualTo(403);
        assertThat(admin.addMember(pid, "VIEWER").get(path).status()).isEqualTo(403);
        assertThat(admin.addMember(pid, "ADMIN").get(path).status()).isEqualTo(200);
        assertThat(outsider.get(path).status()).isEqualTo(404);
        assertThat(TestApi.anonymous(port).get(path).status()).isEqualTo(401);
    }

    @Test
    void workWithoutASignedInUserIsRecordedAsTheSystem() {
        TestApi admin = TestApi.admin(port);
        UUID pid = UUID.fromString(admin.createProject("audit system"));
        UUID exportId = UUID.randomUUID();

        auditLog.record(pid, AuditLog.RETRIED, "batch_export_run", exportId, "scheduled retry");

        assertThat(auditLog.list(pid, 10)).singleElement().satisfies(e -> {
            assertThat(e.user()).isEqualTo("system");
            assertThat(e.resourceId()).isEqualTo(exportId.toString());
        });
    }

    @Test
    void membershipChangesAndPersonalApiKeysAreRecordedWithoutAnyKeyValue() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("audit access changes");
        String members = "/api/projects/" + pid + "/members";
        String email = "audited-" + UUID.randomUUID() + "@sluice.test";
        TestApi.Response added = admin.post(members, Map.of("email", email, "password", "member-password-1", "role", "VIEWER"));
        String member = members + "/" + added.body().get("id").asText();
        assertThat(admin.patch(member, Map.of("role", "EDITOR")).status()).isEqualTo(200);
        TestApi person = TestApi.basic(port, email, "member-password-1");
        TestApi.Response key = person.post("/api/personal_api_keys", Map.of("label", "deploy script"));
        String keyValue = key.body().get("value").asText();
        assertThat(TestApi.bearer(port, keyValue).delete("/api/personal_api_keys/" + key.body().get("id").asText()).status())
                .isEqualTo(204);
        assertThat(admin.delete(member).status()).isEqualTo(204);

        TestApi.Response log = admin.get("/api/projects/" + pid + "/audit_log");

        List<String> entries = new ArrayList<>();
        for (JsonNode entry : log.body().get("results")) {
            entries.add(entry.get("action").asText() + " " + entry.get("resource_type").asText() + " by "
                    + entry.get("user").asText() + ": " + entry.get("detail").asText());
        }
        assertThat(entries).containsExactly(
                "member_removed member by admin@sluice.test: " + email + " (was EDITOR)",
                "api_key_revoked personal_api_key by " + email + ": deploy script",
                "api_key_created personal_api_key by " + email + ": deploy script",
                "role_changed member by admin@sluice.test: " + email + ": VIEWER → EDITOR",
                "member_added member by admin@sluice.test: " + email + " as VIEWER");
        assertThat(log.body().get("results").get(0).get("resource_id").asText()).isEqualTo(added.body().get("user_id").asText());
        assertThat(log.body().get("results").get(1).get("resource_id").asText()).isEqualTo(key.body().get("id").asText());
        assertThat(log.text()).doesNotContain(keyValue, keyValue.substring(4));
    }
}
