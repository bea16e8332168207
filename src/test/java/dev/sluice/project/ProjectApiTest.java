package dev.sluice.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@SluiceIntegrationTest
class ProjectApiTest {

    @LocalServerPort
    int port;

    @Test
    void projectsListTheCallersRoleAndCaptureToken() {
        TestApi admin = TestApi.admin(port);
        TestApi.Response created = admin.post("/api/projects", Map.of("name", "Listed project"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("name").asText()).isEqualTo("Listed project");
        assertThat(created.body().get("role").asText()).isEqualTo("ADMIN");
        assertThat(created.body().get("api_token").asText()).startsWith("phc_");
        String pid = created.body().get("id").asText();

        TestApi viewer = admin.addMember(pid, "VIEWER");
        JsonNode results = viewer.get("/api/projects").body().get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("id").asText()).isEqualTo(pid);
        assertThat(results.get(0).get("name").asText()).isEqualTo("Listed project");
        assertThat(results.get(0).get("api_token").asText()).isEqualTo(created.body().get("api_token").asText());
        assertThat(results.get(0).get("role").asText()).isEqualTo("VIEWER");
    }

    @Test
    void aProjectNeedsAName() {
        TestApi.Response r = TestApi.admin(port).post("/api/projects", Map.of("name", "  "));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("type").asText()).isEqualTo("validation_error");
        assertThat(r.body().get("attr").asText()).isEqualTo("name");
    }

    @Test
    void addingAMemberCreatesTheUserAndAddingAgainChangesTheRole() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("members");
        String email = "member-" + UUID.randomUUID() + "@sluice.test";

        TestApi.Response added = admin.post("/api/projects/" + pid + "/members",
                Map.of("email", email, "password", "member-password-1", "role", "VIEWER"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("email").asText()).isEqualTo(email);
        assertThat(added.body().get("role").asText()).isEqualTo("VIEWER");
        assertThat(added.body().get("user_created").asBoolean()).isTrue();

        TestApi.Response promoted = admin.post("/api/projects/" + pid + "/members", Map.of("email", email, "role", "EDITOR"));
        assertThat(promoted.status()).isEqualTo(201);
        assertThat(promoted.body().get("user_created").asBoolean()).isFalse();
        JsonNode projects = TestApi.basic(port, email, "member-password-1").get("/api/projects").body().get("results");
        assertThat(projects.get(0).get("role").asText()).isEqualTo("EDITOR");
    }

    @Test
    void aNewMemberNeedsAPasswordAndAKnownRole() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("member validation");
        String email = "new-" + UUID.randomUUID() + "@sluice.test";

        TestApi.Response noPassword = admin.post("/api/projects/" + pid + "/members", Map.of("email", email, "role", "VIEWER"));
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.body().get("attr").asText()).isEqualTo("password");

        TestApi.Response badRole = admin.post("/api/projects/" + pid + "/members",
                Map.of("email", email, "password", "member-password-1", "role", "OWNER"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.body().get("attr").asText()).isEqualTo("role");
        assertThat(badRole.body().get("detail").asText()).isEqualTo("role must be one of ADMIN, EDITOR, VIEWER.");

        TestApi.Response shortPassword = admin.post("/api/projects/" + pid + "/members",
                Map.of("email", email, "password", "short", "role", "VIEWER"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body().get("attr").asText()).isEqualTo("password");
    }
}
