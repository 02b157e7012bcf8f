package io.lastmile.live;

import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The township official's inbox in a real browser as wide as a phone (360 px): official-xiushan signs
 * in at {@code /login/}, a ticket a dispatcher sends to 修山镇 arrives live, and the official signs for
 * it, starts and resolves it with a result; only the steps the API allows are offered at each stage,
 * and the command-center screen (a second browser, a dispatcher's) shows every change. Screenshots go
 * to {@code target/screenshots/}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxBrowserTest {

    private static final String XIUSHAN_CENTER = "430922104-BMFW";
    /** 修山村便民服务站, a village station below the township's center. */
    private static final String XIUSHAN_VILLAGE_STATION = "430922104202-BMFWZ";
    private static final int PHONE_WIDTH = 360;
    private static final DateTimeFormatter SOURCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @TestHTTPResource("/")
    URL service;

    private ChromeDriver phone;
    private ChromeDriver wall;

    @BeforeAll
    void openBrowsers() {
        phone = HeadlessChromium.start(PHONE_WIDTH, 780);
        wall = HeadlessChromium.start();
    }

    @AfterEach
    void showTheConsoles() {
        for (ChromeDriver browser : new ChromeDriver[] {phone, wall}) {
            String console = HeadlessChromium.console(browser);
            if (!console.isBlank()) {
                System.out.println("[browser console]\n" + console);
            }
        }
    }

    @AfterAll
    void closeBrowsers() {
        for (ChromeDriver browser : new ChromeDriver[] {phone, wall}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void officialSignsForStartsAndResolvesADispatchedTicketOnAPhoneAndTheScreenShowsEachChange() {
        signIn(wall, "screen/", "dispatcher");
        signIn(phone, "inbox/", "official-xiushan");
        assertEquals(PHONE_WIDTH, ((Number) phone.executeScript("return window.innerWidth")).intValue(), "a phone's width");
        waitUpTo(phone, 30).until(d -> ((Number) phone.executeScript("return lastmileInbox.loads()")).intValue() >= 1);

        // A call a dispatcher sends to the township's convenience service center.
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String number = hotlineCall("修山镇修山村卫生室门前排水沟堵塞，雨后积水漫到门口，老人就诊不便 " + marker, "桃江县修山镇修山村卫生室");
        as("dispatcher").contentType(ContentType.JSON).body("{\"unitCode\": \"" + XIUSHAN_CENTER + "\"}")
                .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200)
                .body("status", equalTo("DISPATCHED"));

        // It arrives in the inbox without a reload, marked new, its sign-for limit counting down.
        WebElement row = waitUpTo(phone, 30).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#tickets li[data-ticket='" + number + "']")));
        assertTrue(row.getAttribute("class").contains("fresh"), row.getAttribute("class"));
        assertTrue(row.getText().contains(marker), row.getText());
        String countdown = row.findElement(By.className("countdown")).getText();
        assertTrue(countdown.startsWith("签收期限"), countdown);
        assertCountsDownTo(countdown, as("official-xiushan").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .extract().path("deadline"));
        waitUpTo(wall, 30).until(ExpectedConditions.textToBePresentInElementLocated(statusOnTheScreen(number), "派遣"));
        HeadlessChromium.screenshot(phone, "inbox-list");

        row.click();
        waitUpTo(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#steps button[data-step='SIGN_FOR']")));
        assertOffersExactlyTheAllowedSteps(number);
        assertFalse(offered().contains("RESOLVE"), "办结 is not possible before 签收: not offered");
        assertFalse(offered().contains("START"), "处置 is not possible before 签收: not offered");
        // The owning unit calls the citizen back: the contact in full, as a phone link.
        assertEquals("13907371234", phone.findElement(By.cssSelector("#contact a.phone")).getText());

        takeStep("SIGN_FOR", "SIGNED_FOR");
        waitUpTo(wall, 30).until(ExpectedConditions.textToBePresentInElementLocated(statusOnTheScreen(number), "签收"));
        assertOffersExactlyTheAllowedSteps(number);

        takeStep("START", "IN_PROGRESS");
        waitUpTo(wall, 30).until(ExpectedConditions.textToBePresentInElementLocated(statusOnTheScreen(number), "处置"));
        assertOffersExactlyTheAllowedSteps(number);
        assertFalse(offered().contains("SIGN_FOR"), "signed for already: not offered again");
        HeadlessChromium.screenshot(phone, "inbox-in-progress");

        // 办结 asks for the result; without one the API's refusal is shown in words.
        phone.findElement(By.cssSelector("#steps button[data-step='RESOLVE']")).click();
        WebElement submit = waitUpTo(phone, 10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#step-form button[data-submit='RESOLVE']")));
        HeadlessChromium.screenshot(phone, "inbox-resolve-form");
        submit.click();
        waitUpTo(phone, 20).until(d -> d.findElement(By.id("problem")).getText().startsWith("请检查"));
        phone.findElement(By.cssSelector("#step-form textarea[name='result']")).sendKeys("已组织疏通排水沟并清理淤泥，积水已排净");
        phone.findElement(By.cssSelector("#step-form button[data-submit='RESOLVE']")).click();
        waitUpTo(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#detail-head [data-status='RESOLVED']")));
        assertEquals("", phone.findElement(By.id("problem")).getText());
        waitUpTo(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li[data-type='TicketResolved']")));
        assertEquals(Set.of(), offered(), "nothing left for the unit once resolved: verifying is the county's");
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("result", equalTo("已组织疏通排水沟并清理淤泥，积水已排净"));
        List<String> steps = as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("actor");
        assertEquals(List.of("12345-platform", "dispatcher", "official-xiushan", "official-xiushan", "official-xiushan"), steps);

        // Resolved, it leaves the screen's queue of open tickets and the unit's inbox.
        waitUpTo(wall, 30).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#queue li[data-ticket='" + number + "']"), 0));
        HeadlessChromium.screenshot(phone, "inbox-resolved");
        phone.findElement(By.id("back")).click();
        waitUpTo(phone, 20).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tickets li[data-ticket='" + number + "']"), 0));
    }

    @Test
    void theTownshipReadsAVillageStationsTicketWithoutItsStepsAndRevealsTheContactWithAReason() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String number = hotlineCall("修山村三组自来水管破裂，村道上一直冒水 " + marker, "桃江县修山镇修山村三组");
        as("dispatcher").contentType(ContentType.JSON).body("{\"unitCode\": \"" + XIUSHAN_VILLAGE_STATION + "\"}")
                .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200);

        // The same page for the village station's inbox, read by the township's official above it.
        signIn(phone, "inbox/?unit=" + XIUSHAN_VILLAGE_STATION, "official-xiushan");
        waitUpTo(phone, 30).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#tickets li[data-ticket='" + number + "']"))).click();
        waitUpTo(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#steps .none")));
        assertEquals(Set.of(), offered(), "the village station's steps are its own");
        as("official-xiushan").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("allowedSteps.size()", equalTo(0));
        // Not the owning unit: the contact masked, no number to call, and a reveal that asks why.
        String masked = phone.findElement(By.cssSelector("#contact .masked")).getText();
        assertTrue(masked.contains("139****1234") && masked.contains("张**"), masked);
        assertTrue(phone.findElements(By.cssSelector("#contact a.phone")).isEmpty());
        phone.findElement(By.id("reveal")).click();
        phone.findElement(By.id("reveal-reason")).sendKeys("村站代办员不在岗，镇里回电核实漏水位置");
        phone.findElement(By.cssSelector("#contact form button[type='submit']")).click();
        WebElement revealed = waitUpTo(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#contact a.phone")));
        assertEquals("13907371234", revealed.getText());
        HeadlessChromium.screenshot(phone, "inbox-revealed");
        as("admin").when().get("/api/v1/admin/audit?ticket=" + number).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].actor", equalTo("official-xiushan"))
                .body("[0].action", equalTo("REVEAL_CONTACT"))
                .body("[0].reason", equalTo("村站代办员不在岗，镇里回电核实漏水位置"));
    }

    @Test
    void aStepTheBPostTookWhileThePhoneWasOfflineIsRefusedInWordsThatNameWhatIsPossibleNow() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String number = hotlineCall("修山镇修山村村部门口台阶破损，轮椅无法通行 " + marker, "桃江县修山镇修山村村部");
        as("dispatcher").contentType(ContentType.JSON).body("{\"unitCode\": \"" + XIUSHAN_CENTER + "\"}")
                .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200);
        signIn(phone, "inbox/", "official-xiushan");
        waitUpTo(phone, 30).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#tickets li[data-ticket='" + number + "']"))).click();
        waitUpTo(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#steps button[data-step='SIGN_FOR']")));
        long resumes = ((Number) phone.executeScript("return lastmileInbox.resumes()")).longValue();

        // The phone loses its network; meanwhile the B post (AB岗) signs for the ticket.
        phone.executeScript("lastmileInbox.cut(arguments[0])", 15_000);
        waitUpTo(phone, 10).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "reconnecting"));
        as("official-xiushan-b").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + number + "/sign-for").then().statusCode(200);
        phone.findElement(By.cssSelector("#steps button[data-step='SIGN_FOR']")).click();
        String refusal = waitUpTo(phone, 20).until(d -> {
            String text = d.findElement(By.id("problem")).getText();
            return text.isEmpty() ? null : text;
        });
        assertTrue(refusal.startsWith("工单当前状态为「签收」，不能执行此操作。现在可以：") && refusal.contains("开始处置"), refusal);
        // The buttons are what is possible now, and the feed comes back from its cursor.
        waitUpTo(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#detail-head [data-status='SIGNED_FOR']")));
        assertOffersExactlyTheAllowedSteps(number);
        HeadlessChromium.screenshot(phone, "inbox-refused");
        waitUpTo(phone, 40).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
        assertEquals(resumes + 1, ((Number) phone.executeScript("return lastmileInbox.resumes()")).longValue(), "resumed once");
    }

    private static final Pattern SPAN = Pattern.compile("(剩余|已超时) (?:(\\d+)天(\\d+)小时|(\\d+)小时(\\d+)分|(\\d+)分(\\d+)秒)");

    /** The countdown's words say the time left until the API's deadline, to the unit they show (a day's hours, an hour's minutes, seconds). */
    private static void assertCountsDownTo(String shown, String deadline) {
        Matcher words = SPAN.matcher(shown);
        assertTrue(words.find(), shown);
        long seconds;
        long unit;
        if (words.group(2) != null) {
            seconds = Long.parseLong(words.group(2)) * 86_400 + Long.parseLong(words.group(3)) * 3600;
            unit = 3600;
        } else if (words.group(4) != null) {
            seconds = Long.parseLong(words.group(4)) * 3600 + Long.parseLong(words.group(5)) * 60;
            unit = 60;
        } else {
            seconds = Long.parseLong(words.group(6)) * 60 + Long.parseLong(words.group(7));
            unit = 1;
        }
        long left = Duration.between(Instant.now(), java.time.OffsetDateTime.parse(deadline).toInstant()).toSeconds();
        long expected = words.group(1).equals("剩余") ? left : -left;
        // Painted a moment before the deadline was read, and cut to its unit: within that unit and a few seconds of the time left.
        assertTrue(seconds <= expected + 10 && seconds >= expected - unit - 10, shown + " for " + deadline);
    }

    /** The buttons are the API's allowedSteps for this official, no more and no fewer (all of theirs are inbox steps). */
    private void assertOffersExactlyTheAllowedSteps(String number) {
        List<String> allowed = as("official-xiushan").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .extract().jsonPath().getList("allowedSteps");
        waitUpTo(phone, 10).until(d -> offered().equals(Set.copyOf(allowed)));
    }

    private Set<String> offered() {
        return phone.findElements(By.cssSelector("#steps button[data-step]")).stream()
                .map(button -> button.getAttribute("data-step")).collect(Collectors.toSet());
    }

    private void takeStep(String step, String status) {
        phone.findElement(By.cssSelector("#steps button[data-step='" + step + "']")).click();
        waitUpTo(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#detail-head [data-status='" + status + "']")));
        assertEquals("", phone.findElement(By.id("problem")).getText());
    }

    private static By statusOnTheScreen(String number) {
        return By.cssSelector("#queue li[data-ticket='" + number + "'] .status");
    }

    /** Opens the page, signing in first when it sends the browser to {@code /login/}; waits for its feed. */
    private void signIn(ChromeDriver browser, String page, String username) {
        browser.get(service + page);
        waitUpTo(browser, 20).until(d -> d.getCurrentUrl().contains("/login/")
                || !d.findElements(By.cssSelector("#connection")).isEmpty());
        if (browser.getCurrentUrl().contains("/login/")) {
            browser.findElement(By.id("username")).sendKeys(username);
            browser.findElement(By.id("password")).sendKeys(DemoLogins.PASSWORD);
            browser.findElement(By.id("submit")).click();
            waitUpTo(browser, 20).until(ExpectedConditions.urlContains("/" + page.replaceFirst("\\?.*", "")));
        }
        waitUpTo(browser, 30).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
    }

    /** A 12345 call as the hotline system sends it, new (its own id) and recent. */
    private static String hotlineCall(String text, String address) {
        String id = "TJ12345-INBOX-" + UUID.randomUUID().toString().substring(0, 8);
        String record = """
                {"gdbh": "%s", "ldsj": "%s", "ldhm": "13907371234", "lxr": "张先生", "sqlx": "求助",
                 "sqnr": "%s", "fsdz": "%s", "jjcd": "一般", "zxbh": "0812", "sfnm": false}"""
                .formatted(id, SOURCE_TIME.format(Instant.now().minusSeconds(60)), text, address);
        return asSource().contentType(ContentType.JSON).body(record).when().post("/api/v1/intake/12345")
                .then().statusCode(201).extract().path("ticketNumber");
    }

    private static WebDriverWait waitUpTo(ChromeDriver browser, long seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }
}
