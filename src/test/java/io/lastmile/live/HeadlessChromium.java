package io.lastmile.live;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The system's Chromium, headless, driven through the system's chromedriver: nothing is downloaded
 * (Selenium Manager never runs when both are named). Where either is missing the browser tests are
 * skipped, saying what to install.
 */
public final class HeadlessChromium {

    static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** A 1920×1080 browser (a command-center wall), or the test skipped with the reason. */
    public static ChromeDriver start() {
        return start(1920, 1080);
    }

    /** A browser whose page is {@code width}×{@code height} CSS pixels (360 wide: a phone), or the test skipped. */
    public static ChromeDriver start(int width, int height) {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Browser tests skipped: no Chromium at " + BROWSER + " or no chromedriver at " + DRIVER
                        + " (Debian: apt-get install chromium chromium-driver fonts-noto-cjk)");
        Path profile;
        try {
            profile = Files.createTempDirectory("lastmile-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        // As root and in a container: no sandbox, no GPU, and nothing that reaches out to the internet.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=zh-CN");
        // The page's console, for a failing test to show.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        // The window's size includes what a headless window still reserves around the page: make the page itself that size.
        Number innerWidth = (Number) browser.executeScript("return window.innerWidth");
        Number innerHeight = (Number) browser.executeScript("return window.innerHeight");
        org.openqa.selenium.Dimension outer = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(outer.getWidth() + width - innerWidth.intValue(),
                outer.getHeight() + height - innerHeight.intValue()));
        return browser;
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}; answers the file. */
    public static Path screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /**
     * Opens {@code url} (a page of the service), which sends a browser without a session to the sign-in
     * page: signs in there as {@code username} (password of the demo accounts) and waits to be back.
     */
    public static void signInAt(ChromeDriver browser, String url, String username) {
        browser.get(url);
        WebDriverWait wait = new WebDriverWait(browser, java.time.Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlContains("/login/"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(io.lastmile.security.DemoLogins.PASSWORD);
        browser.findElement(By.id("submit")).click();
        String path = java.net.URI.create(url).getPath();
        wait.until(ExpectedConditions.urlContains(path));
    }

    /** What the page wrote to its console since the last call: errors first of all. */
    public static String console(ChromeDriver browser) {
        StringBuilder lines = new StringBuilder();
        browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                .forEach(entry -> lines.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
        return lines.toString();
    }

    private HeadlessChromium() {
    }
}
