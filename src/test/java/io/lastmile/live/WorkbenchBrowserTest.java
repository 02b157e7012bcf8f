package io.lastmile.live;

import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher's workbench in a real browser: {@code dispatcher} signs in at {@code /login/},
 * accepts a return that official-xiushan made and re-routes the ticket to the county's urban
 * management bureau, sees a stale step refused in words that name what is possible now, and finds
 * the tickets about 路灯 in 修山镇 by search: free text, then the township's facet, the hits in the
 * list and on the map, and a hit's timeline one click away; a dead letter is read masked,
 * revealed for a reason and replayed; a new ticket is registered to a matter, dispatched and
 * supervised (督办) through the steps' forms; and suggested duplicates are accepted (合并) or dismissed. The tickets are set up through the API;
 * each carries a marker of this run, so that the hits are exactly the tickets made here.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchBrowserTest extends BrowserTest {

    private static final String XIUSHAN_CENTER = "430922104-BMFW";
    private static final String URBAN_MANAGEMENT = "430922-CGJ";
    private static final DateTimeFormatter SOURCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @TestHTTPResource("/")
    URL service;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** One token of letters and digits, found as a word by the search: this run's tickets only. */
    private final String marker = "WB" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    private String returned;
    private String refused;

    @Test
    @Order(1)
    void dispatcherAcceptsAReturnAndReroutesItToAnotherUnit() {
        returned = hotlineTicket("修山镇修山村村部门前路灯灯杆倾斜，存在安全隐患 " + marker, "桃江县修山镇修山村");
        step(returned, "dispatch", "dispatcher", "{\"unitCode\": \"" + XIUSHAN_CENTER + "\"}");
        step(returned, "return", "official-xiushan", "{\"reason\": \"该路灯归县城管局维护，非本镇职责\"}");

        browser.get(service + "workbench/");
        waitUpTo(20).until(ExpectedConditions.urlContains("/login/"));
        browser.findElement(By.id("username")).sendKeys("dispatcher");
        browser.findElement(By.id("password")).sendKeys(DemoLogins.PASSWORD);
        browser.findElement(By.id("submit")).click();
        waitUpTo(20).until(ExpectedConditions.urlContains("/workbench/"));
        waitUpTo(30).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));

        By row = By.cssSelector("#queue li[data-ticket='" + returned + "']");
        openFromQueue(returned);
        assertEquals("RETURNED", browser.findElement(row).getAttribute("data-status"));
        waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#detail[data-ticket='" + returned + "'][data-status='RETURNED'] button[data-step='ACCEPT_RETURN']")));
        assertTrue(browser.findElement(By.id("detail")).getText().contains("该路灯归县城管局维护"), "the return's reason is shown");

        // Only the steps the API allows this dispatcher now are offered.
        List<String> allowed = as("dispatcher").when().get("/api/v1/tickets/" + returned).then().statusCode(200)
                .extract().jsonPath().getList("allowedSteps");
        Set<String> offered = browser.findElements(By.cssSelector("#detail .steps button")).stream()
                .map(b -> b.getAttribute("data-step")).collect(Collectors.toSet());
        assertTrue(allowed.containsAll(offered), "offered " + offered + ", allowed " + allowed);
        assertTrue(offered.containsAll(Set.of("ACCEPT_RETURN", "REJECT_RETURN")), offered.toString());
        assertFalse(offered.contains("SIGN_FOR"), offered.toString());

        browser.findElement(By.cssSelector("#detail button[data-step='ACCEPT_RETURN']")).click();
        Select unit = new Select(browser.findElement(By.cssSelector("#detail form.step-form select[name='unitCode']")));
        // The unit that returned it is not offered again.
        assertTrue(unit.getOptions().stream().noneMatch(o -> XIUSHAN_CENTER.equals(o.getAttribute("value"))));
        unit.selectByValue(URBAN_MANAGEMENT);
        browser.findElement(By.cssSelector("#detail form.step-form button[type='submit']")).click();

        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail .message.done"), "派遣"));
        as("dispatcher").when().get("/api/v1/tickets/" + returned).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("DISPATCHED"))
                .body("unit.code", org.hamcrest.Matchers.equalTo(URBAN_MANAGEMENT));
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail"), "桃江县城市管理和综合执法局"));
        // Dispatched again, it has left the dispatcher's queue.
        waitUpTo(20).until(ExpectedConditions.invisibilityOfElementLocated(row));
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#detail .timeline li[data-type='TicketReturnAccepted']")));
        HeadlessChromium.screenshot(browser, "workbench-rerouted");
    }

    @Test
    @Order(2)
    void aStepRefusedBecauseTheTicketMovedOnNamesWhatIsPossibleNow() {
        String number = hotlineTicket("修山镇花桥港村桥头路灯线路裸露 " + marker, "桃江县修山镇花桥港村");
        refused = number;
        step(number, "dispatch", "dispatcher", "{\"unitCode\": \"" + XIUSHAN_CENTER + "\"}");
        step(number, "return", "official-xiushan", "{\"reason\": \"不属于本镇\"}");
        clickAfresh(By.cssSelector("#tabs [data-tab='queue']"));
        openFromQueue(number);
        clickAfresh(By.cssSelector("#detail[data-ticket='" + number + "'] button[data-step='ACCEPT_RETURN']"));
        new Select(browser.findElement(By.cssSelector("#detail form.step-form select[name='unitCode']"))).selectByValue(URBAN_MANAGEMENT);

        // Meanwhile another dispatcher rejects the return: the form on this page is now stale.
        step(number, "return/reject", "dispatcher", "{\"reason\": \"花桥港村属修山镇，请办理\"}");
        browser.findElement(By.cssSelector("#detail form.step-form button[type='submit']")).click();
        WebElement problem = waitUpTo(20).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#detail .message.problem")));
        String words = problem.getText();
        assertTrue(words.contains("「派遣」") && words.contains("现在可以"), words);
        assertFalse(words.contains("DISPATCHED") || words.contains("409"), "words a person reads: " + words);
    }

    @Test
    @Order(3)
    void dispatcherFindsTheTicketsAboutStreetLightsInXiushanBySearch() {
        String first = hotlineTicket("修山镇花桥港村村口路灯连续三晚不亮 " + marker, "桃江县修山镇花桥港村");
        String second = hotlineTicket("修山镇修山村组道路灯损坏，夜间漆黑 " + marker, "桃江县修山镇修山村");
        String elsewhere = hotlineTicket("武潭镇罗家坪村路灯不亮 " + marker, "桃江县武潭镇罗家坪村");
        String otherMatter = hotlineTicket("修山镇修山村垃圾无人清运 " + marker, "桃江县修山镇修山村");
        // This run's 路灯 tickets in 修山镇: the two above and the two of the steps before.
        Set<String> expected = Set.of(first, second, returned, refused);
        // The index follows the events: wait until it holds all of them before asking in the page.
        await().atMost(Duration.ofSeconds(60)).until(() -> searchTotal("路灯 " + marker, null) == expected.size() + 1
                && searchTotal(marker, null) == expected.size() + 2);

        clickAfresh(By.cssSelector("#tabs [data-tab='search']"));
        WebElement q = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tab-search input[name='q']")));
        q.clear();
        q.sendKeys("路灯 " + marker);
        browser.findElement(By.cssSelector("#tab-search form button[type='submit']")).click();
        waitUpTo(20).until(ExpectedConditions.attributeToBe(By.id("tab-search"), "data-total", String.valueOf(expected.size() + 1)));
        assertEquals(union(expected, elsewhere), shownHits(), "路灯 everywhere: 修山镇's and 武潭镇's, not the rubbish");

        clickAfresh(By.cssSelector("#tab-search .facet button[data-facet='township'][data-key='修山镇']"));
        waitUpTo(20).until(ExpectedConditions.attributeToBe(By.id("tab-search"), "data-total", String.valueOf(expected.size())));
        assertEquals(expected, shownHits(), "the hits shown are the 路灯 tickets made in 修山镇");
        assertEquals("修山镇", new Select(browser.findElement(By.cssSelector("#tab-search select[name='township']")))
                .getFirstSelectedOption().getAttribute("value"), "the facet became the township filter");
        assertEquals("true", browser.findElement(By.cssSelector(".facet button[data-facet='township'][data-key='修山镇']"))
                .getAttribute("aria-pressed"));
        for (String number : expected) {
            assertFalse(browser.findElements(By.cssSelector("#tab-search path.hit-" + number)).isEmpty(), number + " on the map");
        }
        long histogram = browser.findElements(By.cssSelector("#tab-search .bars span")).stream()
                .mapToLong(bar -> Long.parseLong(bar.getAttribute("data-count"))).sum();
        assertEquals(expected.size(), histogram, "the histogram counts the hits");
        List<String> townships = browser.findElements(By.cssSelector(".facet button[data-facet='township']")).stream()
                .map(b -> b.getAttribute("data-key")).toList();
        assertEquals(List.of("修山镇"), townships);

        // One click on a hit: the ticket and its timeline.
        clickAfresh(By.cssSelector("#tab-search li[data-ticket='" + first + "']"));
        waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#detail[data-ticket='" + first + "'] .timeline li[data-type='TicketReceived']")));
        HeadlessChromium.screenshot(browser, "workbench");
    }

    @Test
    @Order(4)
    void aDeadLetterIsInspectedMaskedRevealedForAReasonAndReplayed() throws Exception {
        // A hotline record cut off in the middle: the adapter cannot read it, so it becomes a dead letter.
        String key = "TJ12345-WB-" + marker;
        String cut = "{\"gdbh\": \"" + key + "\", \"ldhm\": \"13907371234\", \"sqnr\": \"修山镇路灯";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("intake.12345", key, cut.getBytes(StandardCharsets.UTF_8))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> as("dispatcher").when().get("/api/v1/intake/dead-letters?channel=12345")
                .then().statusCode(200).extract().jsonPath().getList("sourceKey").contains(key));

        clickAfresh(By.cssSelector("#tabs [data-tab='dead-letters']"));
        By row = By.xpath("//ol[@id='dead-letters']/li[contains(., '" + key + "')]");
        clickAfresh(row);
        WebElement payload = waitUpTo(20).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#detail pre.payload")));
        assertTrue(payload.getText().contains("139****1234") && !payload.getText().contains("13907371234"),
                "masked until revealed: " + payload.getText());

        // Revealing needs a reason: without one the API's words say so, with one the bytes are shown in full.
        browser.findElement(By.cssSelector("#detail form.reveal button[type='submit']")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail .message.problem"), "请说明查看原因"));
        browser.findElement(By.cssSelector("#detail form.reveal input[name='reason']")).sendKeys("核对来电号码");
        browser.findElement(By.cssSelector("#detail form.reveal button[type='submit']")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail pre.payload"), "13907371234"));

        // Replayed unchanged, it still fails, and the page says why.
        clickAfresh(By.cssSelector("#detail button[data-action='replay']"));
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail .message.problem"), "仍无法处理"));
    }

    @Test
    @Order(5)
    void anUnclassifiedTicketIsRegisteredToAMatterDispatchedAndSupervisedInThePage() {
        String number = hotlineTicket("修山镇修山村两户村民因宅前排水沟堵塞发生争执 " + marker, "桃江县修山镇修山村");
        clickAfresh(By.cssSelector("#tabs [data-tab='queue']"));
        openFromQueue(number);

        takeStep(number, "REGISTER", "catalogCode", "SF-001", null);
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail .message.done"), "立案"));
        takeStep(number, "DISPATCH", "unitCode", XIUSHAN_CENTER, null);
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail .message.done"), "派遣"));
        takeStep(number, "SUPERVISE", null, null, "群众多次来电，请加快调解");
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail .message.done"), "督办"));

        as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("catalogItem.code", org.hamcrest.Matchers.equalTo("SF-001"))
                .body("status", org.hamcrest.Matchers.equalTo("DISPATCHED"))
                .body("unit.code", org.hamcrest.Matchers.equalTo(XIUSHAN_CENTER))
                .body("supervised", org.hamcrest.Matchers.equalTo(true));
        as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then().statusCode(200)
                .body("type", org.hamcrest.Matchers.contains("TicketReceived", "TicketRegistered", "TicketDispatched",
                        "TicketSupervised"))
                .body("[3].reason", org.hamcrest.Matchers.equalTo("群众多次来电，请加快调解"));
        // Supervised, it is on the 督办 list.
        clickAfresh(By.cssSelector("#tabs [data-tab='supervised']"));
        waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#supervised li[data-ticket='" + number + "']")));
    }

    @Test
    @Order(6)
    void aSuggestedDuplicateIsAcceptedAndAnotherDismissedInThePage() {
        // Operators' tickets carry the village centre, not the caller's position: detection only suggests.
        String earlier = operatorTicket("浮邱山村小学门口井盖不见了，很危险 " + marker, "桃江县浮邱山乡浮邱山村");
        String later = operatorTicket("浮邱山村小学门口的井盖不见了 " + marker, "桃江县浮邱山乡浮邱山村");
        String first = operatorTicket("金家坪村水塘边护栏断了，小孩容易掉下去 " + marker, "桃江县灰山港镇金家坪村");
        String second = operatorTicket("金家坪村水塘边的护栏断了 " + marker, "桃江县灰山港镇金家坪村");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> suggested(later).contains(earlier) && suggested(second).contains(first));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("suggestions: " + later + " → " + similar(later) + "; " + second + " → " + similar(second), e);
        }

        browser.get(service + "workbench/");
        openFromQueue(later);
        clickAfresh(By.cssSelector("#detail[data-ticket='" + later + "'] .similar li[data-other='" + earlier + "'] button[data-action='accept']"));
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail .message.done"), "合并"));
        as("dispatcher").when().get("/api/v1/tickets/" + later).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("MERGED"))
                .body("mergedInto", org.hamcrest.Matchers.equalTo(earlier));

        openFromQueue(second);
        clickAfresh(By.cssSelector("#detail[data-ticket='" + second + "'] .similar li[data-other='" + first + "'] button[data-action='dismiss']"));
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail .message.done"), "不是同一问题"));
        as("dispatcher").when().get("/api/v1/tickets/" + second + "/similar").then().statusCode(200)
                .body("items.find { it.ticketNumber == '" + first + "' }.decision", org.hamcrest.Matchers.equalTo("DISMISSED"))
                .body("items.find { it.ticketNumber == '" + first + "' }.linked", org.hamcrest.Matchers.equalTo(false));
        // Dismissed, the suggestion offers no buttons any more.
        assertTrue(browser.findElements(By.cssSelector("#detail .similar li[data-other='" + first + "'] button")).isEmpty());
    }

    private static List<String> suggested(String number) {
        return as("dispatcher").when().get("/api/v1/tickets/" + number + "/similar").then().statusCode(200).extract()
                .jsonPath().getList("items.findAll { it.decision == 'SUGGESTED' }.ticketNumber", String.class);
    }

    private static String similar(String number) {
        return as("dispatcher").when().get("/api/v1/tickets/" + number + "/similar").then().extract().asString();
    }

    /** A ticket an operator creates while on the phone (the village's centre as its place). */
    private static String operatorTicket(String text, String address) {
        return as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"" + text + "\", \"address\": \"" + address + "\", \"kind\": \"投诉\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
    }

    /** Opens a step's form in the ticket panel, fills in one choice and the reason, and submits it. */
    private void takeStep(String number, String step, String select, String value, String reason) {
        clickAfresh(By.cssSelector("#detail[data-ticket='" + number + "'] .steps button[data-step='" + step + "']"));
        By form = By.cssSelector("#detail form.step-form[data-step='" + step + "']");
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(form));
        if (select != null) {
            new Select(browser.findElement(form).findElement(By.name(select))).selectByValue(value);
        }
        if (reason != null) {
            browser.findElement(form).findElement(By.name("reason")).sendKeys(reason);
        }
        browser.findElement(form).findElement(By.cssSelector("button[type='submit']")).click();
    }

    private Set<String> shownHits() {
        return browser.findElements(By.cssSelector("#tab-search ol.hits li[data-ticket]")).stream()
                .map(li -> li.getAttribute("data-ticket")).collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> some, String one) {
        Set<String> all = new java.util.HashSet<>(some);
        all.add(one);
        return all;
    }

    private static long searchTotal(String q, String township) {
        var request = as("dispatcher").queryParam("q", q);
        if (township != null) {
            request = request.queryParam("township", township);
        }
        return request.when().get("/api/v1/search").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    /** A 12345 record as the hotline system sends it, new and recent: answers its ticket number. */
    private static String hotlineTicket(String text, String address) {
        String record = """
                {"gdbh": "TJ12345-WB-%s", "ldsj": "%s", "ldhm": "13907371234", "lxr": "李女士", "sqlx": "投诉",
                 "sqnr": "%s", "fsdz": "%s", "jjcd": "一般", "zxbh": "0812", "sfnm": false}"""
                .formatted(UUID.randomUUID(), SOURCE_TIME.format(Instant.now().minusSeconds(60)), text, address);
        return asSource().contentType(ContentType.JSON).body(record)
                .when().post("/api/v1/intake/12345").then().statusCode(201).extract().path("ticketNumber");
    }

    private static void step(String number, String action, String actor, String body) {
        as(actor).contentType(ContentType.JSON).body(body).when().post("/api/v1/tickets/" + number + "/" + action)
                .then().statusCode(200);
    }

    /**
     * Clicks the ticket's row in the queue, asking for more pages until it is there: the queue comes
     * most urgent and nearest deadline first, and a whole test run leaves more than a page of it.
     */
    private void openFromQueue(String number) {
        By row = By.cssSelector("#queue li[data-ticket='" + number + "']");
        waitUpTo(30).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> found = d.findElements(row);
            if (!found.isEmpty()) {
                found.get(0).click();
                return true;
            }
            d.findElements(By.cssSelector("#queue button.more")).forEach(WebElement::click);
            return false;
        });
        waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#detail[data-ticket='" + number + "'] dl")));
    }

    /** Lists are redrawn when the feed reports a change: find the element afresh until the click lands. */
    private void clickAfresh(By locator) {
        waitUpTo(20).ignoring(StaleElementReferenceException.class)
                .until(d -> { d.findElement(locator).click(); return true; });
    }

    private WebDriverWait waitUpTo(long seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }
}
