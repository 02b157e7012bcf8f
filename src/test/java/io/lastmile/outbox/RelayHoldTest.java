package io.lastmile.outbox;

import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;

/**
 * The relay makes way for a burst of writes ({@link Outbox#holdRelayDuring}): an event written
 * while the relay is held stays in the outbox, the sweep included, and leaves as soon as the hold ends.
 */
@QuarkusTest
class RelayHoldTest {

    @Inject
    Outbox outbox;

    @Inject
    TestStack stack;

    @Test
    void anEventWrittenWhileTheRelayIsHeldLeavesWhenTheHoldEnds() throws Exception {
        // A first ticket outside the hold: the sign-in and a cold first request must not eat into its few seconds.
        String before = newTicket();
        await().atMost(Duration.ofSeconds(30)).until(() -> published(before));
        CompletableFuture<Void> burst = new CompletableFuture<>();
        CompletableFuture<Void> held = outbox.holdRelayDuring(() -> Uni.createFrom().completionStage(burst))
                .subscribeAsCompletionStage();
        try {
            String number = newTicket();
            // The command's own nudge and two sweeps find the relay held.
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> !published(number));
            burst.complete(null);
            held.join();
            await().atMost(Duration.ofSeconds(2)).until(() -> published(number));
        } finally {
            burst.complete(null);
        }
    }

    private static String newTicket() {
        return as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"出站暂停 %s\", \"kind\": \"咨询\"}".formatted(UUID.randomUUID()))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
    }

    private boolean published(String ticketNumber) throws Exception {
        return TicketReceivedRows.published(stack, ticketNumber);
    }
}
