package dev.sluice.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.common.DataInterval;
import dev.sluice.common.Ids;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportDraft;
import dev.sluice.export.ExportService;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectService;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunStatus;
import dev.sluice.security.UserService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The UI in headless Chromium against the running application: sign in, see the exports, switch project, sign out. */
@SluiceIntegrationTest
class SignInInABrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    ProjectService projects;
    @Autowired
    ExportService exports;
    @Autowired
    BatchExportRunRepository runs;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        chromium = HeadlessChromium.start(1400, 900);
        browser = chromium.driver();
        wait = chromium.waiting();
    }

    @AfterEach
    void stopBrowser() throws IOException {
        chromium.close();
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneOpensTheExportsListWhereProjectsCanBeSwitched() throws IOException {
        var admin = users.byEmail("admin@sluice.test").orElseThrow();
        Project defaultProject = projects.projectsOf(admin.getId()).get(0).project();
        String name = "Clickstream to the lake " + Ids.token("", 3);
        exports.create(defaultProject.getId(), new ExportDraft(name, "S3",
                Map.of("bucket_name", "clickstream", "region", "eu-central-1", "prefix", "events/"),
                "every 15 minutes", null, null, null, null, null, true, null, null));
        BatchExport daily = exports.create(defaultProject.getId(), new ExportDraft("Daily revenue to Postgres " + Ids.token("", 3),
                "Postgres", Map.of("host", "db.internal", "database", "finance", "user", "sluice", "table_name", "revenue"),
                "day", null, "UTC", null, null, null, true, null, null));
        Instant end = Instant.parse("2026-03-02T00:00:00Z");
        BatchExportRun run = new BatchExportRun(Ids.newId(), daily.getId(), null,
                new DataInterval(end.minus(1, ChronoUnit.DAYS), end), "export-" + daily.getId() + "-" + end, end);
        run.finish(RunStatus.Completed, 48_120, 3_200_000, null, end.plusSeconds(95));
        runs.save(run);
        Project emptyProject = projects.create("Mobile app " + Ids.token("", 3), admin.getId());

        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        chromium.signIn("admin@sluice.test", "not-the-password");
        wait.until(ExpectedConditions.urlContains("error"));
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form[error]")));
        assertThat(form.getText()).contains("Wrong email or password");
        screenshot("login-error.png");

        chromium.signIn("admin@sluice.test", "admin-password-1");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.exportNamed(name)));
        assertThat(row.isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl()).doesNotContain("login");
        assertThat(browser.findElement(By.cssSelector("vaadin-select.project-switcher vaadin-select-value-button")).getText())
                .isEqualTo("Default project");
        assertThat(chromium.pageText()).contains("admin@sluice.test", "S3", "Every 15 minutes", "Paused", "No runs yet");
        assertThat(chromium.pageText()).contains("Completed");
        screenshot("exports.png");

        browser.findElement(By.cssSelector("vaadin-select.project-switcher")).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space(.)='" + emptyProject.getName() + "']"))).click();
        WebElement apiCall = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("pre.api-call")));
        assertThat(apiCall.getText()).isEqualTo("POST /api/projects/" + emptyProject.getId() + "/batch_exports");
        assertThat(chromium.pageText()).contains("No exports yet");
        screenshot("empty-project.png");

        browser.findElement(By.xpath("//vaadin-button[normalize-space(.)='Log out']")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get("http://localhost:" + port + "/exports");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void aPersonCreatesAFilesExportInTheFormBackfillsDemoDataFromTheDialogReadsRunsAndLogsAndPausesIt() throws IOException {
        TestApi api = TestApi.admin(port);
        String projectName = "Browser flow " + Ids.token("", 4);
        String projectId = api.createProject(projectName); // the API helper appends a unique suffix to the name
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant yesterday = today.minus(1, ChronoUnit.DAYS);
        assertThat(api.post("/api/projects/" + projectId + "/demo_data", Map.of("start_at", yesterday.toString(),
                "end_at", yesterday.plus(6, ChronoUnit.HOURS).toString(), "events_per_hour", 40, "seed", 7)).status()).isEqualTo(201);

        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        chromium.signIn("admin@sluice.test", "admin-password-1");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".exports-view")));
        WebElement switcher = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-select.project-switcher")));
        switcher.click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[starts-with(normalize-space(.), '" + projectName + " ')]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("pre.api-call"), projectId));
        chromium.click(By.xpath("//vaadin-button[normalize-space(.)='New export']"));

        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#export-name input"))).sendKeys("Daily demo events");
        chromium.pick("destination-type", "Files");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#config-path input"))).sendKeys("browser-" + Ids.token("", 6));
        chromium.pick("interval", "Every day");
        chromium.press("test-connection");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".connection-step")));
        assertThat(browser.findElements(By.cssSelector(".step-failed"))).isEmpty();
        screenshot("export-form.png");
        chromium.press("save-export");
        wait.until(ExpectedConditions.urlMatches("/exports/[0-9a-f-]{36}$"));
        String exportId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("open-backfill")));
        chromium.click(By.id("open-backfill"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("vaadin-date-time-picker#backfill-start")));
        assertThat(browser.findElements(By.cssSelector("vaadin-date-time-picker#backfill-end"))).hasSize(1);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".backfill-estimate"), "This starts 1 run."));
        screenshot("backfill-dialog.png");
        chromium.press("confirm-backfill");

        WebDriverWait slow = new WebDriverWait(browser, Duration.ofMinutes(3));
        slow.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".backfill-count"), "1 / 1"));
        screenshot("export-backfills.png");

        chromium.click(By.xpath("//vaadin-tab[normalize-space(.)='Runs']"));
        slow.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='240']")));
        assertThat(chromium.pageText()).contains("Completed");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='240']")));
        screenshot("export-runs.png");

        chromium.click(By.xpath("//vaadin-tab[normalize-space(.)='Logs']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-grid-cell-content[contains(., 'Backfill')]")));
        screenshot("export-logs.png");

        chromium.click(By.id("pause-toggle"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pause-toggle"), "Unpause"));
        TestApi.Response export = api.get("/api/projects/" + projectId + "/batch_exports/" + exportId);
        assertThat(export.body().get("paused").asBoolean()).isTrue();
    }

    private void screenshot(String file) {
        chromium.screenshot(SCREENSHOTS.resolve(file));
    }
}
