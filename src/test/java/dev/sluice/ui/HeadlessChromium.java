package dev.sluice.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium through /usr/bin/chromedriver, with a throw-away profile, and the moves the UI tests share. */
final class HeadlessChromium implements AutoCloseable {

    private final Path profile;
    private final WebDriver browser;
    private final WebDriverWait wait;

    private HeadlessChromium(Path profile, WebDriver browser) {
        this.profile = profile;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    static HeadlessChromium start(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("sluice-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--hide-scrollbars");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new HeadlessChromium(profile, new ChromeDriver(driver, options));
    }

    WebDriver driver() {
        return browser;
    }

    WebDriverWait waiting() {
        return wait;
    }

    /** The name of an export in the exports list (its cell shows the destination below it). */
    static By exportNamed(String name) {
        return By.xpath("//vaadin-grid-cell-content//span[contains(concat(' ', normalize-space(@class), ' '), ' export-name ')"
                + " and normalize-space(.)='" + name + "']");
    }

    /** Grows the window until the page itself (without the browser's own frame) has this size. */
    void fitViewport(int width, int height) {
        browser.get("about:blank");
        Number innerWidth = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
        Number innerHeight = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerHeight");
        Dimension window = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(window.getWidth() + width - innerWidth.intValue(),
                window.getHeight() + height - innerHeight.intValue()));
    }

    /** Types into the login form and presses Enter. */
    void signIn(String email, String password) {
        WebElement username = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")));
        username.clear();
        username.sendKeys(email);
        WebElement passwordField = browser.findElement(By.cssSelector("#vaadinLoginPassword input"));
        passwordField.clear();
        passwordField.sendKeys(password, Keys.ENTER);
    }

    /** Clicks a button below the fold: scrolled to the middle first, so no overlay or edge is in the way. */
    void press(String id) {
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button);
    }

    /** Clicks what {@code by} finds, looking again when a server round trip replaced the element. */
    void click(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(by).click();
            return true;
        });
    }

    /** Opens a select by id and picks the item with that text. */
    void pick(String selectId, String item) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(selectId))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space(.)='" + item + "']"))).click();
    }

    String pageText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /** The window as a PNG, written to {@code file} (its directory is created). */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
