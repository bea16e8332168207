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

    @Test
    void anAdminListsMembersChangesARoleAndRemovesAMember() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("member management");
        String members = "/api/projects/" + pid + "/members";
        String email = "managed-" + UUID.randomUUID() + "@sluice.test";
        String memberId = admin.post(members, Map.of("email", email, "password", "member-password-1", "role", "VIEWER"))
                .body().get("id").asText();

        JsonNode listed = admin.get(members).body().get("results");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("email").asText()).isEqualTo(TestApi.ADMIN_EMAIL);
        assertThat(listed.get(0).get("role").asText()).isEqualTo("ADMIN");
        assertThat(listed.get(1).get("id").asText()).isEqualTo(memberId);
        assertThat(listed.get(1).get("role").asText()).isEqualTo("VIEWER");

        TestApi.Response promoted = admin.patch(members + "/" + memberId, Map.of("role", "EDITOR"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.body().get("role").asText()).isEqualTo("EDITOR");
        assertThat(TestApi.basic(port, email, "member-password-1").get("/api/projects/" + pid).body().get("role").asText())
                .isEqualTo("EDITOR");

        assertThat(admin.delete(members + "/" + memberId).status()).isEqualTo(204);
        assertThat(TestApi.basic(port, email, "member-password-1").get("/api/projects/" + pid).status()).isEqualTo(404);
        assertThat(admin.get(members).body().get("results")).hasSize(1);
        assertThat(admin.delete(members + "/" + memberId).status()).isEqualTo(404);
    }

    @Test
    void theLastAdminCanNeitherBeDemotedNorRemovedButASecondAdminMakesItPossible() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("last admin");
        String members = "/api/projects/" + pid + "/members";
        String adminMembership = admin.get(members).body().get("results").get(0).get("id").asText();

        TestApi.Response demoted = admin.patch(members + "/" + adminMembership, Map.of("role", "VIEWER"));
        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.body().get("type").asText()).isEqualTo("conflict");
        assertThat(demoted.body().get("detail").asText())
                .isEqualTo("The project's last ADMIN (admin@sluice.test) must stay ADMIN; make another member ADMIN first.");
        assertThat(admin.post(members, Map.of("email", TestApi.ADMIN_EMAIL, "role", "EDITOR")).status()).isEqualTo(409);
        TestApi.Response removed = admin.delete(members + "/" + adminMembership);
        assertThat(removed.status()).isEqualTo(409);
        assertThat(removed.body().get("detail").asText())
                .isEqualTo("The project's last ADMIN (admin@sluice.test) cannot be removed; make another member ADMIN first.");

        TestApi second = admin.addMember(pid, "ADMIN");
        assertThat(second.patch(members + "/" + adminMembership, Map.of("role", "VIEWER")).status()).isEqualTo(200);
        assertThat(admin.get("/api/projects/" + pid).body().get("role").asText()).isEqualTo("VIEWER");
    }

    @Test
    void aMemberOfAnotherProjectIsNotFoundAndARoleIsRequired() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("member ids");
        String other = admin.createProject("other member ids");
        String foreignMembership = admin.get("/api/projects/" + other + "/members").body().get("results").get(0).get("id").asText();

        assertThat(admin.patch("/api/projects/" + pid + "/members/" + foreignMembership, Map.of("role", "VIEWER")).status())
                .isEqualTo(404);
        assertThat(admin.delete("/api/projects/" + pid + "/members/" + foreignMembership).status()).isEqualTo(404);
        TestApi.Response noRole = admin.patch("/api/projects/" + other + "/members/" + foreignMembership, Map.of());
        assertThat(noRole.status()).isEqualTo(400);
        assertThat(noRole.body().get("attr").asText()).isEqualTo("role");
    }
}
