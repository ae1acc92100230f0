package dev.pixelforge.web;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (never a downloaded one:
 * Selenium Manager is bypassed by naming the driver). .ci/run installs both packages.
 */
final class Browser {

    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final String CHROMIUM = "/usr/bin/chromium";

    private Browser() {}

    static ChromeDriver start(int width, int height) throws IOException {
        if (!CHROMEDRIVER.canExecute() || !new File(CHROMIUM).canExecute()) {
            throw new IllegalStateException(
                    "the browser tests need Debian's chromium and chromium-driver: apt-get install"
                            + " -y chromium chromium-driver (.ci/run installs them)");
        }
        Path profile = Files.createTempDirectory("pixelforge-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // The flags that keep Chromium off the closed network and out of first-run dialogs.
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER)
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    /** The comparison page's column of {@code target}. */
    static WebElement column(WebDriver browser, String target) {
        return browser.findElement(By.id("column-" + target));
    }

    /**
     * Polls {@code condition} until it holds, or fails saying {@code what} did not happen within
     * {@code timeout}.
     */
    static void waitFor(
            WebDriver browser, Duration timeout, String what, BooleanSupplier condition) {
        new WebDriverWait(browser, timeout).withMessage(what).until(d -> condition.getAsBoolean());
    }
}
