package dev.sluice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The REST API over real HTTP, as a script sees it: JSON in and out, with Basic credentials, a
 * bearer token or nothing. Tests build their own projects and users through it.
 */
public final class TestApi {

    public static final String ADMIN_EMAIL = "admin@sluice.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    /** A response: status, headers, the raw body and the body as JSON (a missing node when it is not JSON). */
    public record Response(int status, HttpHeaders headers, String text, JsonNode body) {

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String authorization;

    private TestApi(int port, String authorization) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    public static TestApi admin(int port) {
        return basic(port, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public static TestApi basic(int port, String email, String password) {
        return new TestApi(port, "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static TestApi bearer(int port, String token) {
        return new TestApi(port, "Bearer " + token);
    }

    public static TestApi anonymous(int port) {
        return new TestApi(port, null);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(publisher(body)));
    }

    public Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postRaw(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", publisher(body)));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(publisher(body)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Creates a project as this caller; returns its id. */
    public String createProject(String name) {
        Response r = post("/api/projects", Map.of("name", name + " " + UUID.randomUUID()));
        if (r.status() != 201) {
            throw new IllegalStateException("project not created: " + r.status() + " " + r.text());
        }
        return r.body().get("id").asText();
    }

    /** The api_token (capture key) of a project this caller belongs to. */
    public String apiToken(String projectId) {
        return get("/api/projects/" + projectId).body().get("api_token").asText();
    }

    /** Adds a new user with the role to the project; returns a client signed in as them. */
    public TestApi addMember(String projectId, String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@sluice.test";
        String password = "password-" + UUID.randomUUID();
        Response r = post("/api/projects/" + projectId + "/members", Map.of("email", email, "password", password, "role", role));
        if (r.status() != 201) {
            throw new IllegalStateException("member not added: " + r.status() + " " + r.text());
        }
        return new TestApi(Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1)),
                "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body(), parse(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
