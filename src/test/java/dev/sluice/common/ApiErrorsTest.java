package dev.sluice.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@SluiceIntegrationTest
class ApiErrorsTest {

    private static final int TWENTY_ONE_MB = 21 * 1024 * 1024;

    @LocalServerPort
    int port;

    private static void assertError(TestApi.Response r, int status, String type, String attr) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.body().get("type").asText()).isEqualTo(type);
        assertThat(r.body().get("detail").asText()).isNotBlank();
        if (attr == null) {
            assertThat(r.body().get("attr").isNull()).as(r.text()).isTrue();
        } else {
            assertThat(r.body().get("attr").asText()).isEqualTo(attr);
        }
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("at dev.sluice").doesNotContain("at org.");
    }

    @Test
    void anUnknownRouteUnderApiIsAJson404() {
        assertError(TestApi.admin(port).get("/api/no_such_thing"), 404, "not_found", null);
        assertError(TestApi.admin(port).post("/api/no/such/thing", Map.of()), 404, "not_found", null);
    }

    @Test
    void anUnknownRouteWithoutCredentialsIsA401() {
        assertError(TestApi.anonymous(port).get("/api/no_such_thing"), 401, "authentication_error", null);
    }

    @Test
    void aWrongMethodIs405NamingTheAllowedOnes() {
        TestApi.Response r = TestApi.admin(port).delete("/api/projects");

        assertError(r, 405, "validation_error", null);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST");
        assertError(TestApi.admin(port).method("PUT", "/api/projects/" + java.util.UUID.randomUUID() + "/batch_exports/"
                + java.util.UUID.randomUUID()), 405, "validation_error", null);
        assertError(TestApi.anonymous(port).get("/batch"), 405, "validation_error", null);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        TestApi.Response r = TestApi.admin(port).postRaw("/api/projects", "text/plain", "name=x".getBytes(StandardCharsets.UTF_8));

        assertError(r, 415, "validation_error", null);
    }

    @Test
    void malformedJsonIs400SayingWhere() {
        TestApi.Response r = TestApi.admin(port).post("/api/projects", "{\"name\": \"x\",,}");

        assertError(r, 400, "validation_error", null);
        assertThat(r.body().get("detail").asText()).startsWith("The request body is not valid JSON (line 1, column");
    }

    @Test
    void aMissingBodyIs400() {
        assertError(TestApi.admin(port).post("/api/projects", ""), 400, "validation_error", null);
    }

    @Test
    void aValueOfTheWrongTypeIs400NamingTheField() {
        TestApi.Response r = TestApi.admin(port).post("/api/projects", "{\"name\": {\"first\": \"x\"}}");

        assertError(r, 400, "validation_error", "name");
        assertThat(r.body().get("detail").asText()).isEqualTo("name must be a string.");
        assertError(TestApi.admin(port).post("/api/projects", "[1, 2]"), 400, "validation_error", null);
    }

    @Test
    void aUrlTheFirewallRejectsIsAJson400() {
        assertError(TestApi.admin(port).get("/api/projects;jsessionid=1"), 400, "validation_error", null);
    }

    @Test
    void anIdThatIsNotAUuidIs404() {
        assertError(TestApi.admin(port).get("/api/projects/not-a-uuid/batch_exports"), 404, "not_found", null);
    }

    @Test
    void aBodyOverTwentyMegabytesIs413() {
        byte[] body = new byte[TWENTY_ONE_MB];
        Arrays.fill(body, (byte) ' ');
        TestApi.Response r = TestApi.anonymous(port).postRaw("/batch", "application/json", body);

        assertError(r, 413, "validation_error", null);
    }

    @Test
    void aChunkedBodyOverTwentyMegabytesIs413() throws IOException, InterruptedException {
        byte[] padding = new byte[TWENTY_ONE_MB];
        Arrays.fill(padding, (byte) ' ');
        InputStream stream = new SequenceInputStream(new ByteArrayInputStream("{\"api_key\": \"x\", \"batch\": [".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(padding));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> stream)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"type\":\"validation_error\"");
    }
}
