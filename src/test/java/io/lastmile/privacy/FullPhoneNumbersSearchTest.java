package io.lastmile.privacy;

import io.lastmile.TestStack;
import io.lastmile.ticket.PersonalNumbers;
import io.lastmile.ticket.event.EventsTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.lastmile.privacy.PrivacyFixtures.rows;
import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, "done when": callers type their mobile numbers into what they say, through an intake
 * topic, the intake REST API and the operators' console, and one sends a broken record. Then the
 * service log, the whole {@code ticket-events} topic and the whole search index are searched for
 * any of those numbers in full, and none is found. Before searching, the test checks that the
 * numbers really reached the service (the operator reads them back in full).
 */
@QuarkusTest
class FullPhoneNumbersSearchTest {

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    @Inject
    TestStack stack;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "quarkus.log.file.path")
    String logFile;

    @Test
    void noFullPhoneNumberOfTheCallersIsInTheLogTheEventsOrTheIndex() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            numbers.add("13" + (3 + i) + String.format("%08d", (int) (Math.random() * 100_000_000)));
        }
        numbers.forEach(n -> assertTrue(PersonalNumbers.holdsOne(n), n + " is a mobile number the masking knows"));

        // 1. Through intake.12345: the contact's number, and another typed into the words.
        String topicSource = "TJ12345-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] viaTopic = hotline(topicSource, numbers.get(0), "我电话" + numbers.get(0) + "，白天打" + numbers.get(1));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("intake.12345", topicSource, viaTopic)).get();
            // 4. A broken record with a number in it: a dead letter, and a line in the log.
            String poisonKey = "poison-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>("intake.12345", poisonKey, ("{\"gdbh\": \"" + poisonKey + "\", \"ldhm\": \""
                    + numbers.get(6) + "\", \"sqnr\": \"回电" + numbers.get(6) + "\", \"ldsj\": ").getBytes(StandardCharsets.UTF_8))).get();
            // 2. Through the intake REST API.
            String restSource = "TJ12345-" + UUID.randomUUID().toString().substring(0, 8);
            String viaRest = asSource().contentType("application/json")
                    .body(hotline(restSource, numbers.get(2), "联系" + numbers.get(2) + "或者" + numbers.get(3)))
                    .when().post("/api/v1/intake/12345").then().statusCode(201).extract().path("ticketNumber");
            // 3. Through the operators' console, answered at intake with a number in the answer too.
            String viaConsole = as("operator").contentType(ContentType.JSON).body("""
                            {"text": "咨询低保申请，我手机%s", "kind": "咨询", "callerName": "吴先生", "callerPhone": "%s",
                             "answer": "已告知，回电%s"}""".formatted(numbers.get(4), numbers.get(4), numbers.get(5)))
                    .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
            String viaTopicNumber = awaitTicket(topicSource);

            // The numbers were really sent: those who call the citizen back read them in full.
            as("operator").when().get("/api/v1/tickets/" + viaTopicNumber).then().statusCode(200)
                    .body("contact.phone", equalTo(numbers.get(0))).body("text", containsString(numbers.get(1)));
            as("operator").when().get("/api/v1/tickets/" + viaRest).then().statusCode(200)
                    .body("contact.phone", equalTo(numbers.get(2))).body("text", containsString(numbers.get(3)));
            as("operator").when().get("/api/v1/tickets/" + viaConsole).then().statusCode(200)
                    .body("contact.phone", equalTo(numbers.get(4))).body("result", containsString(numbers.get(5)));
            await().atMost(Duration.ofSeconds(60)).until(() -> !rows(stack,
                    "SELECT 1 FROM intake_dead_letter WHERE source_key = ?", poisonKey).isEmpty());
            as("dispatcher").contentType(ContentType.JSON).body("{\"reason\": \"核对来电号码\"}").when()
                    .get("/api/v1/intake/dead-letters?channel=12345&size=500").then().statusCode(200);
            List<String> tickets = List.of(viaTopicNumber, viaRest, viaConsole);

            // The ticket-events topic, read from the start to its end.
            List<String> events = allEvents(tickets);
            assertTrue(events.size() >= 4, "at least the three receipts and the answer: " + events.size());
            assertNoneHolds("ticket-events", events, numbers);

            // The search index, every document.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(stack.searchUri())
                    .contentType(ContentType.JSON)
                    .body("{\"query\": {\"terms\": {\"ticketNumber\": [\"" + String.join("\", \"", tickets) + "\"]}}}")
                    .when().post("/tickets/_search").then().statusCode(200).body("hits.total.value", equalTo(3)));
            List<String> documents = allDocuments();
            assertTrue(documents.stream().filter(d -> tickets.stream().anyMatch(d::contains)).count() >= 3,
                    "the dump holds the three tickets");
            assertNoneHolds("the search index", documents, numbers);

            // The service log of this run (and of every test before it in this JVM).
            Path log = Path.of(logFile);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(poisonKey));
            assertNoneHolds("the service log", Files.readAllLines(log, StandardCharsets.UTF_8), numbers);
        }
    }

    private static byte[] hotline(String sourceId, String phone, String words) {
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(LOCAL).format(Instant.now().minusSeconds(600));
        return """
                {"gdbh": "%s", "ldsj": "%s", "ldhm": "%s", "lxr": "冯女士", "sqlx": "投诉",
                 "sqnr": "修山镇花桥港村村口路灯连续三晚不亮，%s", "fsdz": "桃江县修山镇花桥港村村口", "jjcd": "一般",
                 "zxbh": "0812", "sfnm": false}""".formatted(sourceId, at, phone, words).getBytes(StandardCharsets.UTF_8);
    }

    private String awaitTicket(String sourceId) throws Exception {
        String[] number = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<List<Object>> found = rows(stack, "SELECT ticket_number FROM ticket WHERE channel = '12345' AND source_id = ?", sourceId);
            if (found.isEmpty()) {
                return false;
            }
            number[0] = (String) found.get(0).get(0);
            return true;
        });
        return number[0];
    }

    /** Every record of ticket-events, once those of these tickets have arrived and the reader is at the end. */
    private List<String> allEvents(List<String> tickets) {
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = EventsTopic.fromTheStart(kafka)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Map<TopicPartition, Long> end = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                    String number = JsonPath.from(record.value()).getString("ticketNumber");
                    if (tickets.contains(number)) {
                        seen.add(number);
                    }
                }
                if (seen.size() == tickets.size()) {
                    if (end == null) {
                        end = consumer.endOffsets(consumer.assignment());
                    }
                    Map<TopicPartition, Long> last = end;
                    if (last.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                        return values;
                    }
                }
            }
        }
        throw new AssertionError("ticket-events did not bring all of " + tickets + " within 90 s: " + seen);
    }

    /** Every document of the index, by scrolling through a match_all. */
    private List<String> allDocuments() {
        List<String> documents = new ArrayList<>();
        JsonPath page = given().baseUri(stack.searchUri()).contentType(ContentType.JSON)
                .body("{\"size\": 1000, \"query\": {\"match_all\": {}}}")
                .when().post("/tickets/_search?scroll=1m").then().statusCode(200).extract().jsonPath();
        long total = page.getLong("hits.total.value");
        while (true) {
            List<Map<String, Object>> hits = page.getList("hits.hits");
            if (hits.isEmpty()) {
                break;
            }
            hits.forEach(h -> documents.add(String.valueOf(h.get("_source"))));
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("scroll", "1m");
            next.put("scroll_id", page.getString("_scroll_id"));
            page = given().baseUri(stack.searchUri()).contentType(ContentType.JSON).body(next)
                    .when().post("/_search/scroll").then().statusCode(200).extract().jsonPath();
        }
        assertEquals(total, documents.size(), "the dump holds every document");
        return documents;
    }

    private static void assertNoneHolds(String where, List<String> texts, List<String> numbers) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            for (String number : numbers) {
                if (text.contains(number)) {
                    found.add(number + " in: " + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
                }
            }
        }
        assertEquals(List.of(), found, "full phone numbers in " + where);
    }
}
