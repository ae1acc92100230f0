package dev.pixelforge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.cli.page.ComparisonPage;
import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.standins.Deployables;
import dev.pixelforge.standins.LocalCloud;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/** The comparison page in a real browser, against the three real local stand-ins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComparisonPageIT {

    static final Path ROOT = RepositoryRoot.path();
    private static final List<String> TARGETS = List.of("aws-lambda", "gcp-function", "container");

    private LocalCloud cloud;
    private ComparisonPage page;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws IOException {
        Path work = Files.createDirectories(ROOT.resolve("web-ui/target/standins"));
        // Small limits, so that a burst of four shows throttling without booting ten JVMs per
        // platform.
        Properties limits = new Properties();
        limits.setProperty("aws-lambda.reserved-concurrency", "2");
        limits.setProperty("gcp-function.max-instances", "2");
        // Lambda's API private, as deployed by default: every request of the page must carry the
        // run's key, which the page gets from config.json (the tests below see aws-lambda answer).
        limits.setProperty("aws-lambda.api-key-required", "true");
        cloud =
                LocalCloud.start(
                        Deployables.under(ROOT),
                        PlatformProfile.from(limits),
                        work,
                        LocalCloud.Ports.ANY,
                        StandInEvents.NONE);
        Map<String, URI> backends = new LinkedHashMap<>();
        for (Target t : Target.values()) {
            backends.put(t.id(), cloud.url(t));
        }
        page =
                ComparisonPage.start(
                        ROOT.resolve("web-ui/src/main/webapp"),
                        0,
                        backends,
                        StudyImageSet.in(ROOT.resolve("web-ui/target/images")).images(),
                        Map.of(
                                "aws-lambda",
                                Credential.apiKey(
                                        "aws-lambda.api-key", cloud.apiKey().orElseThrow())));
        browser = Browser.start(1280, 800);
        browser.get(page.url().toString());
        waitFor(
                "the page to load",
                () ->
                        "true"
                                .equals(
                                        browser.findElement(By.tagName("body"))
                                                .getAttribute("data-ready")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (page != null) {
            page.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    @Order(0)
    void lambdasApi_isPrivate_aRequestWithoutTheKeyIsRefused_soThePageSendsIt() throws Exception {
        HttpResponse<String> none =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                cloud.url(Target.AWS_LAMBDA).resolve("/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, none.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", none.body());
    }

    @Test
    @Order(1)
    void goWithTwoImages_fromTheKeyboard_showsTwoDecodedImagesAndConsistentTimesInEveryColumn()
            throws IOException {
        WebElement count = browser.findElement(By.id("count"));
        count.clear();
        count.sendKeys("2", Keys.ENTER); // Enter submits the form: the page works without a mouse

        for (String target : TARGETS) {
            WebElement column = column(target);
            waitFor(
                    target + " answers",
                    () -> column.findElement(By.className("status")).getText().equals("200 OK"));
            List<WebElement> images = column.findElements(By.cssSelector(".images img"));
            assertEquals(2, images.size(), target);
            for (WebElement img : images) {
                waitFor(target + " image decoded", () -> naturalWidth(img) > 0);
                assertTrue(
                        img.getAttribute("alt").startsWith("Generated image"),
                        "images need alt text");
            }
            double roundTrip = metric(column, "round-trip");
            double process = metric(column, "process");
            assertTrue(
                    process > 0 && process <= roundTrip,
                    target + ": process " + process + " ms, round trip " + roundTrip + " ms");
            assertTrue(metric(column, "latency") > 0, target + ": no latency from Resource Timing");
            assertEquals(
                    "yes, a new instance",
                    column.findElement(By.cssSelector("[data-metric=cold]")).getText(),
                    target);
            assertTrue(
                    column.findElement(By.cssSelector("[data-metric=instance]"))
                            .getText()
                            .matches("[0-9a-f]{8}"),
                    target);
        }
        screenshot("comparison-page-generate.png");
    }

    @Test
    @Order(2)
    void convertingASampleToSepia_showsTheConvertedImageInEveryColumn_andTheHistoryGrows()
            throws IOException {
        new Select(browser.findElement(By.id("sample"))).selectByVisibleText("640x480-png");
        new Select(browser.findElement(By.id("scale"))).selectByValue("sepia");
        browser.findElement(By.id("convert")).click();

        for (String target : TARGETS) {
            WebElement column = column(target);
            waitFor(
                    target + " converts",
                    () ->
                            column.findElement(By.className("status")).getText().equals("200 OK")
                                    && !column.findElements(
                                                    By.cssSelector(".images img[alt$='in sepia']"))
                                            .isEmpty());
            WebElement img = column.findElement(By.cssSelector(".images img"));
            waitFor(target + " image decoded", () -> naturalWidth(img) == 640);
            assertEquals(
                    "no",
                    column.findElement(By.cssSelector("[data-metric=cold]")).getText(),
                    target + ": a warm instance answers");
            assertEquals(
                    "2",
                    column.findElement(By.cssSelector("[data-history=round-trip] td")).getText(),
                    target + ": two requests so far");
        }
        screenshot("comparison-page.png");
        browser.manage().window().setSize(new Dimension(1280, 1250)); // the whole page, for docs/
        screenshot("comparison-page-full.png");
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    @Order(3)
    void oneBackendStopped_showsItsErrorInItsColumn_whileTheOthersCarryOn() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort(); // closed again: nothing listens there any more
        }
        browser.findElement(By.cssSelector("#backends-panel summary")).click();
        WebElement url = browser.findElement(By.id("url-container"));
        url.clear();
        url.sendKeys("http://127.0.0.1:" + dead);
        browser.findElement(By.id("go")).click();

        WebElement stopped = column("container");
        waitFor(
                "the stopped backend's error",
                () -> "error".equals(stopped.getAttribute("data-state")));
        assertTrue(
                stopped.findElement(By.className("status")).getText().startsWith("unreachable"),
                stopped.getText());
        assertTrue(stopped.findElements(By.cssSelector(".images img")).isEmpty());
        for (String target : List.of("aws-lambda", "gcp-function")) {
            WebElement column = column(target);
            waitFor(
                    target + " still answers",
                    () -> column.findElement(By.className("status")).getText().equals("200 OK"));
            assertEquals(2, column.findElements(By.cssSelector(".images img")).size());
        }
        screenshot("comparison-page-one-stopped.png");
    }

    @Test
    @Order(4)
    void atPhoneWidth_theColumnsStack_andNothingScrollsSideways() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            waitFor(
                    "the layout to settle",
                    () ->
                            column("aws-lambda").getRect().getY()
                                    < column("gcp-function").getRect().getY());
            Object scrollWidth =
                    ((JavascriptExecutor) browser)
                            .executeScript("return document.documentElement.scrollWidth");
            Object innerWidth =
                    ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
            assertTrue(
                    ((Number) scrollWidth).intValue() <= ((Number) innerWidth).intValue(),
                    scrollWidth + " > " + innerWidth);
            screenshot("comparison-page-phone.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    @Test
    @Order(5)
    void burst_showsThrottlesWhereThePlatformRefuses_andSuccessesElsewhere() {
        WebElement size = browser.findElement(By.id("burst-size"));
        size.clear();
        size.sendKeys("4");
        browser.findElement(By.id("burst")).click();

        for (String target : List.of("aws-lambda", "gcp-function")) {
            WebElement result = column(target).findElement(By.className("burst-result"));
            waitFor(target + " burst result", () -> result.getAttribute("data-ok") != null);
            int ok = Integer.parseInt(result.getAttribute("data-ok"));
            int throttled = Integer.parseInt(result.getAttribute("data-throttled"));
            if (target.equals("aws-lambda")) {
                // Two environments at most, one of them still booting: four at once cannot all run.
                // How many are
                // refused depends on how fast the warm one turns round, so the test asks for at
                // least one.
                assertTrue(throttled >= 1 && ok >= 1 && ok + throttled == 4, result.getText());
            } else {
                assertEquals(
                        4,
                        ok,
                        "Cloud Functions queues what its two instances cannot take yet: "
                                + result.getText());
            }
        }
    }

    private WebElement column(String target) {
        return Browser.column(browser, target);
    }

    private static double metric(WebElement column, String name) {
        String value =
                column.findElement(By.cssSelector("[data-metric=" + name + "]"))
                        .getAttribute("data-value");
        assertTrue(value != null, name + " has no value");
        return Double.parseDouble(value);
    }

    private long naturalWidth(WebElement img) {
        return ((Number)
                        ((JavascriptExecutor) browser)
                                .executeScript("return arguments[0].naturalWidth", img))
                .longValue();
    }

    private void waitFor(String what, BooleanSupplier condition) {
        Browser.waitFor(browser, Duration.ofSeconds(120), what, condition);
    }

    private void screenshot(String name) throws IOException {
        Path target = Files.createDirectories(ROOT.resolve("web-ui/target/screenshots"));
        Files.write(target.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
