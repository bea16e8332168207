package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Throttled sign-in, session fixation protection and security headers, over real HTTP. */
@SluiceIntegrationTest
class LoginHardeningTest {

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottle throttle;

    @AfterEach
    void forgetFailures() {
        throttle.clear();
    }

    private String newUser(String password) {
        TestApi admin = TestApi.admin(port);
        String email = "throttled-" + UUID.randomUUID() + "@sluice.test";
        TestApi.Response r = admin.post("/api/projects/" + admin.createProject("throttle") + "/members",
                Map.of("email", email, "password", password, "role", "VIEWER"));
        assertThat(r.status()).isEqualTo(201);
        return email;
    }

    @Test
    void fiveWrongPasswordsLockAnApiAccountEvenAgainstTheRightPassword() {
        String email = newUser("right-password-1");
        assertThat(TestApi.basic(port, email, "right-password-1").get("/api/projects").status()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            assertThat(TestApi.basic(port, email, "wrong-password-" + i).get("/api/projects").status()).isEqualTo(401);
        }
        TestApi.Response locked = TestApi.basic(port, email, "right-password-1").get("/api/projects");

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.body().get("detail").asText()).startsWith("Too many failed sign-ins");
        assertThat(TestApi.admin(port).get("/api/projects").status()).isEqualTo(200);
    }

    @Test
    void fourWrongPasswordsAndThenTheRightOneStartTheCountAgain() {
        String email = newUser("right-password-2");
        for (int i = 0; i < 4; i++) {
            TestApi.basic(port, email, "wrong").get("/api/projects");
        }
        assertThat(TestApi.basic(port, email, "right-password-2").get("/api/projects").status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            TestApi.basic(port, email, "wrong").get("/api/projects");
        }

        assertThat(TestApi.basic(port, email, "right-password-2").get("/api/projects").status()).isEqualTo(200);
    }

    @Test
    void manyFailuresFromOneAddressLockThatAddressForEveryAccount() {
        for (int i = 0; i < 20; i++) {
            assertThat(TestApi.basic(port, "guess-" + i + "@sluice.test", "guess").get("/api/projects").status()).isEqualTo(401);
        }

        TestApi.Response r = TestApi.admin(port).get("/api/projects");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().get("detail").asText()).startsWith("Too many failed sign-ins");
    }

    @Test
    void theUiLoginFormIsThrottledTooAndASuccessfulLoginGetsANewSession() throws Exception {
        String email = newUser("right-password-3");
        Browser browser = new Browser();
        String before = browser.session();

        HttpResponse<String> ok = browser.login(email, "right-password-3");
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(browser.session()).isNotEqualTo(before);

        Browser attacker = new Browser();
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.login(email, "wrong-" + i).headers().firstValue("Location").orElse("")).contains("/login?error");
        }
        HttpResponse<String> locked = new Browser().login(email, "right-password-3");
        assertThat(locked.headers().firstValue("Location").orElse("")).contains("/login?error");
    }

    @Test
    void theUiSendsSecurityHeadersThatLetVaadinRun() throws Exception {
        HttpResponse<String> page = new Browser().get("/login");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
    }

    @Test
    void theApiSendsSecurityHeaders() {
        TestApi.Response r = TestApi.admin(port).get("/api/projects");

        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    /** A cookie-keeping client that signs in through the login form as a browser does. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        String session() throws IOException, InterruptedException {
            get("/login");
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                    .map(Object::toString).findFirst().orElse("");
        }

        HttpResponse<String> login(String email, String password) throws IOException, InterruptedException {
            String page = get("/login").body();
            StringBuilder form = new StringBuilder("username=" + encode(email) + "&password=" + encode(password));
            Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
            if (csrf.find()) {
                form.append("&_csrf=").append(encode(csrf.group(1)));
            }
            return http.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
