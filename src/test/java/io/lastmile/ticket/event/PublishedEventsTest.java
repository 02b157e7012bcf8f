package io.lastmile.ticket.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published language holds: tickets driven through every kind of step (over REST, by the
 * time-limit watch and at intake) put events on {@code ticket-events} whose payloads, read back
 * from Kafka, each validate against the JSON Schema of their type in docs/events/, and together
 * cover every type.
 */
@QuarkusTest
class PublishedEventsTest {

    private static final Path SCHEMAS = Path.of("docs", "events");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void everyTypeHasASchemaAndEverySchemaAType() throws IOException {
        Set<String> types = TicketChange.TYPES.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> files;
        try (var list = Files.list(SCHEMAS)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .map(n -> n.substring(0, n.length() - ".schema.json".length())).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(types, files);
        for (io.lastmile.ticket.Step step : io.lastmile.ticket.Step.values()) {
            assertTrue(types.contains(step.eventType()), step + " records " + step.eventType() + ", which has no type");
        }
    }

    @Test
    void realPayloadsOfEveryTypeValidateAgainstTheirSchemas() throws Exception {
        Set<String> ours = new HashSet<>(driveEveryKindOfStep());
        Map<String, JsonSchema> schemas = schemas();
        Set<String> seen = new TreeSet<>();
        List<String> invalid = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = EventsTopic.fromTheStart(kafka)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && seen.size() < schemas.size()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (!ours.contains(event.path("ticketNumber").asText())) {
                        continue;
                    }
                    String type = event.path("type").asText();
                    JsonSchema schema = schemas.get(type);
                    if (schema == null) {
                        invalid.add(type + ": no schema");
                        continue;
                    }
                    Set<ValidationMessage> errors = schema.validate(event);
                    if (!errors.isEmpty()) {
                        invalid.add(type + " " + errors + " in " + record.value());
                    }
                    seen.add(type);
                }
            }
        }
        assertTrue(invalid.isEmpty(), String.join("\n", invalid));
        assertEquals(schemas.keySet(), seen, "every type was published and checked");
    }

    private static Map<String, JsonSchema> schemas() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<String, JsonSchema> schemas = new java.util.TreeMap<>();
        for (Class<? extends TicketChange> type : TicketChange.TYPES) {
            String name = type.getSimpleName();
            schemas.put(name, factory.getSchema(Files.readString(SCHEMAS.resolve(name + ".schema.json")), config));
        }
        return schemas;
    }

    private static String step(String who, String number, String action, String body) {
        as(who).contentType(ContentType.JSON).body(body == null ? "{}" : body)
                .when().post("/api/v1/tickets/" + number + "/" + action).then().statusCode(200);
        return number;
    }

    private static String call(String text, String kind, String urgency) {
        return as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"%s %s\", \"kind\": \"%s\", \"urgency\": \"%s\", \"callerName\": \"王女士\", \"callerPhone\": \"13807370001\"}"
                        .formatted(text, UUID.randomUUID().toString().substring(0, 8), kind, urgency))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
    }

    private static String kioskPress() throws IOException {
        try (InputStream in = PublishedEventsTest.class.getResourceAsStream("/samples/kiosk.json")) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("2026-11-22T10:11:00+08:00", Instant.now().minusMillis(UUID.randomUUID().hashCode() & 0xFFFF)
                            .atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString());
            return asSource().contentType(ContentType.JSON).body(body).when().post("/api/v1/intake/kiosk")
                    .then().statusCode(201).extract().path("ticketNumber");
        }
    }

    /** One ticket or more through each kind of step; answers their numbers. */
    private static List<String> driveEveryKindOfStep() throws IOException {
        List<String> numbers = new ArrayList<>();
        String answered = call("咨询：修山镇医保缴费地点", "咨询", "NORMAL");
        step("operator", answered, "answer", "{\"result\": \"修山镇便民服务中心一楼窗口\"}");
        numbers.add(answered);

        String whole = call("修山镇花桥港村路灯不亮", "投诉", "NORMAL");
        // A second caller about it follows every dispatch, resolution and redo of the primary.
        String follower = call("修山镇花桥港村路灯坏了又有人打电话", "投诉", "NORMAL");
        step("dispatcher", follower, "merge", "{\"intoTicketNumber\": \"" + whole + "\"}");
        numbers.add(follower);
        step("dispatcher", whole, "register", null);
        step("dispatcher", whole, "dispatch", "{\"unitCode\": \"430922104-BMFW\"}");
        step("official-xiushan", whole, "sign-for", null);
        step("official-xiushan", whole, "start", null);
        step("official-xiushan", whole, "documents/request", "{\"documents\": [\"灯杆编号照片\"]}");
        step("official-xiushan", whole, "documents/received", null);
        step("official-xiushan", whole, "extension", "{\"days\": 2, \"reason\": \"等待配件\"}");
        step("dispatcher", whole, "extension/approve", "{\"days\": 2}");
        step("official-xiushan", whole, "extension", "{\"days\": 2, \"reason\": \"配件仍未到\"}");
        step("dispatcher", whole, "extension/deny", "{\"reason\": \"时限内可办结\"}");
        step("supervisor", whole, "supervise", "{\"reason\": \"请加快\", \"days\": 2}");
        step("dispatcher", whole, "joint", "{\"units\": [\"430922-CGJ\"]}");
        step("dept-cgj-a", whole, "joint/report", "{\"result\": \"已提供灯具\"}");
        step("official-xiushan", whole, "resolve", "{\"result\": \"已更换灯具\"}");
        step("dispatcher", whole, "verify", null);
        step("dispatcher", whole, "close", null);
        step("operator", whole, "revisit", "{\"satisfaction\": \"不满意\"}");
        step("supervisor", whole, "redo", "{\"reason\": \"群众不满意\"}");
        numbers.add(whole);

        String returned = call("武潭镇罗家坪村占道经营", "投诉", "NORMAL");
        step("dispatcher", returned, "dispatch", "{\"unitCode\": \"430922103-BMFW\"}");
        step("official-wutan", returned, "return", "{\"reason\": \"属城管执法\"}");
        step("dispatcher", returned, "return/accept", "{\"unitCode\": \"430922-CGJ\"}");
        step("dispatcher", returned, "reassign", "{\"unitCode\": \"430922103-BMFW\"}");
        step("official-wutan", returned, "return", "{\"reason\": \"仍不属本镇\"}");
        step("dispatcher", returned, "return/reject", "{\"reason\": \"属地管理，请办理\"}");
        step("official-wutan", returned, "escalate", "{\"reason\": \"需县级协调\"}");
        numbers.add(returned);

        String caller = call("武潭镇罗家坪村占道经营又有人反映", "投诉", "NORMAL");
        step("dispatcher", caller, "merge", "{\"intoTicketNumber\": \"" + returned + "\"}");
        step("dispatcher", caller, "unmerge", "{\"reason\": \"不是同一处\"}");
        numbers.add(caller);

        // The watch: a 特急 ticket left unsigned gets its yellow and red cards, then moves up by itself.
        String overdue = call("修山镇花桥港村山体滑坡堵路", "求助", "CRITICAL");
        step("dispatcher", overdue, "dispatch", "{\"unitCode\": \"430922104201-BMFWZ\"}");
        numbers.add(overdue);

        String picked = kioskPress();
        step("dispatcher", picked, "pickup", null);
        numbers.add(picked);
        numbers.add(kioskPress()); // nobody picks it up
        return numbers;
    }
}
