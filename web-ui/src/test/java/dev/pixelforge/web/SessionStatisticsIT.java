package dev.pixelforge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.cli.page.ComparisonPage;
import dev.pixelforge.web.FakeBackend.Reply;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The page's session statistics in a real browser, against a {@link FakeBackend} whose answers are
 * chosen: timings of successes only, whichever way a request was sent, failures counted beside
 * them; latency and connect past the browser's 250 Resource Timing entries; a 200 it cannot read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionStatisticsIT {

    private static final Path ROOT = ComparisonPageIT.ROOT;
    private static final Reply THROTTLED =
            Reply.json(429, "{\"message\":\"Too Many Requests\"}", false);
    private static final Reply FAILED =
            Reply.json(500, "{\"message\":\"the function failed\"}", true);

    private FakeBackend fake;
    private ComparisonPage page;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws IOException {
        fake = FakeBackend.start();
        // No backends in config.json: each test names its own in the address.
        page = ComparisonPage.start(ROOT.resolve("web-ui/src/main/webapp"), 0, Map.of(), List.of());
        browser = Browser.start(1280, 800);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (page != null) {
            page.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void goAndBurstsFollowOneRule_timesOfSuccessesOnly_failuresCountedBeside() {
        // Of every six: 2nd and 5th throttled (API Gateway's 429), 3rd the function's own 500, the
        // rest succeed.
        URI mixed =
                fake.route(
                        "mixed",
                        n ->
                                switch (n % 6) {
                                    case 2, 5 -> THROTTLED;
                                    case 3 -> FAILED;
                                    default -> FakeBackend.IMAGES;
                                });
        URI failing = fake.route("failing", n -> FAILED);
        URI fine = fake.route("fine", n -> FakeBackend.IMAGES);
        open(Map.of("aws-lambda", mixed, "gcp-function", failing, "container", fine));

        browser.findElement(By.id("go"))
                .click(); // the 1st of each: mixed and fine succeed, failing fails
        waitFor(
                "Go! answers",
                () ->
                        count("container", "ok") == 1
                                && count("gcp-function", "errors") == 1
                                && count("aws-lambda", "ok") == 1);
        assertTrue(
                status("gcp-function").startsWith("500: the function failed"),
                status("gcp-function"));
        burst(6); // mixed: 2nd-7th, so 3 ok, 2 throttled (2nd, 5th), 1 error (3rd)
        waitFor(
                "the burst counted",
                () ->
                        count("container", "ok") == 7
                                && count("gcp-function", "errors") == 7
                                && count("aws-lambda", "ok")
                                                + count("aws-lambda", "throttled")
                                                + count("aws-lambda", "errors")
                                        == 7);

        assertOutcomes("aws-lambda", 4, 2, 1);
        assertOutcomes("gcp-function", 0, 0, 7);
        assertOutcomes("container", 7, 0, 0);
        WebElement burst = column("aws-lambda").findElement(By.className("burst-result"));
        assertEquals(
                List.of("3", "2", "1"),
                List.of(
                        burst.getAttribute("data-ok"),
                        burst.getAttribute("data-throttled"),
                        burst.getAttribute("data-errors")),
                burst.getText());
        for (String metric : List.of("round-trip", "process", "latency", "connect")) {
            assertEquals(
                    4, historyN("aws-lambda", metric), "aws-lambda " + metric + ": successes only");
            assertEquals(
                    0,
                    historyN("gcp-function", metric),
                    "gcp-function " + metric + ": no success, no times");
            assertEquals(7, historyN("container", metric), "container " + metric);
        }
        assertEquals(7, fake.served("mixed"));
    }

    @Test
    void latencyAndConnect_keepShowingPastTheBrowsers250ResourceTimingEntries() {
        URI fine = fake.route("many", n -> FakeBackend.IMAGES);
        open(Map.of("aws-lambda", fine));
        int bursts = 13;
        int size = 20; // 260 requests, 20 at a time, and the page's own files before them
        for (int i = 1; i <= bursts; i++) {
            int expected = i * size;
            burst(size);
            waitFor(
                    "burst " + i,
                    () ->
                            count("aws-lambda", "ok") == expected
                                    && browser.findElement(By.id("burst")).isEnabled());
        }
        browser.findElement(By.id("go")).click();
        waitFor("Go! after the bursts", () -> count("aws-lambda", "ok") == bursts * size + 1);

        WebElement column = column("aws-lambda");
        assertEquals("200 OK", status("aws-lambda"));
        for (String metric : List.of("latency", "connect")) {
            String value =
                    column.findElement(By.cssSelector("[data-metric=" + metric + "]"))
                            .getAttribute("data-value");
            assertTrue(
                    value != null && Double.parseDouble(value) >= 0,
                    metric + " of request 261: " + value);
            // Every request of every burst found its own entry: none lost to the buffer or to
            // clearing it.
            assertEquals(bursts * size + 1, historyN("aws-lambda", metric), metric);
        }
        assertTrue(
                Double.parseDouble(
                                column.findElement(By.cssSelector("[data-metric=latency]"))
                                        .getAttribute("data-value"))
                        > 0);
        assertEquals(bursts * size + 1, fake.served("many"));
    }

    @Test
    void aTwoHundredWithABodyThePageCannotRead_saysSo_andCountsAsAnError() throws IOException {
        URI garbage =
                fake.route(
                        "garbage",
                        n ->
                                new Reply(
                                        200,
                                        n == 1 ? "application/json" : "image/png",
                                        "<html>a proxy's page</html>"
                                                .getBytes(StandardCharsets.UTF_8),
                                        true));
        URI noImages = fake.route("no-images", n -> Reply.json(200, "{\"images\":[]}", true));
        open(Map.of("aws-lambda", garbage, "gcp-function", noImages));

        browser.findElement(By.id("go")).click();
        waitFor(
                "Go! answers",
                () -> count("aws-lambda", "errors") == 1 && count("gcp-function", "errors") == 1);
        assertTrue(
                status("aws-lambda").startsWith("200 but unreadable body: "), status("aws-lambda"));
        assertTrue(
                status("aws-lambda").contains("JSON"),
                "the parser's reason: " + status("aws-lambda"));
        assertEquals("200 but unreadable body: JSON without images", status("gcp-function"));

        Path source =
                Files.createDirectories(ROOT.resolve("web-ui/target"))
                        .resolve("unreadable-test-source.png");
        Files.write(source, FakeBackend.PNG);
        browser.findElement(By.id("file")).sendKeys(source.toString());
        browser.findElement(By.id("convert")).click();
        waitFor("Convert answers", () -> count("aws-lambda", "errors") == 2);
        assertTrue(
                status("aws-lambda")
                        .startsWith("200 but unreadable body: not an image the browser can decode"),
                status("aws-lambda"));
        assertEquals("error", column("aws-lambda").getAttribute("data-state"));
        assertOutcomes("aws-lambda", 0, 0, 2);
        assertEquals(0, historyN("aws-lambda", "round-trip"));
    }

    private void open(Map<String, URI> backends) {
        StringBuilder address = new StringBuilder(page.url().toString()).append("?");
        backends.forEach((id, url) -> address.append(id).append('=').append(url).append('&'));
        browser.get(address.toString());
        waitFor(
                "the page to load",
                () ->
                        "true"
                                .equals(
                                        browser.findElement(By.tagName("body"))
                                                .getAttribute("data-ready")));
    }

    private void burst(int size) {
        WebElement field = browser.findElement(By.id("burst-size"));
        field.clear();
        field.sendKeys(String.valueOf(size));
        browser.findElement(By.id("burst")).click();
    }

    private void assertOutcomes(String target, int ok, int throttled, int errors) {
        String text = column(target).findElement(By.className("outcomes")).getText();
        assertEquals(
                List.of(ok, throttled, errors),
                List.of(count(target, "ok"), count(target, "throttled"), count(target, "errors")),
                target + ": " + text);
    }

    private int count(String target, String outcome) {
        String value =
                column(target)
                        .findElement(By.className("outcomes"))
                        .getAttribute("data-" + outcome);
        return value == null ? -1 : Integer.parseInt(value);
    }

    private int historyN(String target, String metric) {
        return Integer.parseInt(
                column(target)
                        .findElement(By.cssSelector("[data-history=" + metric + "] td"))
                        .getText());
    }

    private String status(String target) {
        return column(target).findElement(By.className("status")).getText();
    }

    private WebElement column(String target) {
        return Browser.column(browser, target);
    }

    private void waitFor(String what, BooleanSupplier condition) {
        Browser.waitFor(browser, Duration.ofSeconds(60), what, condition);
    }
}
