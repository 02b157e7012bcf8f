package io.lastmile.demo;

import io.lastmile.demo.DemoRecords.SourceRecord;
import io.lastmile.platform.DemoFeedMark;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The living demo end to end: the demo feed's records become tickets, and the simulated people,
 * turned on for a few seconds at a fast clock, take them through 签收, 办结, 结案 and 回访 over the
 * REST API, while a ticket an operator created by hand, and a record someone put on the topic by
 * hand, are left exactly as they were.
 */
@QuarkusTest
class DemoActorsTest {

    @Inject
    DemoFeed feed;

    @Inject
    DemoActors actors;

    @TestHTTPResource("/")
    URL api;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @AfterEach
    void sendThemHome() {
        actors.end();
    }

    @Test
    void demoFeedTicketsAreSignedForAndResolvedWhileHandMadeOnesAreNeverTouched() {
        // Someone takes a call by hand: it waits in the same lists the people read.
        JsonPath byHand = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村村口路灯连续三晚不亮\", \"address\": \"桃江县修山镇花桥港村村口\", \"kind\": \"投诉\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        String handNumber = byHand.getString("ticketNumber");
        assertEquals("operator", byHand.getString("receivedBy"));

        Map<String, String> demoTickets = new ConcurrentHashMap<>(); // number → receivedBy
        Map<String, String> sentByHand = new ConcurrentHashMap<>(); // number → receivedBy
        try (KafkaConsumer<String, String> events = eventsFromNow();
                KafkaProducer<String, byte[]> source = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            DemoRecords records = new DemoRecords(new Random(2026));
            Instant now = Instant.now();
            List<SourceRecord> sent = List.of(records.hotline(now), records.hotline(now), records.urban(now),
                    records.consumer(now), records.hotline(now));
            sent.forEach(feed::send);
            // The same kind of record put on the topic by hand (a source system, a console producer): no mark.
            SourceRecord byHandOnTheTopic = records.hotline(now);
            source.send(new ProducerRecord<>("intake.12345", byHandOnTheTopic.key(), byHandOnTheTopic.value()));
            source.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                events.poll(Duration.ofMillis(200)).forEach(record -> {
                    JsonPath event = JsonPath.from(record.value());
                    if ("TicketReceived".equals(event.getString("type"))) {
                        String receivedBy = event.getString("ticket.receivedBy");
                        if (DemoFeedMark.isDemoFeed(receivedBy)) {
                            demoTickets.put(event.getString("ticketNumber"), receivedBy);
                        } else if (byHandOnTheTopic.key().equals(event.getString("ticket.sourceId"))) {
                            sentByHand.put(event.getString("ticketNumber"), receivedBy);
                        }
                    }
                });
                return demoTickets.size() == sent.size() && sentByHand.size() == 1;
            });
        }
        assertTrue(demoTickets.values().containsAll(Set.of("demo-feed:12345-platform", "demo-feed:12315-platform")),
                "the mark keeps the source system: " + demoTickets.values());
        assertEquals(List.of("12345-platform"), List.copyOf(sentByHand.values()), "a record without the mark is a real one");
        String handOnTopicNumber = sentByHand.keySet().iterator().next();
        // The hand-made ticket is in the index, so the people do see it in their sweep.
        await().atMost(Duration.ofSeconds(30)).until(() -> as("dispatcher").queryParam("status", "RECEIVED,REGISTERED,DISPATCHED")
                .queryParam("sort", "newest").queryParam("size", "100").when().get("/api/v1/search").then().statusCode(200)
                .extract().jsonPath().getList("hits.ticketNumber").containsAll(List.of(handNumber, handOnTopicNumber)));
        Map<String, Integer> handVersions = new java.util.HashMap<>();
        for (String number : List.of(handNumber, handOnTopicNumber)) {
            handVersions.put(number, as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                    .extract().path("version"));
        }

        // 6000× real time: a working hour is 0.6 s; no returns, extensions or answers at intake, so every
        // ticket takes the whole road.
        actors.begin(new DemoPeople(new Random(7), 6000, 0, 0, 0), Duration.ofMillis(500), api.toString());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String number : demoTickets.keySet()) {
                List<String> types = as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then()
                        .statusCode(200).extract().jsonPath().getList("type");
                assertTrue(types.containsAll(List.of("TicketSignedFor", "TicketStarted", "TicketResolved", "TicketVerified",
                        "TicketClosed", "TicketRevisited")), number + ": " + types);
            }
        });
        assertTrue(actors.stepsTaken() >= 6L * demoTickets.size(), "steps: " + actors.stepsTaken());

        for (String number : demoTickets.keySet()) {
            JsonPath timeline = as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then().extract().jsonPath();
            // Each step by the person whose step it is, signed in with their own demo account.
            assertEquals("dispatcher", actorOf(timeline, "TicketVerified"));
            assertEquals("operator", actorOf(timeline, "TicketRevisited"));
            String signedBy = actorOf(timeline, "TicketSignedFor");
            assertTrue(signedBy != null && !signedBy.isBlank(), number + " signed for by " + signedBy);
            String satisfaction = as("dispatcher").when().get("/api/v1/tickets/" + number).then().extract().path("satisfaction");
            assertTrue(DemoPeople.SATISFACTION_MIX.stream().anyMatch(answer -> answer.getKey().equals(satisfaction))
                    || satisfaction == null, number + ": " + satisfaction); // null after a redo
        }

        // The people swept the lists many times since: nobody took a step on the hand-made tickets (the
        // time-limit watch may still raise a card on one, which is not a person's step).
        Set<String> watchSteps = Set.of("YellowCardRaised", "RedCardRaised", "KioskPressUnanswered");
        handVersions.forEach((number, before) -> {
            List<Map<String, Object>> timeline = as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> entry : timeline) {
                if (((Number) entry.get("version")).intValue() > before) {
                    assertTrue(watchSteps.contains(entry.get("type")), number + ", made by hand, was touched: " + entry);
                }
            }
        });
    }

    private static String actorOf(JsonPath timeline, String type) {
        return timeline.getString("find { it.type == '" + type + "' }.actor");
    }

    /** A reader of ticket-events positioned at the end before anything is sent: no event of this test is missed. */
    private KafkaConsumer<String, String> eventsFromNow() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor("ticket-events").forEach(p -> partitions.add(new TopicPartition("ticket-events", p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
