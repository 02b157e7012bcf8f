package io.lastmile.security;

import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, items 1 and 3: revealing personal data takes a reason and lands on the audit log, as
 * do reads of dead letters (the sources' bytes, masked in the listing); the log cannot be changed.
 */
@QuarkusTest
class AuditTrailTest {

    @Inject
    TestStack stack;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private static String call(boolean anonymous) {
        return as("operator").contentType(ContentType.JSON).body("""
                        {"text": "修山镇花桥港村有人占道经营 %s", "kind": "投诉", "callerName": "钱女士",
                         "callerPhone": "13907378822", "anonymous": %s}""".formatted(UUID.randomUUID(), anonymous))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
    }

    @Test
    void aSupervisorRevealsAContactForAReasonAndTheAdminReadsWhoAndWhy() {
        String number = call(false);
        as("supervisor").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("contact.phone", equalTo("139****8822"));
        as("supervisor").contentType(ContentType.JSON).body("{}").when().post("/api/v1/tickets/" + number + "/reveal")
                .then().statusCode(422).body("errors[0].field", equalTo("reason"));
        as("supervisor").contentType(ContentType.JSON).body("{\"reason\": \"督办前与来电人核实诉求\"}")
                .when().post("/api/v1/tickets/" + number + "/reveal").then().statusCode(200)
                .body("contact.phone", equalTo("13907378822")).body("contact.name", equalTo("钱女士"));

        as("admin").when().get("/api/v1/admin/audit?ticket=" + number).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].actor", equalTo("supervisor"))
                .body("[0].action", equalTo("REVEAL_CONTACT"))
                .body("[0].reason", equalTo("督办前与来电人核实诉求"));
        as("admin").when().get("/api/v1/admin/audit?action=SOMETHING").then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
    }

    @Test
    void anAnonymousCallerStaysHiddenWhenRevealed() {
        String number = call(true);
        as("supervisor").contentType(ContentType.JSON).body("{\"reason\": \"核实\"}")
                .when().post("/api/v1/tickets/" + number + "/reveal").then().statusCode(200)
                .body("contact.phone", nullValue()).body("contact.name", nullValue());
        as("admin").when().get("/api/v1/admin/audit?ticket=" + number).then().statusCode(200)
                .body("[0].action", equalTo("REVEAL_CONTACT"));
    }

    @Test
    void deadLettersAreMaskedInTheListingAndEveryReadIsOnTheLog() throws Exception {
        String key = "TJ-AUDIT-" + UUID.randomUUID();
        // A 12345 record without its content, from Kafka: a dead letter holding the caller's number.
        String record = """
                {"gdbh": "%s", "ldsj": "2026-11-30 09:00:00", "ldhm": "13907379933", "lxr": "孙先生", "sqlx": "投诉",
                 "fsdz": "桃江县修山镇", "jjcd": "一般"}""".formatted(key);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("intake.12345", key, record.getBytes(StandardCharsets.UTF_8))).get();
        }
        String listed = "find { it.sourceKey == '" + key + "' }";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("admin")
                .when().get("/api/v1/intake/dead-letters?channel=12345&size=500").then().statusCode(200)
                .body(listed + ".payloadPreview", containsString("139****9933")));
        String id = as("admin").when().get("/api/v1/intake/dead-letters?channel=12345&size=500").then().statusCode(200)
                .body(listed + ".payloadPreview", not(containsString("13907379933")))
                .extract().path(listed + ".id");
        as("admin").contentType(ContentType.JSON).body("{\"reason\": \"核对来源系统的原始记录\"}")
                .when().post("/api/v1/intake/dead-letters/" + id + "/reveal").then().statusCode(200)
                .body("payloadPreview", containsString("13907379933"));
        as("admin").when().get("/api/v1/admin/audit?actor=admin&action=REVEAL_DEAD_LETTER").then().statusCode(200)
                .body("find { it.subject == '" + id + "' }.reason", equalTo("核对来源系统的原始记录"));
        as("admin").when().get("/api/v1/admin/audit?actor=admin&action=READ_DEAD_LETTERS").then().statusCode(200)
                .body("find { it.subject == '12345' }.role", equalTo("ADMIN"));
    }

    @Test
    void theLogCannotBeChangedEvenInTheDatabase() throws Exception {
        as("admin").when().get("/api/v1/intake/dead-letters").then().statusCode(200);
        try (Connection db = stack.database(); Statement sql = db.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> sql.executeUpdate("UPDATE audit_entry SET reason = 'x'"));
            assertTrue(refused.getMessage().contains("append only"), refused.getMessage());
            assertThrows(SQLException.class, () -> sql.executeUpdate("DELETE FROM audit_entry"));
        }
    }
}
