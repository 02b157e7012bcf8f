package io.lastmile.ticket.event;

import io.lastmile.Api;
import io.lastmile.TestStack;
import io.lastmile.live.LiveScreens;
import io.lastmile.security.DemoLogins;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kafka delivers at least once: every event of a ticket is delivered a second time, as a
 * rebalance or a restart would, and every consumer skips what it has handled. The screen gets
 * each event once, the index keeps the newest state, and duplicate detection does not link again
 * a ticket a dispatcher unlinked.
 */
@QuarkusTest
class RedeliveredEventsTest {

    private static final double LAT_M = 1 / 111_195.0;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    TestStack stack;

    @TestHTTPResource("/api/v1/live/tickets")
    URI liveFeed;

    @Test
    void aSecondDeliveryOfEveryEventChangesNothingAnywhere() throws Exception {
        List<String> screen = new CopyOnWriteArrayList<>();
        WebSocket socket = LiveScreens.connect(URI.create(liveFeed.toString().replaceFirst("^http", "ws")),
                DemoLogins.token("dispatcher"), screen);
        try {
            // Far from the duplicate tests' places; words that link by themselves (see DuplicateTicketsTest).
            double lon = 112.0800;
            double lat = 28.6400;
            String first = Api.reportFromGrid("花桥港村村口大树被风刮倒，横在道路中间，车辆无法通行", lon, lat, 20);
            String second = Api.reportFromGrid("村口那棵大树倒了，把路堵死了，道路不通，请赶紧处理", lon, lat + 20 * LAT_M, 10);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.dispatcher().when().get("/api/v1/tickets/" + second)
                    .then().body("mergedInto", equalTo(first)));
            Api.dispatcher().body("{\"reason\": \"渡口两侧是两棵树\"}").when().post("/api/v1/tickets/" + second + "/unmerge")
                    .then().statusCode(200).body("status", equalTo("RECEIVED"));
            int version = Api.dispatcher().when().get("/api/v1/tickets/" + second).then().extract().path("version");

            List<ConsumerRecord<String, String>> events = eventsOf(second, version);
            await().atMost(Duration.ofSeconds(30)).until(() -> pushedFor(screen, second) == events.size());
            await().atMost(Duration.ofSeconds(60)).until(() -> indexedVersion(second) == version);

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), new StringSerializer(), new StringSerializer())) {
                for (ConsumerRecord<String, String> event : events) {
                    producer.send(new ProducerRecord<>(TicketEvent.TOPIC, event.key(), event.value())).get();
                }
            }
            // A marker after the repeats, on the same partition (same key): once it is through, so are they.
            Api.dispatcher().body("{\"reason\": \"群众再次来电\"}").when().post("/api/v1/tickets/" + second + "/supervise")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> pushedFor(screen, second) == events.size() + 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> indexedVersion(second) == version + 1);

            assertEquals(events.size() + 1, pushedFor(screen, second), "each event reached the screen once");
            Api.dispatcher().when().get("/api/v1/tickets/" + second).then()
                    .body("status", equalTo("RECEIVED"))
                    .body("mergedInto", equalTo(null))
                    .body("version", equalTo(version + 1));
            JsonPath timeline = Api.dispatcher().when().get("/api/v1/tickets/" + second + "/timeline").then().extract().jsonPath();
            assertEquals(1, timeline.getList("findAll { it.type == 'TicketMerged' }").size(),
                    "the unlinked ticket was not linked again");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** Every event of the ticket up to {@code version}, as they are on the topic. */
    private List<ConsumerRecord<String, String>> eventsOf(String number, int version) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = EventsTopic.fromTheStart(kafka)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && found.size() < version) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (number.equals(JsonPath.from(record.value()).getString("ticketNumber"))) {
                        found.add(record);
                    }
                }
            }
        }
        assertEquals(version, found.size(), "one event per version on the topic");
        return found;
    }

    private static long pushedFor(List<String> screen, String number) {
        return screen.stream().filter(m -> m.contains("\"ticketNumber\":\"" + number + "\"")).count();
    }

    private int indexedVersion(String number) {
        given().baseUri(stack.searchUri()).when().post("/tickets/_refresh").then().statusCode(200);
        Integer v = given().baseUri(stack.searchUri()).contentType(ContentType.JSON)
                .body("{\"query\": {\"term\": {\"ticketNumber\": \"" + number + "\"}}}")
                .when().post("/tickets/_search").then().statusCode(200).extract().path("hits.hits[0]._source.version");
        return v == null ? 0 : v;
    }
}
