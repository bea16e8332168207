package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@SluiceIntegrationTest
class ApiAuthenticationTest {

    @LocalServerPort
    int port;

    private static Map<String, Object> filesExport(String name) {
        return Map.of("name", name, "interval", "hour",
                "destination", Map.of("type", "Files", "config", Map.of("path", "auth-test")));
    }

    @Test
    void aRequestWithoutCredentialsIs401WithTheJsonErrorBody() {
        TestApi.Response r = TestApi.anonymous(port).get("/api/projects");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.body().get("type").asText()).isEqualTo("authentication_error");
        assertThat(r.body().get("detail").asText()).contains("not provided");
        assertThat(r.body().has("attr")).isTrue();
        assertThat(r.body().get("attr").isNull()).isTrue();
    }

    @Test
    void basicCredentialsOfAUserAreAccepted() {
        TestApi.Response r = TestApi.admin(port).get("/api/projects");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("results").findValuesAsText("name")).contains("Default project");
    }

    @Test
    void aWrongPasswordIs401() {
        TestApi.Response r = TestApi.basic(port, TestApi.ADMIN_EMAIL, "not-the-password").get("/api/projects");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().get("type").asText()).isEqualTo("authentication_error");
        assertThat(r.body().get("detail").asText()).isEqualTo("Invalid email or password.");
    }

    @Test
    void aPersonalApiKeyAuthenticatesItsOwnerAndRecordsItsLastUse() {
        TestApi admin = TestApi.admin(port);
        TestApi.Response created = admin.post("/api/personal_api_keys", Map.of("label", "ci script"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("label").asText()).isEqualTo("ci script");
        String value = created.body().get("value").asText();
        assertThat(value).startsWith("phx_").hasSizeGreaterThan(40);

        TestApi.Response withKey = TestApi.bearer(port, value).get("/api/projects");
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(withKey.body()).isEqualTo(admin.get("/api/projects").body());

        JsonNode listed = keyById(admin, created.body().get("id").asText());
        assertThat(listed.get("last_used_at").isNull()).isFalse();
        assertThat(listed.has("value")).isFalse();
        assertThat(admin.get("/api/personal_api_keys").text()).doesNotContain(value);
    }

    @Test
    void aRevokedKeyIsRefused() {
        TestApi admin = TestApi.admin(port);
        TestApi.Response created = admin.post("/api/personal_api_keys", Map.of("label", "to revoke"));
        String value = created.body().get("value").asText();
        assertThat(TestApi.bearer(port, value).get("/api/projects").status()).isEqualTo(200);

        assertThat(admin.delete("/api/personal_api_keys/" + created.body().get("id").asText()).status()).isEqualTo(204);

        TestApi.Response r = TestApi.bearer(port, value).get("/api/projects");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().get("type").asText()).isEqualTo("authentication_error");
        assertThat(r.body().get("detail").asText()).contains("revoked");
        assertThat(keyById(admin, created.body().get("id").asText()).get("revoked_at").isNull()).isFalse();
    }

    @Test
    void anUnknownKeyIsRefused() {
        TestApi.Response r = TestApi.bearer(port, "phx_0123456789abcdef").get("/api/projects");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().get("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void aKeyLabelIsRequired() {
        TestApi.Response r = TestApi.admin(port).post("/api/personal_api_keys", Map.of("label", " "));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("attr").asText()).isEqualTo("label");
    }

    @Test
    void aViewerReadsButGets403OnEveryWrite() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("viewer test");
        String exportId = admin.post("/api/projects/" + pid + "/batch_exports", filesExport("existing")).body().get("id").asText();
        TestApi viewer = admin.addMember(pid, "VIEWER");
        String exports = "/api/projects/" + pid + "/batch_exports";

        assertThat(viewer.get(exports).status()).isEqualTo(200);
        assertThat(viewer.get(exports + "/" + exportId).status()).isEqualTo(200);
        assertThat(viewer.get(exports + "/" + exportId + "/runs").status()).isEqualTo(200);
        assertThat(viewer.get(exports + "/" + exportId + "/logs").status()).isEqualTo(200);
        assertThat(viewer.get(exports + "/" + exportId + "/backfills").status()).isEqualTo(200);

        List<TestApi.Response> writes = List.of(
                viewer.post(exports, filesExport("not allowed")),
                viewer.patch(exports + "/" + exportId, Map.of("name", "renamed")),
                viewer.post(exports + "/" + exportId + "/pause"),
                viewer.post(exports + "/" + exportId + "/unpause"),
                viewer.delete(exports + "/" + exportId),
                viewer.post(exports + "/" + exportId + "/backfills", Map.of("end_at", "2026-01-01T00:00:00Z")),
                viewer.post("/api/projects/" + pid + "/demo_data", Map.of("start_at", "2026-01-01T00:00:00Z",
                        "end_at", "2026-01-01T01:00:00Z", "events_per_hour", 10)),
                viewer.post("/api/projects/" + pid + "/members", Map.of("email", "x@sluice.test", "password", "long-password-1",
                        "role", "VIEWER")));
        for (TestApi.Response r : writes) {
            assertThat(r.status()).as(r.text()).isEqualTo(403);
            assertThat(r.body().get("type").asText()).isEqualTo("permission_denied");
        }
        assertThat(admin.get(exports + "/" + exportId).body().get("name").asText()).isEqualTo("existing");
    }

    @Test
    void anEditorManagesExportsButNotMembers() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("editor test");
        TestApi editor = admin.addMember(pid, "EDITOR");

        assertThat(editor.post("/api/projects/" + pid + "/batch_exports", filesExport("by editor")).status()).isEqualTo(201);
        TestApi.Response members = editor.post("/api/projects/" + pid + "/members",
                Map.of("email", "y@sluice.test", "password", "long-password-1", "role", "VIEWER"));
        assertThat(members.status()).isEqualTo(403);
        assertThat(editor.post("/api/projects", Map.of("name", "editor's own")).status()).isEqualTo(403);
    }

    @Test
    void aNonMemberGets404NeverA403ForAnotherProjectsExport() {
        TestApi admin = TestApi.admin(port);
        String theirs = admin.createProject("theirs");
        String exportId = admin.post("/api/projects/" + theirs + "/batch_exports", filesExport("secret plans")).body().get("id").asText();
        String mine = admin.createProject("mine");
        TestApi outsider = admin.addMember(mine, "ADMIN");
        String path = "/api/projects/" + theirs + "/batch_exports/" + exportId;

        List<TestApi.Response> attempts = List.of(
                outsider.get("/api/projects/" + theirs),
                outsider.get("/api/projects/" + theirs + "/batch_exports"),
                outsider.get(path),
                outsider.patch(path, Map.of("name", "mine now")),
                outsider.delete(path),
                outsider.post(path + "/pause"),
                outsider.get(path + "/runs"),
                outsider.get(path + "/logs"),
                outsider.get(path + "/backfills"),
                outsider.get("/api/projects/" + mine + "/batch_exports/" + exportId));
        for (TestApi.Response r : attempts) {
            assertThat(r.status()).as(r.text()).isEqualTo(404);
            assertThat(r.body().get("type").asText()).isEqualTo("not_found");
        }
        assertThat(outsider.get("/api/projects").body().get("results").findValuesAsText("id")).containsExactly(mine);
    }

    @Test
    void captureAndHealthAreOpenEvenWithAStrayAuthorizationHeader() {
        TestApi admin = TestApi.admin(port);
        String token = admin.apiToken(admin.createProject("open capture"));
        TestApi stray = TestApi.bearer(port, "not-a-personal-api-key");

        assertThat(stray.post("/batch", Map.of("api_key", token, "batch",
                List.of(Map.of("event", "e", "distinct_id", "d", "properties", Map.of())))).status()).isEqualTo(200);
        assertThat(TestApi.basic(port, "nobody@sluice.test", "wrong").post("/capture",
                Map.of("api_key", token, "event", "e", "distinct_id", "d")).status()).isEqualTo(200);
        assertThat(stray.get("/actuator/health").status()).isEqualTo(200);
        assertThat(TestApi.anonymous(port).get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(TestApi.anonymous(port).get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void otherActuatorEndpointsNeedCredentials() {
        TestApi.Response r = TestApi.anonymous(port).get("/actuator/info");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().get("type").asText()).isEqualTo("authentication_error");
        assertThat(TestApi.admin(port).get("/actuator/info").status()).isEqualTo(200);
    }

    private static JsonNode keyById(TestApi api, String id) {
        for (JsonNode k : api.get("/api/personal_api_keys").body().get("results")) {
            if (k.get("id").asText().equals(id)) {
                return k;
            }
        }
        throw new AssertionError("key " + id + " is not listed");
    }
}
