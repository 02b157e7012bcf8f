package io.lastmile.intake;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.NewTicket;

import java.time.Instant;

/**
 * One source system's native record (JSON or XML bytes, exactly as sent) into the normalized
 * command. The same adapter serves the Kafka topic and the REST route of its channel.
 */
public interface SourceAdapter {

    Channel channel();

    /**
     * @param body the record's bytes as the source sent them
     * @param now  the service's time, against which the source time is checked
     * @throws IntakeRejected naming the field and the rule when the record cannot become a ticket
     */
    NewTicket toTicket(byte[] body, Instant now);
}
