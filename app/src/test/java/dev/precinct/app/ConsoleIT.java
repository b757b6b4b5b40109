package dev.precinct.app;

import dev.precinct.police.PoliceRoles;
import dev.precinct.core.command.Role;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.core.testing.Eventually;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The operator console in a real headless Chromium, on real NATS, Kafka and PostgreSQL: an operator opens
 * {@code /console}, pastes an admin token (and a supervisor's token for command stories), watches a poison record
 * on {@code precinct.officers} appear as an event dead letter with a registration parked behind it, skips it, sees
 * that registration's story end {@code APPLIED}, and rebuilds the officers projection until it is done (which parks
 * the poison record again: no fix cured it). Each state is saved as a screenshot under
 * {@code target/console-screenshots/}.
 */
class ConsoleIT {
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration REBUILD_WAIT = Duration.ofSeconds(180);

    private Path profile;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String testName;

    @BeforeEach
    void openBrowser(TestInfo test) throws IOException {
        testName = test.getTestMethod().orElseThrow().getName();
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("precinct-console-chromium-");
        // Both paths given: Selenium Manager then has nothing to find, and downloads nothing.
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(required("PRECINCT_TEST_CHROMEDRIVER")))
                .usingAnyFreePort()
                .withLogFile(SCREENSHOTS.resolve("chromedriver.log").toFile())
                .build();
        var options = new ChromeOptions();
        options.setBinary(required("PRECINCT_TEST_CHROMIUM"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) browser.quit();
        if (profile != null) try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void anOperatorSkipsAPoisonRecordSeesTheParkedCommandApplyAndRebuildsTheProjection() throws Exception {
        try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all"))) {
            var base = "http://127.0.0.1:" + precinct.httpPort();
            var badge = OfficerFixtures.aUniqueBadge();
            ReadSideAdminIT.publishBadJson(badge);
            var client = new Http(precinct.httpPort());
            var correlationId = register(client, badge);
            try {
                browser.get(base + "/console");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token")));
                screenshot("01-sign-in");

                browser.findElement(By.id("admin-token")).sendKeys(TestTokens.token("ops", List.of(Role.ADMIN)));
                // from the keyboard: Enter in the form signs in, Enter on a focused button presses it
                browser.findElement(By.id("reader-token"))
                        .sendKeys(TestTokens.token("sgt.lewis", List.of(PoliceRoles.SUPERVISOR)), Keys.ENTER);

                var deadLetter = "li[data-kind='event'][data-aggregate='" + badge + "']";
                wait.until(ExpectedConditions.textToBe(By.cssSelector(deadLetter + " [data-field='parked-count']"),
                        "2"));
                assertTrue(text(deadLetter + " [data-field='reason']").contains("not valid JSON"),
                        text(deadLetter + " [data-field='reason']"));
                wait.until(ExpectedConditions.textToBe(By.cssSelector(projection("officers", "state")), "running"));
                screenshot("02-dead-letter");

                lookUp(correlationId);
                wait.until(ExpectedConditions.textToBe(By.cssSelector("#story-result [data-field='status']"),
                        "not decided yet"));
                screenshot("03-command-parked");

                browser.findElement(By.cssSelector(deadLetter + " button[data-action='skip']")).sendKeys(Keys.ENTER);
                wait.until(ExpectedConditions.alertIsPresent()).accept();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("announcer"),
                        "1 applied, 1 skipped, 0 still parked"));
                wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(deadLetter)));

                lookUp(correlationId);
                wait.until(ExpectedConditions.textToBe(By.cssSelector("#story-result [data-field='status']"),
                        "APPLIED"));
                assertEquals("/api/v1/officers/" + badge, text("#story-result [data-field='resource']"));
                assertTrue(text("#story-result [data-field='event-position']").startsWith("not known"));
                screenshot("04-command-applied");
                var status = client.get("/api/v1/commands/" + correlationId + "?waitMs=15000");
                assertEquals(200, status.statusCode(), status.body());
                assertEquals("APPLIED", body(status).get("status").asText());
                assertEquals(body(status).get("issuedBy").asText(), text("#story-result [data-field='issued-by']"));
                assertEquals(200, client.get("/api/v1/officers/" + badge).statusCode());

                browser.findElement(By.cssSelector("tr[data-projection='officers'] button[data-action='rebuild']"))
                        .click();
                wait.until(ExpectedConditions.alertIsPresent()).accept();
                wait.until(ExpectedConditions.textToBe(By.id("announcer"), "Rebuild of officers started."));
                wait.until(anyText(projection("officers", "phase"), Set.of("replaying", "switching", "done")));
                screenshot("05-rebuild-started");
                new WebDriverWait(browser, REBUILD_WAIT).ignoring(StaleElementReferenceException.class)
                        .until(ExpectedConditions.textToBe(By.cssSelector(projection("officers", "phase")), "done"));
                wait.until(ExpectedConditions.textToBe(By.cssSelector(projection("officers", "state")), "running"));
                assertEquals("100 %", text(projection("officers", "progress")));
                // as the README warns: a rebuild parks again what no fix cures, so the dead letter is back
                wait.until(ExpectedConditions.textToBe(By.cssSelector(deadLetter + " [data-field='parked-count']"),
                        "2"));
                screenshot("06-rebuild-done");
                var log = browser.manage().logs().get(LogType.BROWSER).getAll();
                System.out.println("[console] the browser logged " + log.size() + " lines");
                var refused = log.stream().map(LogEntry::getMessage)
                        .filter(message -> message.contains("Content Security Policy")).toList();
                assertEquals(List.of(), refused, "the page keeps to its own Content-Security-Policy");
                var officers = body(new Http(precinct.httpPort(), TestTokens.token("ops", List.of(Role.ADMIN)))
                        .get("/admin/projections")).get("items").get(0);
                assertEquals("officers", officers.get("name").asText());
                assertEquals("done", officers.get("rebuild").get("phase").asText(), officers.toString());
            } catch (AssertionError | RuntimeException e) {
                screenshot("failure");
                throw e;
            }
        }
    }

    /**
     * Registers {@code badge}, retrying with the same key while the answer is 503, 504 or 409 (a busy machine's
     * first command may outlast the edge's request timeout); returns the correlation id of the 202.
     */
    private static String register(Http client, String badge) throws Exception {
        var key = "console-" + badge;
        var accepted = new AtomicReference<HttpResponse<String>>();
        Eventually.await("the registration of " + badge + " is accepted", WAIT, () -> {
            try {
                var answer = client.postJson("/api/v1/officers", OfficerJson.registration(badge),
                        "Idempotency-Key", key);
                if (!Set.of(202, 409, 503, 504).contains(answer.statusCode()))
                    fail("registering " + badge + ": " + answer.statusCode() + " " + answer.body());
                accepted.set(answer);
                return answer.statusCode() == 202;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return body(accepted.get()).get("correlationId").asText();
    }

    /** The selector of a field of a projection's row. */
    private static String projection(String name, String field) {
        return "tr[data-projection='" + name + "'] [data-field='" + field + "']";
    }

    private void lookUp(String correlationId) {
        var input = browser.findElement(By.id("correlation-id"));
        input.clear();
        input.sendKeys(correlationId);
        browser.findElement(By.id("story-button")).click();
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private static ExpectedCondition<Boolean> anyText(String selector, Set<String> texts) {
        return driver -> texts.contains(driver.findElement(By.cssSelector(selector)).getText());
    }

    /** Saves the whole page, not only the window, as {@code target/console-screenshots/<test>-<name>.png}. */
    private void screenshot(String name) {
        try {
            var size = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            var content = (Map<String, Object>) size.get("cssContentSize");
            double width = ((Number) content.get("width")).doubleValue();
            double height = ((Number) content.get("height")).doubleValue();
            var shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(SCREENSHOTS.resolve(testName + "-" + name + ".png"),
                    Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException | RuntimeException e) {
            System.err.println("[console] could not save the screenshot " + name + ": " + e);
        }
    }

    private static String required(String variable) {
        var value = System.getenv(variable);
        if (value == null || value.isBlank())
            fail(variable + " is not set: run the browser tests with scripts/test (or scripts/with-services), which "
                    + "installs Chromium and chromedriver when missing and names them");
        if (!Files.isExecutable(Path.of(value))) fail(variable + "=" + value + " is not an executable");
        return value;
    }
}
