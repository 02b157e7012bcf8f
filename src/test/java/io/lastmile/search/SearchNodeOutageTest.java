package io.lastmile.search;

import io.lastmile.Api;
import io.lastmile.devstack.ServerOutage;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The search node stopped for a minute while tickets keep arriving: intake goes on (PostgreSQL and
 * Kafka are up), the indexer retries, and within a minute after the node is back the index holds
 * every ticket. {@code -Dfault.outage-seconds=N} shortens or lengthens the outage.
 */
@QuarkusTest
class SearchNodeOutageTest {

    private static final int OUTAGE_SECONDS = Integer.getInteger("fault.outage-seconds", 60);

    @Test
    void everyTicketTakenInWhileTheSearchNodeWasDownIsIndexedWithinAMinuteOfItsReturn() throws Exception {
        String marker = "mk" + UUID.randomUUID().toString().substring(0, 8);
        List<String> created = new ArrayList<>();
        created.add(Api.createTicket("修山镇花桥港村路灯不亮，停电前 " + marker, "桃江县修山镇花桥港村"));
        await().atMost(Duration.ofSeconds(60)).until(() -> found(marker) == 1);

        ServerOutage searchNode = ServerOutage.ofSearchServer(Path.of(System.getProperty("user.dir")));
        searchNode.stop();
        Duration restart;
        try {
            Instant until = Instant.now().plusSeconds(OUTAGE_SECONDS);
            int i = 0;
            while (Instant.now().isBefore(until)) {
                created.add(Api.createTicket("修山镇花桥港村第" + (++i) + "处路灯不亮 " + marker, "桃江县修山镇花桥港村"));
                await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            }
        } finally {
            restart = searchNode.start();
        }
        Instant back = Instant.now();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> found(marker) == created.size());
        System.out.printf("SEARCH OUTAGE: %d s down, %d tickets taken in meanwhile, node back after %.1f s, all indexed %.1f s after it answered%n",
                OUTAGE_SECONDS, created.size() - 1, restart.toMillis() / 1000.0,
                Duration.between(back, Instant.now()).toMillis() / 1000.0);
        List<String> indexed = Api.dispatcher().when().get("/api/v1/search?size=100&q=" + marker)
                .then().statusCode(200).extract().path("hits.ticketNumber");
        assertEquals(new HashSet<>(created), new HashSet<>(indexed));
    }

    private static int found(String marker) {
        return Api.dispatcher().when().get("/api/v1/search?q=" + marker).then().extract().statusCode() == 200
                ? Api.dispatcher().when().get("/api/v1/search?q=" + marker).then().extract().path("total") : -1;
    }
}
