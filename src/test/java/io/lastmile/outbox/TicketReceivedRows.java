package io.lastmile.outbox;

import io.lastmile.TestStack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** What the outbox holds of one ticket, read straight from PostgreSQL for the outbox's tests. */
final class TicketReceivedRows {

    private TicketReceivedRows() {
    }

    /** Whether the relay has published the ticket's {@code TicketReceived} event. */
    static boolean published(TestStack stack, String ticketNumber) throws Exception {
        try (Connection connection = stack.database();
             PreparedStatement read = connection.prepareStatement("SELECT published_at IS NOT NULL FROM outbox_event"
                     + " WHERE event_type = 'TicketReceived' AND record_key = (SELECT id::text FROM ticket WHERE ticket_number = ?)")) {
            read.setString(1, ticketNumber);
            try (ResultSet row = read.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
