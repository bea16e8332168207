package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.ApiRoutes;
import dev.sluice.ApiRoutes.Caller;
import dev.sluice.ApiRoutes.Fixture;
import dev.sluice.ApiRoutes.Route;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every API route ({@link ApiRoutes}) for every kind of caller: a project's ADMIN, EDITOR and VIEWER, an ADMIN of
 * another project (non-member), and anonymous. Below the needed role is 403, outside the project
 * 404, without credentials 401; allowed callers get the route's success status.
 */
@SluiceIntegrationTest
class RoleEndpointMatrixTest {

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEveryCallerAsTheContractSays() {
        TestApi instanceAdmin = TestApi.admin(port);
        String pid = instanceAdmin.createProject("matrix");
        Map<Caller, TestApi> callers = Map.of(
                Caller.ADMIN, instanceAdmin.addMember(pid, "ADMIN"),
                Caller.EDITOR, instanceAdmin.addMember(pid, "EDITOR"),
                Caller.VIEWER, instanceAdmin.addMember(pid, "VIEWER"),
                Caller.NON_MEMBER, instanceAdmin.addMember(instanceAdmin.createProject("matrix elsewhere"), "ADMIN"),
                Caller.ANONYMOUS, TestApi.anonymous(port));
        String exports = "/api/projects/" + pid + "/batch_exports";
        String export = instanceAdmin.post(exports, ApiRoutes.filesExport()).body().get("id").asText();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String backfillId = instanceAdmin.post(exports + "/" + export + "/backfills", Map.of(
                "start_at", end.minus(1, ChronoUnit.HOURS).toString(), "end_at", end.toString())).body().get("id").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(instanceAdmin
                .get(exports + "/" + export + "/backfills/" + backfillId).body().get("status").asText()).isEqualTo("Completed"));
        String runId = instanceAdmin.get(exports + "/" + export + "/runs").body().get("results").get(0).get("id").asText();

        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : ApiRoutes.ALL) {
            for (Caller caller : Caller.values()) {
                String fresh = instanceAdmin.post(exports, ApiRoutes.filesExport()).body().get("id").asText();
                String template = route.path().apply(new Fixture(pid, fresh, export, runId, backfillId, "{mid}", "{kid}"));
                String member = template.contains("{mid}") ? newMember(instanceAdmin, pid) : "{mid}";
                String key = template.contains("{kid}") ? newKey(callers.get(caller)) : "{kid}";
                Fixture fixture = new Fixture(pid, fresh, export, runId, backfillId, member, key);
                tests.add(DynamicTest.dynamicTest(route.name(fixture) + " as " + caller, () -> {
                    TestApi.Response r = route.call(callers.get(caller), fixture);
                    assertThat(r.status()).as(r.text()).isIn(route.expectedFor(caller));
                }));
            }
        }
        return tests.stream();
    }

    private static String newMember(TestApi admin, String pid) {
        return admin.post("/api/projects/" + pid + "/members", Map.of("email", "m-" + UUID.randomUUID() + "@sluice.test",
                "password", "member-password-1", "role", "VIEWER")).body().get("id").asText();
    }

    /** A key of the caller's own; anonymous callers have none, and any id will do for their 401. */
    private static String newKey(TestApi caller) {
        TestApi.Response created = caller.post("/api/personal_api_keys", Map.of("label", "matrix revoke"));
        return created.status() == 201 ? created.body().get("id").asText() : UUID.randomUUID().toString();
    }
}
