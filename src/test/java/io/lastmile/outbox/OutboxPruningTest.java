package io.lastmile.outbox;

import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pruner deletes published rows older than the window (7 days by default) and nothing else:
 * a row published within the window, an unpublished one and one set aside by the relay all stay,
 * and the relay goes on publishing new events afterwards.
 */
@QuarkusTest
class OutboxPruningTest {

    @Inject
    OutboxPruner pruner;

    @Inject
    TestStack stack;

    @Test
    void onlyRowsPublishedBeforeTheWindowArePruned() throws Exception {
        String marker = UUID.randomUUID().toString();
        UUID old = row(marker, "now() - interval '8 days'", null);
        UUID recent = row(marker, "now() - interval '6 days'", null);
        UUID setAside = row(marker, null, "refused for good");

        long pruned = pruner.pruneNow().await().atMost(Duration.ofSeconds(30));

        assertTrue(pruned >= 1, "the row published 8 days ago is pruned (pruned " + pruned + ")");
        assertFalse(exists(old), "published 8 days ago: pruned");
        assertTrue(exists(recent), "published 6 days ago: within the window, kept");
        assertTrue(exists(setAside), "never published (set aside): kept");
        assertEquals(0L, pruner.pruneNow().await().atMost(Duration.ofSeconds(30)), "a second run finds nothing more");

        String number = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"出站清理后 %s\", \"kind\": \"咨询\"}".formatted(marker))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        await().atMost(Duration.ofSeconds(30)).until(() -> published(number));
    }

    /** A row as the relay leaves it: published at {@code publishedAt} (SQL), or set aside with {@code failure}. */
    private UUID row(String marker, String publishedAt, String failure) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = stack.database();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at, published_at, failure)
                     VALUES (?, 'ticket-events', ?, 'TicketReceived', '{}', now() - interval '9 days', %s, ?)"""
                     .formatted(publishedAt == null ? "NULL" : publishedAt))) {
            insert.setObject(1, id);
            insert.setString(2, marker);
            insert.setString(3, failure);
            insert.executeUpdate();
        }
        return id;
    }

    private boolean exists(UUID eventId) throws Exception {
        try (Connection connection = stack.database();
             PreparedStatement read = connection.prepareStatement("SELECT 1 FROM outbox_event WHERE event_id = ?")) {
            read.setObject(1, eventId);
            try (ResultSet row = read.executeQuery()) {
                return row.next();
            }
        }
    }

    private boolean published(String ticketNumber) throws Exception {
        return TicketReceivedRows.published(stack, ticketNumber);
    }
}
