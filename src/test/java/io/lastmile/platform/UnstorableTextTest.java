package io.lastmile.platform;

import io.lastmile.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Text PostgreSQL or the search node would refuse (NUL, a lone surrogate, more than a column holds)
 * is the sender's error naming the field, over REST ({@code 422}) and over Kafka (a dead letter),
 * never a {@code 500}.
 */
@QuarkusTest
class UnstorableTextTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A grid member's case with this text; {@code \\u0000} in it is a JSON escape, read as the NUL character. */
    private static String gridCase(String caseId, String text) {
        String time = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusMinutes(5).withNano(0).toString();
        return """
                {"caseId": "%s", "gridCode": "430922104001", "memberId": "W017", "category": "其他",
                 "text": "%s", "lon": 112.1062, "lat": 28.4123, "coordSys": "WGS84", "time": "%s"}"""
                .formatted(caseId, text, time);
    }

    @Test
    void unstorableTextInASourceRecordIs422NamingTheField() {
        asSource().contentType(ContentType.JSON).body(gridCase("WG-" + UUID.randomUUID(), "井盖缺失\\u0000"))
                .when().post("/api/v1/intake/grid")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("text"))
                .body("detail", containsString("U+0000"))
                .body("detail", not(containsString("SQL")));
        String time = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusMinutes(5).withNano(0).toString();
        asSource().contentType(ContentType.JSON).body("""
                        {"deviceId": "KIOSK-\\ud800", "pressedAt": "%s", "township": "修山镇", "village": "花桥港村",
                         "button": "RED"}""".formatted(time))
                .when().post("/api/v1/intake/kiosk")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("deviceId"))
                .body("detail", containsString("U+D800"));
    }

    @Test
    void unstorableTextInTheConsoleOrAStepIs422NamingTheField() {
        as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"咨询社保卡补办\", \"kind\": \"咨询\", \"callerName\": \"王\\u0000\"}")
                .when().post("/api/v1/tickets")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("callerName"));
        String number = Api.createTicket("修山镇花桥港村村口路灯不亮", "桃江县修山镇花桥港村");
        as("operator").contentType(ContentType.JSON).body("{\"reason\": \"立案\\u0000\"}")
                .when().post("/api/v1/tickets/" + number + "/register")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("reason"));
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200).body("status", equalTo("RECEIVED"));
    }

    @Test
    void unstorableTextInAPathOrQueryParameterIs422NamingIt() {
        as("dispatcher").urlEncodingEnabled(false).when().get("/api/v1/tickets/%00")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("ticketNumber"));
        as("dispatcher").urlEncodingEnabled(false).when().get("/api/v1/intake/dead-letters?channel=grid%00")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("channel"));
    }

    @Test
    void textLongerThanItsColumnIs422NamingTheField() {
        as("admin").contentType(ContentType.JSON).body(Map.of("username", "x-" + UUID.randomUUID().toString().substring(0, 8),
                        "displayName", "长".repeat(101), "role", "operator", "password", "password-123"))
                .when().post("/api/v1/admin/users")
                .then().statusCode(422).body("errors[0].field", equalTo("displayName"));
    }

    @Test
    void aKafkaRecordWithUnstorableTextBecomesADeadLetterNamingTheField() throws Exception {
        String caseId = "WG-" + UUID.randomUUID();
        // The key is broken too: the dead letter keeps it with the broken character replaced.
        String key = caseId + "\u0000";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("intake.grid", key,
                    gridCase(caseId, "井盖缺失\\u0000").getBytes(StandardCharsets.UTF_8))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> letters = as("dispatcher").when().get("/api/v1/intake/dead-letters?channel=grid&size=500")
                    .then().statusCode(200).extract().jsonPath().getList("findAll { it.sourceKey == '" + caseId + "\uFFFD' }");
            assertEquals(1, letters.size());
            assertEquals("text", letters.get(0).get("field"));
            assertEquals(true, String.valueOf(letters.get(0).get("reason")).contains("U+0000"));
        });
    }
}
