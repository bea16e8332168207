package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every API route for every kind of caller: a project's ADMIN, EDITOR and VIEWER, an ADMIN of
 * another project (non-member), and anonymous. Below the needed role is 403, outside the project
 * 404, without credentials 401; allowed callers get the route's success status.
 */
@SluiceIntegrationTest
class RoleEndpointMatrixTest {

    @LocalServerPort
    int port;

    enum Caller { ADMIN, EDITOR, VIEWER, NON_MEMBER, ANONYMOUS }

    /** Who may call a route: members with at least a role, any signed-in user, or instance admins only. */
    enum Need { VIEWER, EDITOR, ADMIN, ANY_USER, PROJECT_CREATOR, INSTANCE_ADMIN }

    /** What a route works on: a project, a fresh export of it, and a completed run and backfill of another export. */
    record Fixture(String pid, String freshExport, String export, String runId, String backfillId, String freshMember,
                   String freshKey) {

        String exports() {
            return "/api/projects/" + pid + "/batch_exports";
        }
    }

    record Route(String method, Function<Fixture, String> path, Function<Fixture, Object> body, Need need, Set<Integer> allowed) {

        String name(Fixture f) {
            return method + " " + path.apply(f).replace(f.pid(), "{pid}").replace(f.freshExport(), "{id}").replace(f.export(), "{id}")
                    .replace(f.runId(), "{rid}").replace(f.backfillId(), "{bid}").replace(f.freshMember(), "{mid}")
                    .replace(f.freshKey(), "{kid}");
        }
    }

    private static Route route(String method, Function<Fixture, String> path, Need need, int... allowed) {
        return route(method, path, f -> null, need, allowed);
    }

    private static Route route(String method, Function<Fixture, String> path, Function<Fixture, Object> body, Need need, int... allowed) {
        Set<Integer> statuses = new java.util.HashSet<>();
        for (int s : allowed) {
            statuses.add(s);
        }
        return new Route(method, path, body, need, statuses);
    }

    private static Map<String, Object> filesExport() {
        return Map.of("name", "matrix " + UUID.randomUUID(), "interval", "hour",
                "destination", Map.of("type", "Files", "config", Map.of("path", "matrix")));
    }

    private static final List<Route> ROUTES = List.of(
            route("GET", f -> "/api/projects", Need.ANY_USER, 200),
            route("POST", f -> "/api/projects", f -> Map.of("name", "matrix " + UUID.randomUUID()), Need.PROJECT_CREATOR, 201),
            route("GET", f -> "/api/projects/" + f.pid(), Need.VIEWER, 200),
            route("POST", f -> "/api/projects/" + f.pid() + "/members", f -> Map.of("email", "m-" + UUID.randomUUID() + "@sluice.test",
                    "password", "member-password-1", "role", "VIEWER"), Need.ADMIN, 201),
            route("GET", f -> "/api/projects/" + f.pid() + "/members", Need.ADMIN, 200),
            route("PATCH", f -> "/api/projects/" + f.pid() + "/members/" + f.freshMember(), f -> Map.of("role", "EDITOR"), Need.ADMIN, 200),
            route("DELETE", f -> "/api/projects/" + f.pid() + "/members/" + f.freshMember(), Need.ADMIN, 204),
            route("POST", f -> "/api/projects/" + f.pid() + "/demo_data", f -> Map.of("start_at", "2026-01-01T00:00:00Z",
                    "end_at", "2026-01-01T01:00:00Z", "events_per_hour", 2, "seed", 1), Need.EDITOR, 201),
            route("GET", f -> "/api/projects/" + f.pid() + "/audit_log", Need.ADMIN, 200),
            route("GET", f -> f.exports(), Need.VIEWER, 200),
            route("POST", f -> f.exports(), f -> filesExport(), Need.EDITOR, 201),
            route("POST", f -> f.exports() + "/test", f -> filesExport(), Need.EDITOR, 200),
            route("GET", f -> f.exports() + "/" + f.freshExport(), Need.VIEWER, 200),
            route("PATCH", f -> f.exports() + "/" + f.freshExport(), f -> Map.of("name", "renamed " + UUID.randomUUID()), Need.EDITOR, 200),
            route("DELETE", f -> f.exports() + "/" + f.freshExport(), Need.EDITOR, 204),
            route("POST", f -> f.exports() + "/" + f.freshExport() + "/pause", Need.EDITOR, 200),
            route("POST", f -> f.exports() + "/" + f.freshExport() + "/unpause", f -> Map.of("backfill_paused_gap", false), Need.EDITOR, 200),
            route("POST", f -> f.exports() + "/" + f.freshExport() + "/run_test_step", Need.EDITOR, 200),
            route("GET", f -> f.exports() + "/" + f.export() + "/runs", Need.VIEWER, 200),
            route("GET", f -> f.exports() + "/" + f.export() + "/runs/" + f.runId(), Need.VIEWER, 200),
            route("POST", f -> f.exports() + "/" + f.export() + "/runs/" + f.runId() + "/retry", Need.EDITOR, 200, 409),
            route("POST", f -> f.exports() + "/" + f.export() + "/runs/" + f.runId() + "/cancel", Need.EDITOR, 200, 409),
            route("GET", f -> f.exports() + "/" + f.export() + "/logs", Need.VIEWER, 200),
            route("POST", f -> f.exports() + "/" + f.freshExport() + "/backfills", f -> Map.of(
                    "start_at", "2026-01-01T00:00:00Z", "end_at", "2026-01-01T01:00:00Z"), Need.EDITOR, 201),
            route("GET", f -> f.exports() + "/" + f.export() + "/backfills", Need.VIEWER, 200),
            route("GET", f -> f.exports() + "/" + f.export() + "/backfills/" + f.backfillId(), Need.VIEWER, 200),
            route("POST", f -> f.exports() + "/" + f.export() + "/backfills/" + f.backfillId() + "/cancel", Need.EDITOR, 200, 409),
            route("GET", f -> "/api/personal_api_keys", Need.ANY_USER, 200),
            route("POST", f -> "/api/personal_api_keys", f -> Map.of("label", "matrix"), Need.ANY_USER, 201),
            route("DELETE", f -> "/api/personal_api_keys/" + f.freshKey(), Need.ANY_USER, 204),
            route("POST", f -> "/api/admin/reencrypt", Need.INSTANCE_ADMIN, 200));

