package io.lastmile.privacy;

import io.lastmile.TestStack;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;

/** What the privacy tests share: callers with personal data, dead letters made through Kafka, plain SQL. */
final class PrivacyFixtures {

    /** A caller's ticket taken by an operator; {@code answer} closes it at intake (即办件). */
    static String call(String name, String phone, String text, String answer) {
        String answered = answer == null ? "" : ", \"answer\": \"" + answer + "\"";
        return as("operator").contentType(ContentType.JSON).body("""
                        {"text": "%s", "kind": "咨询", "callerName": "%s", "callerPhone": "%s"%s}"""
                        .formatted(text, name, phone, answered))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
    }

    /** A broken 12345 record carrying a phone, sent to intake.12345; answers its dead letter's id once stored. */
    static UUID deadLetter(TestStack stack, String kafka, String phone) throws Exception {
        String key = "privacy-" + UUID.randomUUID();
        byte[] poison = ("{\"gdbh\": \"" + key + "\", \"ldhm\": \"" + phone + "\", \"ldsj\": ").getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("intake.12345", key, poison)).get();
        }
        UUID[] id = new UUID[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<List<Object>> rows = rows(stack, "SELECT id FROM intake_dead_letter WHERE source_key = ?", key);
            if (rows.isEmpty()) {
                return false;
            }
            id[0] = (UUID) rows.get(0).get(0);
            return true;
        });
        return id[0];
    }

    /** Every row of a query, each as its columns. */
    static List<List<Object>> rows(TestStack stack, String sql, Object... parameters) throws Exception {
        try (Connection connection = stack.database(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    static int update(TestStack stack, String sql, Object... parameters) throws Exception {
        try (Connection connection = stack.database(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** A fresh mobile number no other test uses. */
    static String phone() {
        return "1390737" + String.format("%04d", (int) (Math.random() * 10_000));
    }

    private PrivacyFixtures() {
    }
}
