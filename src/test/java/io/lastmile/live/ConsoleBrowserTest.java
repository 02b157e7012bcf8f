package io.lastmile.live;

import io.lastmile.TestStack;
import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's console in a real browser: {@code operator} signs in at {@code /login/}, takes a call
 * with the keyboard alone and reads back the ticket number and promised limit that the API gives the
 * ticket; answers a consultation at once (即办); sees a missing field's Chinese message beside the
 * field; makes one ticket of a double Ctrl+Enter; and sees the open incident a call may belong to.
 * Screenshots go to {@code target/screenshots/} ({@code console-incident.png} is the one in docs/).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends BrowserTest {

    private static final long PAGE_WAIT = 20;

    @TestHTTPResource("/")
    URL service;

    @Inject
    TestStack stack;


    @Test
    @Order(1)
    void anOperatorTakesACallWithTheKeyboardAloneAndReadsBackItsNumberAndPromisedLimit() {
        browser.get(service + "console/");
        waitUpTo(PAGE_WAIT).until(ExpectedConditions.urlContains("/login/"));
        browser.findElement(By.id("username")).sendKeys("operator");
        browser.findElement(By.id("password")).sendKeys(DemoLogins.PASSWORD, Keys.ENTER);
        waitUpTo(PAGE_WAIT).until(ExpectedConditions.urlContains("/console/"));
        // The words come first: the page puts the cursor there.
        waitUpTo(PAGE_WAIT).until(d -> "text".equals(focused().getAttribute("id")));

        String marker = UUID.randomUUID().toString().substring(0, 8);
        String words = "修山镇花桥港村村口路灯不亮，晚上走路看不见 " + marker;
        keys(words);
        // While typing: the likely matter, with its documents and its limit.
        waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#preview .matter-card[data-matter='CS-0105'] [data-limit]")));
        keys(Keys.chord(Keys.ALT, "l"));
        assertEquals("kind", focused().getAttribute("id"), "Alt+L goes to the kind");
        keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN); // —, 咨询, 求助, 投诉
        assertEquals("投诉", browser.findElement(By.id("kind")).getAttribute("value"));
        keys(Keys.TAB, Keys.TAB); // the urgency stays 一般
        assertEquals("address", focused().getAttribute("id"), "the tab order follows the form");
        keys("桃江县修山镇花桥港村", Keys.TAB, "张先生", Keys.TAB, "139 0737 5678");
        HeadlessChromium.screenshot(browser, "console-typed");
        keys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        WebElement number = waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("result-number")));
        WebElement due = waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result .due")));
        String ticketNumber = number.getText();
        JsonPath ticket = as("operator").when().get("/api/v1/tickets/" + ticketNumber).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(words, ticket.getString("text"), "the number on the page is the ticket of this call");
        assertEquals("13907375678", ticket.getString("contact.phone"));
        String matter = ticket.getString("catalogItem.code");
        assertEquals("CS-0105", matter);
        assertEquals(matter, browser.findElement(By.id("result-matter")).getAttribute("data-matter"));

        // The promised limit the catalog gives this ticket's completion, as the page shows it.
        List<Map<String, Object>> completion = as("operator").when().get("/api/v1/catalog/" + matter).then().statusCode(200)
                .extract().jsonPath().getList("stages.findAll { it.stage == 'completion' && it.source != 'channel' }");
        Map<String, Object> promised = completion.get(0);
        assertEquals("promised", promised.get("source"));
        WebElement limit = browser.findElement(By.cssSelector("#result [data-limit]"));
        assertEquals(promised.get("limit") + " " + promised.get("counting"), limit.getAttribute("data-limit"));
        assertEquals("3个工作日", limit.getText());

        // The date it would fall on from now: what the working calendar answers for the page's own start.
        String deadline = as("operator").queryParam("from", due.getAttribute("data-from"))
                .queryParam("amount", promised.get("limit")).queryParam("unit", "working-days")
                .when().get("/api/v1/calendar/deadline").then().statusCode(200).extract().path("deadline");
        assertEquals(OffsetDateTime.parse(deadline).toInstant(), OffsetDateTime.parse(due.getAttribute("data-deadline")).toInstant());
        // Ready for the next call: the form is empty and the cursor is back in the words.
        assertEquals("text", focused().getAttribute("id"));
        assertEquals("", browser.findElement(By.id("text")).getAttribute("value"));
        HeadlessChromium.screenshot(browser, "console-read-back");
    }

    @Test
    @Order(2)
    void aConsultationAnsweredOnThePhoneIsClosedAtOnce() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String answerWords = "每年9月至12月到村便民服务站或用手机缴纳 " + marker;
        keys(Keys.ESCAPE, "咨询城乡居民医保今年什么时候缴费 " + marker);
        keys(Keys.chord(Keys.ALT, "l"), Keys.ARROW_DOWN);
        assertEquals("咨询", browser.findElement(By.id("kind")).getAttribute("value"));
        keys(Keys.chord(Keys.ALT, "j"), answerWords);
        assertEquals("即办并结案", browser.findElement(By.id("submit-label")).getText(), "the button says what will happen");
        keys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        WebElement answered = waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("result-answered")));
        assertTrue(answered.getText().contains(answerWords), answered.getText());
        String ticketNumber = browser.findElement(By.id("result-number")).getText();
        as("operator").when().get("/api/v1/tickets/" + ticketNumber).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CLOSED"))
                .body("immediate", org.hamcrest.Matchers.equalTo(true))
                .body("result", org.hamcrest.Matchers.equalTo(answerWords));
        assertEquals("CLOSED", browser.findElement(By.id("result-status")).getAttribute("data-status"));
    }

    @Test
    @Order(3)
    void aConsultationTakenFirstIsAnsweredAfterwardsFromTheReadBack() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        keys(Keys.ESCAPE, "咨询低保申请需要带什么材料 " + marker);
        keys(Keys.chord(Keys.ALT, "l"), Keys.ARROW_DOWN, Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement answerBox = waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("answer-now")));
        String ticketNumber = browser.findElement(By.id("result-number")).getText();
        answerBox.sendKeys("带户口簿、身份证和收入证明到乡镇便民服务中心 " + marker);
        browser.findElement(By.id("answer-now-submit")).sendKeys(Keys.ENTER);
        waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("result-answered")));
        as("operator").when().get("/api/v1/tickets/" + ticketNumber).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CLOSED"))
                .body("result", org.hamcrest.Matchers.startsWith("带户口簿"));
    }

    @Test
    @Order(4)
    void aCallWithoutItsKindShowsTheChineseMessageBesideTheKind() {
        String shownBefore = browser.findElement(By.id("result-number")).getText();
        keys(Keys.ESCAPE, "桃花江镇有人反映情况 " + UUID.randomUUID());
        keys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement error = waitUpTo(PAGE_WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("kind-error")));
        assertEquals("请选择诉求类型", error.getText());
        assertEquals("true", browser.findElement(By.id("kind")).getAttribute("aria-invalid"));
        assertEquals("kind", focused().getAttribute("id"), "the cursor goes to the field to correct");
        assertEquals(shownBefore, browser.findElement(By.id("result-number")).getText(), "no new ticket");
        // Choosing the kind takes the message away.
        keys(Keys.ARROW_DOWN);
        waitUpTo(5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("kind-error")));
    }

    @Test
    @Order(5)
    void theCatalogLookupShowsTheMattersDocumentsAndLimitByKeyboard() {
        keys(Keys.ESCAPE, "花桥港村张大爷问低保怎么申请");
        keys(Keys.chord(Keys.ALT, "s"), "低保");
        waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#matches li[data-code='MZ-001']")));
        keys(Keys.ENTER);
        WebElement card = waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#matter .matter-card[data-matter='MZ-001']")));
        List<String> documents = as("operator").when().get("/api/v1/catalog/MZ-001").then().statusCode(200)
                .extract().jsonPath().getList("documents");
        assertEquals(documents, card.findElements(By.cssSelector("ol li")).stream().map(WebElement::getText).toList(),
                "the one-time list, in the catalog's order");
        waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#matter .due")));
        waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#preview .matter-card[data-matter='MZ-001']")));
        HeadlessChromium.screenshot(browser, "console-call");
    }

    @Test
    @Order(6)
    void aDoubleCtrlEnterMakesOneTicket() throws Exception {
        String marker = UUID.randomUUID().toString();
        // From the lookup, where Esc empties only the lookup: Alt+N back to the call, Esc for a new one.
        keys(Keys.chord(Keys.ALT, "n"), Keys.ESCAPE, "武潭镇集镇垃圾三天没人清运 " + marker);
        keys(Keys.chord(Keys.ALT, "l"), Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        keys(Keys.chord(Keys.CONTROL, Keys.ENTER) + Keys.chord(Keys.CONTROL, Keys.ENTER));
        // The form is emptied once the ticket is back; nothing of this call is then still on its way.
        waitUpTo(PAGE_WAIT).until(d -> "".equals(d.findElement(By.id("text")).getAttribute("value")));
        String ticketNumber = browser.findElement(By.id("result-number")).getText();
        try (Connection db = stack.database();
             PreparedStatement tickets = db.prepareStatement("SELECT ticket_number FROM ticket WHERE text LIKE ?")) {
            tickets.setString(1, "%" + marker + "%");
            ResultSet rows = tickets.executeQuery();
            List<String> numbers = new java.util.ArrayList<>();
            while (rows.next()) {
                numbers.add(rows.getString(1));
            }
            assertEquals(List.of(ticketNumber), numbers, "one call, one ticket");
        }
    }

    @Test
    @Order(7)
    void aCallAboutAnOpenIncidentShowsThatIncidentWhileItIsTyped() {
        String address = "桃江县灰山港镇金家坪村";
        String first = as("operator").contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("text", "金家坪村组道上一棵大树被风吹倒了，拦住了路，车子过不去", "kind", "求助", "address", address))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        String second = "金家坪村路上倒了棵大树，把路全部挡住了，麻烦派人来锯掉";
        // The matcher reads the first ticket once it is stored: wait until the API's preview finds it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("operator").contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("text", second, "address", address)).when().post("/api/v1/tickets/preview")
                .then().statusCode(200).body("incidents.ticketNumber", org.hamcrest.Matchers.hasItem(first)));

        keys(Keys.chord(Keys.ALT, "n"), Keys.ESCAPE, second);
        keys(Keys.chord(Keys.ALT, "w"), address);
        WebElement incident = waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#preview .incident[data-incident='" + first + "']")));
        assertTrue(incident.getText().contains("1 人反映"), incident.getText());
        assertTrue(incident.getText().contains("金家坪村组道上一棵大树"), "the incident's own words: " + incident.getText());
        waitUpTo(PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#preview .matter-card[data-matter='CS-0401']")));
        HeadlessChromium.screenshot(browser, "console-incident");
    }

    private WebElement focused() {
        return browser.switchTo().activeElement();
    }

    /** Keys typed into whatever has the focus at each one, as an operator on a headset would. */
    private void keys(CharSequence... keys) {
        for (CharSequence key : keys) {
            focused().sendKeys(key);
        }
    }

    private WebDriverWait waitUpTo(long seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }
}