    private static Set<Integer> expected(Route route, Caller caller) {
        if (caller == Caller.ANONYMOUS) {
            return Set.of(401);
        }
        boolean projectRoute = switch (route.need()) {
            case VIEWER, EDITOR, ADMIN -> true;
            default -> false;
        };
        if (projectRoute && caller == Caller.NON_MEMBER) {
            return Set.of(404);
        }
        boolean allowed = switch (route.need()) {
            case ANY_USER -> true;
            case INSTANCE_ADMIN -> false;
            // the non-member is an ADMIN of another project, so may create projects
            case PROJECT_CREATOR -> caller == Caller.ADMIN || caller == Caller.NON_MEMBER;
            case ADMIN -> caller == Caller.ADMIN;
            case EDITOR -> caller == Caller.ADMIN || caller == Caller.EDITOR;
            case VIEWER -> true;
        };
        return allowed ? route.allowed() : Set.of(403);
    }

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
        String export = instanceAdmin.post(exports, filesExport()).body().get("id").asText();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String backfillId = instanceAdmin.post(exports + "/" + export + "/backfills", Map.of(
                "start_at", end.minus(1, ChronoUnit.HOURS).toString(), "end_at", end.toString())).body().get("id").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(instanceAdmin
                .get(exports + "/" + export + "/backfills/" + backfillId).body().get("status").asText()).isEqualTo("Completed"));
        String runId = instanceAdmin.get(exports + "/" + export + "/runs").body().get("results").get(0).get("id").asText();

        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : ROUTES) {
            for (Caller caller : Caller.values()) {
                String fresh = instanceAdmin.post(exports, filesExport()).body().get("id").asText();
                String template = route.path().apply(new Fixture(pid, fresh, export, runId, backfillId, "{mid}", "{kid}"));
                String member = template.contains("{mid}") ? newMember(instanceAdmin, pid) : "{mid}";
                String key = template.contains("{kid}") ? newKey(callers.get(caller)) : "{kid}";
                Fixture fixture = new Fixture(pid, fresh, export, runId, backfillId, member, key);
                tests.add(DynamicTest.dynamicTest(route.name(fixture) + " as " + caller, () -> {
                    TestApi api = callers.get(caller);
                    String path = route.path().apply(fixture);
                    Object body = route.body().apply(fixture);
                    TestApi.Response r = switch (route.method()) {
                        case "GET" -> api.get(path);
                        case "POST" -> body == null ? api.post(path) : api.post(path, body);
                        case "PATCH" -> api.patch(path, body);
                        case "DELETE" -> api.delete(path);
                        default -> throw new IllegalArgumentException(route.method());
                    };
                    assertThat(r.status()).as(r.text()).isIn(expected(route, caller));
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
