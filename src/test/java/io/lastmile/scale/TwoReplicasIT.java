package io.lastmile.scale;

import io.lastmile.live.LiveScreens;
import io.lastmile.security.DemoLogins;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of the packaged service on one stack, both running the time-limit watch and the
 * outbox relay: a ticket created on one and dispatched on the other gets its yellow and its red
 * card once each, on its timeline and on {@code ticket-events}; a screen resumes on the other replica.
 */
class TwoReplicasIT {

    @RegisterExtension
    static final ServiceReplicas replicas = ServiceReplicas.of(2, Map.of(
        "lastmile.sla.sign-for-critical", "10s",
        "lastmile.sla.yellow-time-left", "5s",
        "lastmile.sla.auto-escalate-after-red", "1h"));

    @Test
    void cardsAreRaisedOnceWithTwoReplicasWatching() {
        Instant started = Instant.now();
        // Placed only to the township: a village-placed ticket of a known matter would be dispatched by system.
        String number = as(replicas.baseUri(0), "operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇山体滑坡堵路 " + UUID.randomUUID() + "\", \"kind\": \"求助\", \"urgency\": \"CRITICAL\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        as(replicas.baseUri(1), "dispatcher").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/tickets/" + number + "/dispatch").then().statusCode(200);

        await().atMost(Duration.ofSeconds(90)).until(() -> timeline(number).contains("RedCardRaised"));
        // Both replicas keep scanning every second: give them time to raise a second card if they could.
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);

        List<String> types = timeline(number);
        assertEquals(1, types.stream().filter("RedCardRaised"::equals).count(), types.toString());
        assertEquals(1, types.stream().filter("YellowCardRaised"::equals).count(), types.toString());
        as(replicas.baseUri(1), "dispatcher").when().get("/api/v1/tickets/" + number)
                .then().body("timeLimits.card", equalTo("RED"));

        List<String> published = cardEventsOnTheTopic(number, started);
        assertEquals(List.of("YellowCardRaised", "RedCardRaised"), published, "each card once on ticket-events");
    }

    /**
     * A command-center screen on one replica is cut off for ten seconds and comes back on the other
     * with its last cursor: it gets exactly the deltas it missed (the cursor is offsets of
     * ticket-events, the same on both replicas), not one it had already.
     */
    @Test
    void aScreenResumesOnTheOtherReplicaWithoutMissingAnEvent() throws Exception {
        List<String> onFirst = new CopyOnWriteArrayList<>();
        WebSocket first = LiveScreens.connect(commandCenter(0), DemoLogins.tokenAt(replicas.baseUri(0), "dispatcher"), onFirst);
        await().atMost(Duration.ofSeconds(30)).until(() -> onFirst.stream().anyMatch(m -> m.contains("\"type\":\"snapshot\"")));
        String before = newTicket(0, "修山镇花桥港村桥面开裂 ");
        await().atMost(Duration.ofSeconds(30)).until(() -> onFirst.stream().anyMatch(m -> m.contains(before)));
        first.abort();
        Instant cut = Instant.now();
        String cursor = JsonPath.from(onFirst.get(onFirst.size() - 1)).getString("cursor");

        String during = newTicket(1, "修山镇花桥港村自来水停水 ");
        await().pollDelay(Duration.between(Instant.now(), cut.plusSeconds(10)).abs()).atMost(Duration.ofSeconds(15)).until(() -> true);

        List<String> onSecond = new CopyOnWriteArrayList<>();
        WebSocket second = LiveScreens.connect(URI.create(commandCenter(1) + "?cursor=" + cursor),
                DemoLogins.tokenAt(replicas.baseUri(1), "dispatcher"), onSecond);
        await().atMost(Duration.ofSeconds(30)).until(() -> onSecond.stream().anyMatch(m -> m.contains(during)));
        assertEquals("resumed", JsonPath.from(onSecond.get(0)).getString("type"), onSecond.get(0));
        List<String> hadAlready = deltaKeys(onFirst);
        List<String> resumed = deltaKeys(onSecond);
        assertTrue(resumed.stream().noneMatch(hadAlready::contains), "nothing it had already: " + resumed + " after " + hadAlready);
        assertEquals(1, onSecond.stream().filter(m -> m.contains("\"ticketNumber\":\"" + during + "\"")
                && m.contains("TicketReceived")).count(), "the ticket created while it was away, once");
        second.abort();
    }

    /** Each delta a screen got, as {@code ticketNumber:version}. */
    private static List<String> deltaKeys(List<String> messages) {
        return messages.stream().filter(m -> !m.startsWith(LiveScreens.CLOSED)).map(JsonPath::from)
                .filter(m -> m.getString("ticketNumber") != null)
                .map(m -> m.getString("ticketNumber") + ":" + m.getInt("version")).toList();
    }

    private static URI commandCenter(int replica) {
        return URI.create(replicas.baseUri(replica).replace("http://", "ws://") + "/api/v1/live/command-center");
    }

    private static String newTicket(int replica, String text) {
        return as(replicas.baseUri(replica), "operator").contentType(ContentType.JSON)
                .body("{\"text\": \"" + text + UUID.randomUUID() + "\", \"address\": \"桃江县修山镇花桥港村\", \"kind\": \"求助\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
    }

    private static List<String> timeline(String number) {
        return as(replicas.baseUri(0), "dispatcher").when().get("/api/v1/tickets/" + number + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("type");
    }

    /** The ticket's card events on {@code ticket-events}, read from {@code since} on (other tests may have put thousands before). */
    private static List<String> cardEventsOnTheTopic(String number, Instant since) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, replicas.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("ticket-events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> startTimes = new HashMap<>();
            partitions.forEach(p -> startTimes.put(p, since.toEpochMilli()));
            consumer.offsetsForTimes(startTimes).forEach((partition, offset) -> {
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition)); // nothing since then on this partition
                } else {
                    consumer.seek(partition, offset.offset());
                }
            });
            List<String> cards = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && cards.size() < 2) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonPath event = JsonPath.from(record.value());
                    if (number.equals(event.getString("ticketNumber")) && event.getString("type").endsWith("CardRaised")) {
                        cards.add(event.getString("type"));
                    }
                }
            }
            // Whatever else is already on the topic for this ticket arrives within the next polls.
            for (int i = 0; i < 4; i++) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonPath event = JsonPath.from(record.value());
                    if (number.equals(event.getString("ticketNumber")) && event.getString("type").endsWith("CardRaised")) {
                        cards.add(event.getString("type"));
                    }
                }
            }
            return cards;
        }
    }
}
