package dev.sluice.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.common.DataInterval;
import dev.sluice.common.Ids;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A project as a team uses it — members, API keys, exports with completed runs and logs — walked
 * through page by page in headless Chromium at 1280×800, each page checked for what it must show.
 * With {@code -Dsluice.screenshots=true} every page is also saved as a PNG in
 * {@code docs/screenshots/}, the pictures of the README.
 */
@SluiceIntegrationTest
class MainPagesInABrowserTest {

    private static final Path DOCS = Path.of("docs", "screenshots");
    private static final boolean CAPTURE = Boolean.getBoolean("sluice.screenshots");
    /** Records per hour of the demo data, so the chart's bars differ. */
    private static final List<Integer> HOURLY_EVENTS = List.of(140, 210, 260, 330, 300, 240, 170, 110);
    private static final String PASSWORD = "acme-password-1";

    @LocalServerPort
    int port;
    @Autowired
    BatchExportRunRepository runs;

    /** Fixed names read well in the pictures; the test context's database is fresh for each test run. */
    private final String owner = "maria@acme.example";
    private final String viewer = "sam@acme.example";

    @Test
    void theMainPagesShowTheTeamsExportsRunsLogsMembersAndAuditLogAndHideAdminFromAViewer() throws IOException {
        TestApi maria = teamProject();
        String pid = maria.get("/api/projects").body().get("results").get(0).get("id").asText();
        String exports = "/api/projects/" + pid + "/batch_exports";
        String filesExport = exportsWithHistory(maria, exports);

        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 800)) {
            chromium.fitViewport(1280, 800);
            WebDriver browser = chromium.driver();
            WebDriverWait wait = chromium.waiting();
            String base = "http://localhost:" + port;

            browser.get(base + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("vaadin-login-form")));
            assertThat(chromium.pageText()).contains("Sluice", "Log in");
            capture(chromium, "login.png");

            chromium.signIn(owner, PASSWORD);
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    HeadlessChromium.exportNamed("Hourly files backup")));
            assertThat(chromium.pageText()).contains("Clickstream to the S3 lake", "Daily revenue to Postgres", "Raw events to a webhook",
                    "Active", "Paused", "Completed", "Admin", "Audit log");
            capture(chromium, "exports.png");

            browser.get(base + "/exports/new");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#export-name input"))).sendKeys("Orders to the S3 lake");
            chromium.pick("destination-type", "S3");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#config-bucket_name input"))).sendKeys("acme-orders");
            browser.findElement(By.cssSelector("#config-region input")).sendKeys("eu-central-1");
            browser.findElement(By.cssSelector("#config-prefix input")).sendKeys("orders/{year}/{month}/{day}/");
            browser.findElement(By.cssSelector("#export-name input")).click();
            assertThat(chromium.pageText()).contains("Bucket", "Region", "Test connection");
            capture(chromium, "export-form.png");

            browser.get(base + "/exports/" + filesExport);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".records-chart svg")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//vaadin-grid-cell-content[normalize-space(.)='" + HOURLY_EVENTS.get(7) + "']")));
            assertThat(chromium.pageText()).contains("Runs", "Backfills", "Logs", "Completed");
            capture(chromium, "export-runs.png");

            chromium.click(By.xpath("//vaadin-tab[normalize-space(.)='Logs']"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-grid-cell-content[contains(., 'Backfill')]")));
            capture(chromium, "export-logs.png");

            chromium.click(By.id("open-backfill"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("vaadin-date-time-picker#backfill-start")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".backfill-estimate")));
            assertThat(browser.findElement(By.cssSelector("#backfill-start vaadin-date-picker input")).getDomProperty("value"))
                    .matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(browser.findElement(By.cssSelector("#backfill-start vaadin-time-picker input")).getDomProperty("value"))
                    .isEqualTo("00:00");
            assertThat(chromium.pageText()).contains("Start (UTC)", "End (UTC)");
            capture(chromium, "backfill-dialog.png");
            new Actions(browser).sendKeys(Keys.ESCAPE).perform();

            browser.get(base + "/admin");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='" + viewer + "']")));
            assertThat(chromium.pageText()).contains("Members", owner, "Your API keys", "Terraform", "Revoked");
            capture(chromium, "admin.png");

            browser.get(base + "/audit");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='Member added']")));
            assertThat(chromium.pageText()).contains("Role changed", "API key created", "Backfilled", "Created");
            capture(chromium, "audit.png");

            chromium.click(By.xpath("//vaadin-button[normalize-space(.)='Log out']"));
            wait.until(ExpectedConditions.urlContains("/login"));
            chromium.signIn(viewer, PASSWORD);
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    HeadlessChromium.exportNamed("Hourly files backup")));
            assertThat(browser.findElements(By.xpath("//vaadin-side-nav-item[normalize-space(.)='Admin']"))).isEmpty();
            assertThat(chromium.pageText()).contains("API keys").doesNotContain("Audit log");
            browser.get(base + "/admin");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".exports-view")));
            assertThat(browser.findElements(By.cssSelector(".admin-view"))).isEmpty();
        }
    }

    /** A project run by Maria (ADMIN) with an EDITOR and a VIEWER, and two API keys of hers, one revoked, all made through the API. */
    private TestApi teamProject() {
        TestApi instanceAdmin = TestApi.admin(port);
        String pid = instanceAdmin.post("/api/projects", Map.of("name", "Acme Storefront")).body().get("id").asText();
        String members = "/api/projects/" + pid + "/members";
        instanceAdmin.post(members, Map.of("email", owner, "password", PASSWORD, "role", "ADMIN"));
        TestApi maria = TestApi.basic(port, owner, PASSWORD);
        String adminMembership = maria.get(members).body().get("results").get(0).get("id").asText();
        assertThat(maria.delete(members + "/" + adminMembership).status()).isEqualTo(204);
        String lee = maria.post(members, Map.of("email", "lee@acme.example", "password", PASSWORD, "role", "VIEWER"))
                .body().get("id").asText();
        assertThat(maria.patch(members + "/" + lee, Map.of("role", "EDITOR")).status()).isEqualTo(200);
        assertThat(maria.post(members, Map.of("email", viewer, "password", PASSWORD, "role", "VIEWER")).status()).isEqualTo(201);
        maria.post("/api/personal_api_keys", Map.of("label", "Terraform"));
        String old = maria.post("/api/personal_api_keys", Map.of("label", "Old laptop")).body().get("id").asText();
        assertThat(maria.delete("/api/personal_api_keys/" + old).status()).isEqualTo(204);
        return maria;
    }

    /**
     * Four exports; the hourly Files one has backfilled eight hours of demo data (different
     * volumes per hour) and the S3 and Postgres ones a completed run each. Returns the Files export's id.
     */
    private String exportsWithHistory(TestApi maria, String exports) {
        String pid = exports.split("/")[3];
        String s3 = create(maria, exports, "Clickstream to the S3 lake", "every 15 minutes", true,
                Map.of("type", "S3", "config", Map.of("bucket_name", "acme-clickstream", "region", "eu-central-1", "prefix", "events/")));
        String postgres = create(maria, exports, "Daily revenue to Postgres", "day", false,
                Map.of("type", "Postgres", "config", Map.of("host", "warehouse.internal", "database", "finance", "user", "sluice",
                        "table_name", "revenue_events")));
        create(maria, exports, "Raw events to a webhook", "every 5 minutes", true,
                Map.of("type", "HTTP", "config", Map.of("url", "https://hooks.acme.example/events")));
        String files = create(maria, exports, "Hourly files backup", "hour", false,
                Map.of("type", "Files", "config", Map.of("path", "acme-backup", "compression", "gzip")));

        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        Instant start = end.minus(HOURLY_EVENTS.size(), ChronoUnit.HOURS);
        for (int hour = 0; hour < HOURLY_EVENTS.size(); hour++) {
            Instant from = start.plus(hour, ChronoUnit.HOURS);
            assertThat(maria.post("/api/projects/" + pid + "/demo_data", Map.of("start_at", from.toString(),
                    "end_at", from.plus(1, ChronoUnit.HOURS).toString(), "events_per_hour", HOURLY_EVENTS.get(hour), "seed", hour))
                    .status()).isEqualTo(201);
        }
        String backfill = maria.post(exports + "/" + files + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()))
                .body().get("id").asText();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                maria.get(exports + "/" + files + "/backfills/" + backfill).body().get("status").asText()).isEqualTo("Completed"));

        completedRun(UUID.fromString(s3), Duration.ofMinutes(15), 18_430);
        completedRun(UUID.fromString(postgres), Duration.ofDays(1), 52_118);
        return files;
    }

    private static String create(TestApi maria, String exports, String name, String interval, boolean paused, Map<String, Object> destination) {
        TestApi.Response created = maria.post(exports, Map.of("name", name, "interval", interval, "paused", paused,
                "destination", destination));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private void completedRun(UUID exportId, Duration interval, long records) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        BatchExportRun run = new BatchExportRun(Ids.newId(), exportId, null, new DataInterval(end.minus(interval), end),
                "export-" + exportId + "-" + end, end);
        run.finish(RunStatus.Completed, records, records * 310, null, end.plusSeconds(42));
        runs.save(run);
    }

    private static void capture(HeadlessChromium chromium, String file) {
        if (CAPTURE) {
            chromium.screenshot(DOCS.resolve(file));
        }
    }
}
