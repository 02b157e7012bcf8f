package io.lastmile.security;

import io.lastmile.TestStack;
import io.lastmile.ticket.PersonalNumbers;
import io.lastmile.ticket.event.EventsTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: a caller who types their phone, ID number and bank card into what they say. The
 * hotline and the unit that handles the ticket read the numbers (they call the citizen back); the
 * events, the search index, supervisors and officials of other units never see one in full.
 */
@QuarkusTest
class NumbersInTextTest {

    private static final String PHONE = "13907376611";
    private static final String ID = "430922199001016619";
    private static final String CARD = "6228480402564896619";

    @Inject
    TestStack stack;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void numbersTypedIntoTheTextReachOnlyThoseWhoCallTheCitizenBack() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String text = "修山镇花桥港村拖欠工资 " + marker + "，我电话" + PHONE + "，身份证" + ID + "，工资卡" + CARD;
        String number = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"%s\", \"kind\": \"投诉\"}".formatted(text))
                .when().post("/api/v1/tickets").then().statusCode(201)
                .body("text", containsString(PHONE)).extract().path("ticketNumber");
        as("dispatcher").contentType(ContentType.JSON).body("{\"unitCode\": \"430922104-BMFW\"}")
                .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200);

        as("official-xiushan").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("text", containsString(PHONE));
        for (String reader : List.of("supervisor", "admin")) {
            String shown = as(reader).when().get("/api/v1/tickets/" + number).then().statusCode(200).extract().path("text");
            assertFalse(PersonalNumbers.holdsOne(shown), reader + " reads " + shown);
            assertTrue(shown.contains("139****6611") && shown.contains("430922********6619"), shown);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(stack.searchUri())
                .contentType(ContentType.JSON)
                .body("{\"query\": {\"term\": {\"ticketNumber\": \"" + number + "\"}}}")
                .when().post("/tickets/_search").then().statusCode(200)
                .body("hits.hits[0]._source.version", equalTo(2))
                .body("hits.hits[0]._source.text", containsString("139****6611")));
        String indexed = given().baseUri(stack.searchUri()).when().get("/tickets/_search?q=ticketNumber:" + number)
                .then().statusCode(200).extract().asString();
        assertFalse(indexed.contains(PHONE) || indexed.contains(ID) || indexed.contains(CARD), indexed);

        List<String> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = EventsTopic.fromTheStart(kafka)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && events.size() < 2) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(number)) {
                        events.add(record.value());
                    }
                }
            }
        }
        assertTrue(events.size() >= 2, "received and dispatched: " + events.size());
        for (String event : events) {
            assertFalse(event.contains(PHONE) || event.contains(ID) || event.contains(CARD), event);
            assertTrue(event.contains("6228***********6619"), event);
        }
    }
}
