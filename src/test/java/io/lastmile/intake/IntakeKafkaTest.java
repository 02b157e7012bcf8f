package io.lastmile.intake;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * End to end through Kafka: a record on {@code intake.<channel>} comes out as a
 * {@code TicketReceived} on {@code ticket-events}, once, however often it is delivered; a record
 * that cannot be read goes to {@code intake.dlq} and does not hold up the records behind it.
 */
@QuarkusTest
class IntakeKafkaTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, byte[]> producer;
    private final List<JsonPath> ticketEvents = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, String>> deadLetterRecords = new CopyOnWriteArrayList<>();
    private KafkaConsumer<String, String> consumer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
        // Assigned and positioned at the end before anything is produced: no event of this test can be missed.
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of("ticket-events", DeadLetters.TOPIC)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    @AfterEach
    void disconnect() {
        producer.close();
        consumer.close();
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals("ticket-events")) {
                ticketEvents.add(JsonPath.from(record.value()));
            } else {
                deadLetterRecords.add(record);
            }
        }
    }

    private void readToTheEndOfTicketEvents() {
        List<TopicPartition> partitions = consumer.assignment().stream().filter(p -> p.topic().equals("ticket-events")).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
        });
    }

    private long ticketsReceivedFor(String channel, String sourceId) {
        return ticketEvents.stream().filter(e -> "TicketReceived".equals(e.getString("type"))
                && channel.equals(e.getString("ticket.channel")) && sourceId.equals(e.getString("ticket.sourceId"))).count();
    }

    private void send(String channel, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>("intake." + channel, key, value)).get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "12315", "12369", "urban", "kiosk", "grid"})
    void recordOnTheIntakeTopicBecomesExactlyOneTicketEventEvenWhenDeliveredTwice(String channel) throws Exception {
        Samples.Fresh sample = Samples.fresh(channel);
        Samples.Fresh marker = Samples.fresh(channel);
        String key = "partition-of-" + sample.sourceId();

        send(channel, key, sample.bytes());
        send(channel, key, sample.bytes());
        // Same key, same partition: once the marker is a ticket, the redelivery before it was handled.
        send(channel, key, marker.bytes());

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return ticketsReceivedFor(channel, marker.sourceId()) == 1 && ticketsReceivedFor(channel, sample.sourceId()) >= 1;
        });
        // The relay publishes in commit order: everything stored before the marker is on the topic by now.
        readToTheEndOfTicketEvents();
        assertEquals(1, ticketsReceivedFor(channel, sample.sourceId()), "the redelivery made no second ticket");
        JsonPath event = ticketEvents.stream().filter(e -> sample.sourceId().equals(e.getString("ticket.sourceId")))
                .findFirst().orElseThrow();
        assertEquals(1, event.getInt("version"));
        String number = event.getString("ticketNumber");
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200).body("sourceId", equalTo(sample.sourceId()));
    }

    @Test
    void unreadableRecordBecomesADeadLetterAndTheRecordBehindItStillBecomesATicket() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        byte[] poison = ("{\"gdbh\": \"" + key + "\", \"ldsj\": ").getBytes(StandardCharsets.UTF_8);
        Samples.Fresh behind = Samples.fresh("12345");

        send("12345", key, poison);
        send("12345", key, poison); // a redelivered bad record makes no second dead letter
        send("12345", key, behind.bytes());

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return ticketsReceivedFor("12345", behind.sourceId()) == 1;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return deadLetterRecords.stream().anyMatch(r -> r.key().equals("12345:" + key));
        });
        JsonPath published = JsonPath.from(deadLetterRecords.stream().filter(r -> r.key().equals("12345:" + key))
                .findFirst().orElseThrow().value());
        assertEquals("12345", published.getString("channel"));
        assertEquals(new String(poison, StandardCharsets.UTF_8),
                new String(java.util.Base64.getDecoder().decode(published.getString("payloadBase64")), StandardCharsets.UTF_8));

        List<Map<String, Object>> letters = as("dispatcher").when().get("/api/v1/intake/dead-letters?channel=12345&size=500")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.sourceKey == '" + key + "' }");
        assertEquals(1, letters.size(), "one dead letter for two deliveries of the same bytes");
        String id = (String) letters.get(0).get("id");
        as("dispatcher").when().get("/api/v1/intake/dead-letters/" + id).then().statusCode(200)
                .body("reason", containsString("JSON"))
                .body("payloadPreview", containsString(key));

        // Replaying bytes that are still bad answers today's reason; the letter stays open.
        as("dispatcher").when().post("/api/v1/intake/dead-letters/" + id + "/replay").then().statusCode(400)
                .contentType("application/problem+json");
        as("dispatcher").when().get("/api/v1/intake/dead-letters/" + id).then().body("replayedAt", equalTo(null));
    }

    @Test
    void unreadableRecordWithoutAKeyIsADeadLetterToo() throws Exception {
        byte[] poison = ("{\"caseNo\": \"" + UUID.randomUUID() + "\", ").getBytes(StandardCharsets.UTF_8);
        Samples.Fresh behind = Samples.fresh("urban");
        producer.send(new ProducerRecord<>("intake.urban", 0, null, poison)).get();
        producer.send(new ProducerRecord<>("intake.urban", 0, null, behind.bytes())).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return ticketsReceivedFor("urban", behind.sourceId()) == 1;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return deadLetterRecords.stream().anyMatch(r -> r.key().startsWith("urban:")
                    && new String(java.util.Base64.getDecoder().decode(JsonPath.from(r.value()).getString("payloadBase64")),
                            StandardCharsets.UTF_8).equals(new String(poison, StandardCharsets.UTF_8)));
        });
    }

    @Test
    void invalidRecordIsADeadLetterNamingTheField() throws Exception {
        String key = "invalid-" + UUID.randomUUID();
        byte[] wrongTime = Samples.fresh("12315").body().replaceAll("\"receivedAt\": \"[^\"]*\"", "\"receivedAt\": \"2026-11-22\"")
                .getBytes(StandardCharsets.UTF_8);
        send("12315", key, wrongTime);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("dispatcher")
                .when().get("/api/v1/intake/dead-letters?channel=12315&size=500")
                .then().statusCode(200)
                .body("find { it.sourceKey == '" + key + "' }.field", equalTo("receivedAt")));
    }
}
