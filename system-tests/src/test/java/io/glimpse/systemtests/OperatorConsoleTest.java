package io.glimpse.systemtests;

import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.glimpse.systemtests.Imports.method;
import static io.glimpse.systemtests.Imports.newRawImage;
import static io.glimpse.systemtests.Imports.randomFile;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console in a real browser (Debian's Chromium, headless, driven through its chromedriver): an admin
 * signs in through Keycloak's login form, watches a 512 MiB import started through the API run to 100% and its image
 * turn active, sees a failing import's reason and an image's timeline; a user without the admin role is refused. The
 * import metrics move during the same import. Screenshots of each state go to {@code target/console-screenshots}.
 */
class OperatorConsoleTest extends ThroughTheGateway {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final long MIB = 1024L * 1024;
    private static final long IMAGE_SIZE = 1024 * MIB;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void anAdminWatchesAnImportRunToActiveAndAFailureWithItsReason() throws Exception {
        WebDriver browser = signedIn("admin");
        awaitLive(browser);
        screenshot(browser, "1-signed-in");

        String id = newRawImage("alice");
        // Large enough that the store's write outlasts two progress heartbeats (2 s) on a loaded 2-core machine: a
        // single PUT to the local S3 moves 512 MiB in under 2 s.
        Path data = randomFile(IMAGE_SIZE, 512);
        double finishedBefore = importMetric("glimpse_imports_finished_total", "glance-direct", "outcome=\"success\"");
        double storedBefore = importMetric("glimpse_import_bytes_total", "glance-direct", "store=\"s3\"");
        try {
            Imports.stageFile("alice", id, data).then().statusCode(204);
            startImport("alice", id, method("glance-direct", "stores", List.of("s3")))
                    .then()
                    .statusCode(202);

            // The store's bar while the bytes move (progress is recorded every couple of seconds).
            By movingStore = By.cssSelector("#in-flight tr[data-image-id='" + id + "']"
                    + " progress[data-phase=store][data-store=s3][data-state=running]");
            Optional<Long> partly = wait(browser).until(page -> {
                List<WebElement> bars = page.findElements(movingStore);
                if (!bars.isEmpty()) {
                    return Optional.of(Long.parseLong(bars.getFirst().getDomAttribute("value")));
                }
                return page.findElements(finishedRow(id)).isEmpty() ? null : Optional.<Long>empty();
            });
            if (partly.isPresent()) {
                screenshot(browser, "2-import-running");
            }

            // Read in one go inside the wait: the page redraws its rows as events arrive, which makes any element
            // found earlier stale.
            Map<String, String> finished = wait(browser)
                    .until(page -> page.findElements(finishedRow(id)).stream()
                            .filter(row -> row.findElement(By.cssSelector("[data-field=image-status]"))
                                    .getText()
                                    .equals("active"))
                            .findFirst()
                            .map(row -> {
                                WebElement store =
                                        row.findElement(By.cssSelector("progress[data-phase=store][data-store=s3]"));
                                return Map.of(
                                        "outcome",
                                        row.findElement(By.cssSelector("[data-field=outcome]"))
                                                .getText(),
                                        "value",
                                        String.valueOf(store.getDomAttribute("value")),
                                        "max",
                                        String.valueOf(store.getDomAttribute("max")));
                            })
                            .orElse(null));
            screenshot(browser, "3-import-done");
            assertThat(partly)
                    .as("the store's progress bar was seen moving before the import finished")
                    .hasValueSatisfying(bytes -> assertThat(bytes).isLessThan(IMAGE_SIZE));
            assertThat(finished.get("outcome")).isEqualTo("success");
            assertThat(finished.get("value"))
                    .as("the store's progress bar is full")
                    .isEqualTo(finished.get("max"));
            assertThat(Long.parseLong(finished.get("max"))).isEqualTo(IMAGE_SIZE);
        } finally {
            Files.deleteIfExists(data);
        }
        assertThat(importMetric("glimpse_imports_finished_total", "glance-direct", "outcome=\"success\""))
                .as("glimpse_imports_finished_total{method=glance-direct,outcome=success}")
                .isGreaterThanOrEqualTo(finishedBefore + 1);
        assertThat(importMetric("glimpse_import_bytes_total", "glance-direct", "store=\"s3\""))
                .as("bytes written to s3 by glance-direct imports")
                .isGreaterThanOrEqualTo(storedBefore + IMAGE_SIZE);

        // A failing import: its reason, in the failures.
        String failing = newRawImage("alice");
        startImport(
                        "alice",
                        failing,
                        Map.of("method", Map.of("name", "web-download", "uri", "http://example.com/no/possible/way")))
                .then()
                .statusCode(202);
        String reason = wait(browser)
                .until(page ->
                        page.findElements(By.cssSelector("#failures li[data-image-id='" + failing + "']")).stream()
                                .findFirst()
                                .map(item -> item.findElement(By.cssSelector("[data-field=reason]"))
                                        .getText())
                                .orElse(null));
        screenshot(browser, "4-import-failed");
        assertThat(reason).as("the failure's reason").isNotBlank().isNotEqualTo("no reason given");

        // The image's timeline, in order.
        WebElement imageField = browser.findElement(By.id("timeline-image"));
        imageField.sendKeys(id);
        browser.findElement(By.cssSelector("#timeline-form button")).click();
        List<String> types = wait(browser).until(page -> {
            List<String> shown = page.findElements(By.cssSelector("#timeline li")).stream()
                    .map(item -> item.getDomAttribute("data-type"))
                    .toList();
            return shown.contains("task.success") && shown.contains("image.activate") ? shown : null;
        });
        screenshot(browser, "5-image-timeline");
        assertThat(types).startsWith("image.create");
        assertThat(types.indexOf("image.import.start")).isLessThan(types.indexOf("image.import.finish"));
    }

    @Test
    void aUserWithoutTheAdminRoleIsRefused() throws Exception {
        WebDriver browser = signedIn("alice");
        WebElement refused = wait(browser).until(page -> {
            WebElement section = page.findElement(By.id("refused"));
            return section.isDisplayed() ? section : null;
        });
        screenshot(browser, "6-refused");
        assertThat(refused.getText()).contains("admin");
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
        // The stream itself refuses the token, whatever the page does.
        RestAssured.given()
                .header("X-Auth-Token", Tokens.forUser("alice"))
                .get(LocalSuite.gatewayUrl() + "/console/events")
                .then()
                .statusCode(403);
    }

    /** A browser on the console, signed in as {@code user} through Keycloak's login form. */
    private WebDriver signedIn(String user) throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (installed by .ci/run)").isExecutable();
        assertThat(CHROMEDRIVER)
                .as("Debian's chromium-driver (installed by .ci/run)")
                .isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1100",
                "--user-data-dir=" + Files.createTempDirectory("console-browser"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        browser.get(LocalSuite.gatewayUrl() + "/console/");
        WebElement userName = wait(browser)
                .until(page -> page.findElements(By.id("username")).stream()
                        .findFirst()
                        .orElse(null));
        screenshot(browser, "0-keycloak-login-" + user);
        userName.sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("kc-login")).click();
        wait(browser)
                .until(page -> page.getCurrentUrl().startsWith(LocalSuite.gatewayUrl() + "/console/")
                                && page.findElement(By.id("user")).isDisplayed()
                        || page.findElement(By.id("refused")).isDisplayed());
        return browser;
    }

    private static void awaitLive(WebDriver browser) {
        wait(browser)
                .until(page ->
                        "live".equals(page.findElement(By.id("connection")).getDomAttribute("data-state")));
    }

    private static By finishedRow(String imageId) {
        return By.cssSelector("#finished tr[data-image-id='" + imageId + "']");
    }

    private static WebDriverWait wait(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(100));
        // The page redraws rows as events arrive: an element found a moment ago may be gone; look again.
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> "page was: "
                + ((JavascriptExecutor) browser).executeScript("return document.body ? document.body.innerText : ''"));
        return wait;
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** The sum of an import-service counter's series for {@code method} whose labels also contain {@code label}. */
    private static double importMetric(String name, String method, String label) {
        String scrape = RestAssured.get(LocalSuite.serviceUrl("import-service") + "/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher series = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double sum = 0;
        while (series.find()) {
            String labels = series.group(1);
            if (labels.contains("method=\"" + method + "\"") && labels.contains(label)) {
                sum += Double.parseDouble(series.group(2));
            }
        }
        return sum;
    }
}
