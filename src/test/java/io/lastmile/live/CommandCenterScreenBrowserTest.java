package io.lastmile.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screen in a real browser: a dispatcher signs in at {@code /login/}, a record sent to a Kafka
 * intake topic appears in the queue and on the map, a click shows the ticket and its timeline, and
 * a screen whose socket is cut for ten seconds catches up through its cursor, without a fresh
 * snapshot, signing out ends the session, and a screen whose feed is refused says why in words. Screenshots go to {@code target/screenshots/}.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandCenterScreenBrowserTest extends BrowserTest {

    private static final Duration CUT = Duration.ofSeconds(Long.getLong("screens.gap-seconds", 10));
    /** How long a record on an intake topic may take to reach the screen, in seconds (usually one or two). */
    private static final long INTAKE_WAIT = 60;
    private static final DateTimeFormatter SOURCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @TestHTTPResource("/")
    URL service;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void openProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    @Order(1)
    void aRecordOnAnIntakeTopicAppearsInTheQueueAndOnTheMap() throws Exception {
        // Not signed in: the sign-in page, which comes back to the screen.
        HeadlessChromium.signInAt(browser, service + "screen/", "dispatcher");
        waitUpTo(30).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));

        String marker = UUID.randomUUID().toString();
        // A place and words no other test uses: a ticket like an earlier one nearby is merged into it (合并)
        // and leaves the queue as a caller of that incident.
        sendHotlineRecord("浮邱山乡枳木山村文化广场健身器材松动摇晃 " + marker, "桃江县浮邱山乡枳木山村");
        WebElement row = waitUpTo(INTAKE_WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='queue']/li[contains(., '" + marker + "')]")));
        String number = row.getAttribute("data-ticket");
        // On the map: the village-precision point drawn as an area around the village's centre.
        WebElement onMap = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("path.ticket-" + number)));
        assertTrue(onMap.getAttribute("class").contains("precision-"), onMap.getAttribute("class"));
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tiles [data-tile='open'] .value")));
        HeadlessChromium.screenshot(browser, "screen-live");

        // A click on the marker opens the ticket (the map redraws a marker when its ticket changes: find it afresh).
        waitUpTo(10).ignoring(StaleElementReferenceException.class)
                .until(d -> { d.findElement(By.cssSelector("path.ticket-" + number)).click(); return true; });
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-body"), number));
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#detail-body ol li")));
        HeadlessChromium.screenshot(browser, "screen-ticket-detail");
        browser.findElement(By.id("detail-close")).click();
    }

    @Test
    @Order(2)
    void aScreenWhoseSocketIsCutForTenSecondsCatchesUpFromItsCursor() throws Exception {
        waitUpTo(30).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
        long snapshots = ((Number) browser.executeScript("return lastmileScreen.snapshots()")).longValue();
        browser.executeScript("lastmileScreen.cut(arguments[0])", CUT.toMillis());
        Instant cut = Instant.now();
        waitUpTo(5).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "reconnecting"));

        String marker = UUID.randomUUID().toString();
        sendHotlineRecord("灰山港镇灰山港社区小学门口减速带缺失 " + marker, "桃江县灰山港镇灰山港社区");
        HeadlessChromium.screenshot(browser, "screen-cut");
        waitUpTo(CUT.toSeconds() + INTAKE_WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='queue']/li[contains(., '" + marker + "')]")));
        assertTrue(Duration.between(cut, Instant.now()).compareTo(CUT) >= 0, "it came back only after the cut");
        assertEquals(1L, ((Number) browser.executeScript("return lastmileScreen.resumes()")).longValue(), "resumed once");
        assertEquals(snapshots, ((Number) browser.executeScript("return lastmileScreen.snapshots()")).longValue(),
                "caught up from its cursor, without a fresh snapshot");
        HeadlessChromium.screenshot(browser, "screen-caught-up");
    }

    @Test
    @Order(3)
    void signingOutEndsTheSessionAndTheScreenAsksForASignInAgain() {
        browser.findElement(By.id("sign-out")).click();
        waitUpTo(10).until(ExpectedConditions.urlContains("/login/"));
        assertEquals(null, browser.executeScript("return sessionStorage.getItem('lastmile.session')"));
        browser.get(service + "screen/");
        waitUpTo(10).until(ExpectedConditions.urlContains("/login/?next="));
    }

    @Test
    @Order(4)
    void aScreenWhoseFeedIsRefusedSaysWhyInWords() {
        // official-wutan (武潭镇) asks for 修山镇's screen: the handshake is refused, and the page says so.
        HeadlessChromium.signInAt(browser, service + "screen/?unit=430922104-BMFW", "official-wutan");
        waitUpTo(20).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "refused"));
        WebElement refused = browser.findElement(By.id("refused"));
        assertTrue(refused.isDisplayed(), "the refusal is shown over the map");
        assertTrue(refused.getText().contains("无权查看"), refused.getText());
        HeadlessChromium.screenshot(browser, "screen-refused");
        browser.findElement(By.id("sign-out")).click();
        waitUpTo(10).until(ExpectedConditions.urlContains("/login/"));
    }

    /** A 12345 record as the hotline system sends it, new (its own id) and recent. */
    private void sendHotlineRecord(String text, String address) throws Exception {
        String id = "TJ12345-SCREEN-" + UUID.randomUUID().toString().substring(0, 8);
        String record = """
                {"gdbh": "%s", "ldsj": "%s", "ldhm": "13907371234", "lxr": "张先生", "sqlx": "投诉",
                 "sqnr": "%s", "fsdz": "%s", "jjcd": "一般", "zxbh": "0812", "sfnm": false}"""
                .formatted(id, SOURCE_TIME.format(Instant.now()), text, address);
        producer.send(new ProducerRecord<>("intake.12345", id, record.getBytes(StandardCharsets.UTF_8))).get();
    }

    private WebDriverWait waitUpTo(long seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }
}
