package io.lastmile.live;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A page tested in one headless Chromium of 1920×1080 for the whole class (skipped, saying why, where
 * there is none), with what the page wrote to its console printed after each test, for a failing
 * test to show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {

    protected ChromeDriver browser;

    @BeforeAll
    protected void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    protected void showTheConsole() {
        String console = HeadlessChromium.console(browser);
        if (!console.isBlank()) {
            System.out.println("[browser console]\n" + console);
        }
    }

    @AfterAll
    protected void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }
}
