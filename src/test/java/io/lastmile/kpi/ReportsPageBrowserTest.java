package io.lastmile.kpi;

import io.lastmile.Api;
import io.lastmile.live.BrowserTest;
import io.lastmile.live.HeadlessChromium;
import io.lastmile.security.DemoLogins;
import io.lastmile.ticket.TicketView;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printable report page in a real browser: a supervisor signs in at {@code /login/} and gets
 * this month's assessment, every figure, the ranking and the overdue list equal to the API's JSON;
 * the CSV link saves the API's CSV as a file; on paper the controls are gone. Screenshots go to
 * {@code target/screenshots/} (reports.png is docs/reports.png).
 */
@QuarkusTest
class ReportsPageBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL service;

    private boolean worked;

    /** This month's own work, whatever ran before (REST is up only once the tests run, not in {@code @BeforeAll}). */
    private void someWorkThisMonth() {
        if (worked) {
            return;
        }
        worked = true;
        // This month's own work, whatever ran before: handled through to the revisit in 修山镇, signed for in 武潭镇.
        String done = handedTo("430922104-BMFW", "official-xiushan", "修山镇花桥港村路灯不亮");
        step("official-xiushan", done, "start", null);
        step("official-xiushan", done, "resolve", "{\"result\": \"已更换灯具\"}");
        step("dispatcher", done, "verify", null);
        step("dispatcher", done, "close", null);
        step("operator", done, "revisit", "{\"satisfaction\": \"满意\"}");
        handedTo("430922103-BMFW", "official-wutan", "武潭镇武潭社区垃圾未清运");
    }

    /** A new ticket dispatched to {@code unit} and signed for by its official; answers its number. */
    private static String handedTo(String unit, String official, String text) {
        String number = Api.createTicket(text + " " + UUID.randomUUID().toString().substring(0, 8), "桃江县");
        if ("RECEIVED".equals(Api.dispatcher().when().get("/api/v1/tickets/" + number).then().extract().path("status"))) {
            step("dispatcher", number, "register", null);
        }
        step("dispatcher", number, "dispatch", "{\"unitCode\": \"" + unit + "\"}");
        step(official, number, "sign-for", null);
        return number;
    }

    private static void step(String who, String number, String action, String body) {
        Api.as(who).body(body == null ? "{}" : body).when().post("/api/v1/tickets/" + number + "/" + action).then().statusCode(200);
    }

    @Test
    void thisMonthsReportShowsTheApisFiguresAndItsCsvDownloads() throws Exception {
        someWorkThisMonth();
        String month = YearMonth.now(TicketView.SHOWN_IN).toString();
        signIn("supervisor");
        assertEquals(month, browser.findElement(By.id("month")).getAttribute("value"));

        JsonPath county = as("supervisor").when().get("/api/v1/reports/assessment?by=county&month=" + month).then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> counts = county.getMap("rows[0].counts");
        Map<String, Object> rates = county.getMap("rows[0].rates");
        assertEquals(String.valueOf(counts.get("received")), figure("received"));
        for (String rate : List.of("immediate", "resolved", "signedFor", "signedOnTime", "returned", "redone", "resolvedOnTime",
                "disposed", "satisfied")) {
            assertEquals(percent(rates.get(rate)), figure(rate), rate);
        }
        assertEquals(counts.get("signedFor") + " / " + counts.get("handOvers"), basis("signedFor"));
        assertEquals(counts.get("resolvedOnTime") + " / " + counts.get("completionDue"), basis("resolvedOnTime"));
        assertEquals(counts.get("satisfied") + " / " + counts.get("revisits"), basis("satisfied"));

        JsonPath units = as("supervisor").when().get("/api/v1/reports/assessment?by=unit&month=" + month).then()
                .statusCode(200).extract().jsonPath();
        List<WebElement> ranked = browser.findElements(By.cssSelector("#ranking tbody tr"));
        assertEquals(units.getList("ranking").size(), ranked.size(), "every unit ranked");
        assertFalse(ranked.isEmpty(), "this month has tickets (other tests made them)");
        assertEquals(units.getString("ranking[0].unitName"), ranked.get(0).findElements(By.tagName("td")).get(1).getText());
        assertEquals(percent(units.get("ranking[0].resolvedOnTime")), ranked.get(0).findElements(By.tagName("td")).get(2).getText());
        assertEquals(county.getList("overdue.ticketNumber"), browser.findElements(By.cssSelector("#overdue tbody tr[data-ticket]"))
                .stream().map(r -> r.getAttribute("data-ticket")).toList(), "the overdue tickets");
        HeadlessChromium.screenshot(browser, "reports");

        // The CSV: fetched with the token and saved as a file, byte for byte the API's.
        Path downloads = Files.createTempDirectory("lastmile-downloads-");
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.findElement(By.id("csv")).click();
        Path file = downloads.resolve("assessment-" + month + ".csv");
        waitUpTo(20).until(d -> Files.exists(file) && file.toFile().length() > 0);
        byte[] api = as("supervisor").header("Accept", "text/csv").when().get("/api/v1/reports/assessment?by=unit&month=" + month)
                .then().statusCode(200).extract().asByteArray();
        String saved = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(saved.startsWith("\uFEFF分组 key,名称 name,受理量 received"), saved.substring(0, Math.min(80, saved.length())));
        assertEquals(new String(api, StandardCharsets.UTF_8), saved, "the file is the API's CSV");

        // On paper: no controls, the report itself.
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertEquals("none", browser.findElement(By.id("controls")).getCssValue("display"));
        assertEquals("rgba(255, 255, 255, 1)", browser.findElement(By.tagName("body")).getCssValue("background-color"));
        HeadlessChromium.screenshot(browser, "reports-print");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }

    @Test
    void anOfficialPicksOnlyTheirOwnUnits() {
        someWorkThisMonth();
        signIn("official-wutan");
        List<String> options = browser.findElements(By.cssSelector("#unit option")).stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
        assertFalse(options.isEmpty(), "武潭镇 signed for a ticket this month");
        options.forEach(code -> assertTrue(code.startsWith("430922103"), "武潭镇's own units only: " + options));
    }

    /** Opens the page signed out, signs in at /login/ as {@code account}, and waits for this month's report. */
    private void signIn(String account) {
        browser.get(service + "login/");
        browser.executeScript("sessionStorage.clear()");
        browser.get(service + "reports/");
        waitUpTo(20).until(ExpectedConditions.urlContains("/login/"));
        browser.findElement(By.id("username")).sendKeys(account);
        browser.findElement(By.id("password")).sendKeys(DemoLogins.PASSWORD);
        browser.findElement(By.id("submit")).click();
        waitUpTo(20).until(ExpectedConditions.urlContains("/reports/"));
        waitUpTo(20).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded",
                YearMonth.now(TicketView.SHOWN_IN).toString()));
    }

    private String figure(String name) {
        return browser.findElement(By.cssSelector("#figures tr[data-figure='" + name + "'] td.value")).getText();
    }

    private String basis(String name) {
        return browser.findElement(By.cssSelector("#figures tr[data-figure='" + name + "'] td.basis")).getText();
    }

    private static String percent(Object rate) {
        if (rate == null) {
            return "—";
        }
        double shown = Math.round(((Number) rate).doubleValue() * 1000) / 10.0;
        return (shown == Math.rint(shown) ? String.valueOf((long) shown) : String.valueOf(shown)) + "%";
    }

    private WebDriverWait waitUpTo(long seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }
}
