package dev.sluice;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every route of the REST API (API.md) with the role it needs and the statuses an allowed caller
 * may get, as one table for the tests that call them all: the role × endpoint matrix in process and
 * the secret-leak test against a real Sluice process.
 */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /** Kinds of caller: a project's ADMIN, EDITOR and VIEWER, an ADMIN of another project (non-member), and anonymous. */
    public enum Caller { ADMIN, EDITOR, VIEWER, NON_MEMBER, ANONYMOUS }

    /** Who may call a route: members with at least a role, any signed-in user, or instance admins only. */
    public enum Need { VIEWER, EDITOR, ADMIN, ANY_USER, PROJECT_CREATOR, INSTANCE_ADMIN }

    /**
     * What a route works on: a project, a fresh export of it, a run and a backfill of another of its
     * exports, a membership of the project and a personal API key of the caller (both removable).
     */
    public record Fixture(String pid, String freshExport, String export, String runId, String backfillId, String member, String key) {

        /** A fixture without a removable membership or key: ids that exist nowhere stand in for them. */
        public Fixture(String pid, String freshExport, String export, String runId, String backfillId) {
            this(pid, freshExport, export, runId, backfillId, UUID.randomUUID().toString(), UUID.randomUUID().toString());
        }

        String exports() {
            return "/api/projects/" + pid + "/batch_exports";
        }
    }

    public record Route(String method, Function<Fixture, String> path, Function<Fixture, Object> body, Need need, Set<Integer> allowed) {

        /** The route with placeholders for the fixture's ids, such as {@code POST /api/projects/{pid}/batch_exports/{id}/pause}. */
        public String name(Fixture f) {
            return method + " " + path.apply(f).replace(f.pid(), "{pid}").replace(f.freshExport(), "{id}").replace(f.export(), "{id}")
                    .replace(f.runId(), "{rid}").replace(f.backfillId(), "{bid}").replace(f.member(), "{mid}").replace(f.key(), "{kid}");
        }

        /** A route inside a project: callers outside it get 404. */
        public boolean inProject() {
            return need == Need.VIEWER || need == Need.EDITOR || need == Need.ADMIN;
        }

        /** A route that changes something. */
        public boolean writes() {
            return !method.equals("GET");
        }

        /** The statuses the caller may get: 401 anonymous, 404 outside the project, 403 below the needed role. */
        public Set<Integer> expectedFor(Caller caller) {
            if (caller == Caller.ANONYMOUS) {
                return Set.of(401);
            }
            if (inProject() && caller == Caller.NON_MEMBER) {
                return Set.of(404);
            }
            boolean permitted = switch (need) {
                case ANY_USER -> true;
                case INSTANCE_ADMIN -> false;
                // the non-member is an ADMIN of another project, so may create projects
                case PROJECT_CREATOR -> caller == Caller.ADMIN || caller == Caller.NON_MEMBER;
                case ADMIN -> caller == Caller.ADMIN;
                case EDITOR -> caller == Caller.ADMIN || caller == Caller.EDITOR;
                case VIEWER -> true;
            };
            return permitted ? allowed : Set.of(403);
        }

        /** Calls the route as the given client on the fixture. */
        public TestApi.Response call(TestApi api, Fixture f) {
            String p = path.apply(f);
            Object b = body.apply(f);
            return switch (method) {
                case "GET" -> api.get(p);
                case "POST" -> b == null ? api.post(p) : api.post(p, b);
                case "PUT" -> api.put(p, b);
                case "PATCH" -> api.patch(p, b);
                case "DELETE" -> api.delete(p);
                default -> throw new IllegalArgumentException(method);
            };
        }
    }

    private static Route route(String method, Function<Fixture, String> path, Need need, int... allowed) {
        return route(method, path, f -> null, need, allowed);
    }

    private static Route route(String method, Function<Fixture, String> path, Function<Fixture, Object> body, Need need, int... allowed) {
        return new Route(method, path, body, need, IntStream.of(allowed).boxed().collect(Collectors.toUnmodifiableSet()));
    }

    /** A valid new Files export. */
    public static Map<String, Object> filesExport() {
        return Map.of("name", "matrix " + UUID.randomUUID(), "interval", "hour",
                "destination", Map.of("type", "Files", "config", Map.of("path", "matrix")));
    }

    public static final List<Route> ALL = List.of(
            route("GET", f -> "/api/projects", Need.ANY_USER, 200),
            route("POST", f -> "/api/projects", f -> Map.of("name", "matrix " + UUID.randomUUID()), Need.PROJECT_CREATOR, 201),
            route("GET", f -> "/api/projects/" + f.pid(), Need.VIEWER, 200),
            route("POST", f -> "/api/projects/" + f.pid() + "/members", f -> Map.of("email", "m-" + UUID.randomUUID() + "@sluice.test",
                    "password", "member-password-1", "role", "VIEWER"), Need.ADMIN, 201),
            route("GET", f -> "/api/projects/" + f.pid() + "/members", Need.ADMIN, 200),
            route("PATCH", f -> "/api/projects/" + f.pid() + "/members/" + f.member(), f -> Map.of("role", "EDITOR"), Need.ADMIN, 200),
            route("DELETE", f -> "/api/projects/" + f.pid() + "/members/" + f.member(), Need.ADMIN, 204),
            route("GET", f -> "/api/projects/" + f.pid() + "/source", Need.VIEWER, 200),
            route("PUT", f -> "/api/projects/" + f.pid() + "/source", f -> Map.of("type", "Postgres"), Need.ADMIN, 200),
            route("POST", f -> "/api/projects/" + f.pid() + "/demo_data", f -> Map.of("start_at", "2026-01-01T00:00:00Z",
                    "end_at", "2026-01-01T01:00:00Z", "events_per_hour", 2, "seed", 1), Need.EDITOR, 201),
            route("GET", f -> "/api/projects/" + f.pid() + "/audit_log", Need.ADMIN, 200),
            route("GET", f -> f.exports(), Need.VIEWER, 200),
            route("POST", f -> f.exports(), f -> filesExport(), Need.EDITOR, 201),
            route("POST", f -> f.exports() + "/test", f -> filesExport(), Need.EDITOR, 200),
            route("POST", f -> f.exports() + "/preview", f -> filesExport(), Need.EDITOR, 200),
            route("GET", f -> f.exports() + "/" + f.freshExport(), Need.VIEWER, 200),
            route("PATCH", f -> f.exports() + "/" + f.freshExport(), f -> Map.of("name", "renamed " + UUID.randomUUID()), Need.EDITOR, 200),
            route("GET", f -> f.exports() + "/" + f.freshExport() + "/preview", Need.VIEWER, 200),
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
            // someone else's key, or one that does not exist, is 404 like any other missing thing
            route("DELETE", f -> "/api/personal_api_keys/" + f.key(), Need.ANY_USER, 204, 404),
            route("POST", f -> "/api/admin/reencrypt", Need.INSTANCE_ADMIN, 200));
}
