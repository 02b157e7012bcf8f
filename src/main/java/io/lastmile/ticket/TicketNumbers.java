package io.lastmile.ticket;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Hands out ticket numbers (受理单号) such as {@code 430922-20261123-000042}: county code, the day
 * in Asia/Shanghai, and that day's sequence. Readable over the phone, unique, and sortable by day.
 */
@ApplicationScoped
public class TicketNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final String countyCode;
    private final Pool database;

    public TicketNumbers(CountyConfig county, Pool database) {
        this.countyCode = county.code();
        this.database = database;
    }

    /**
     * Takes the next number of the day in its own short statement, outside the ticket's
     * transaction: holding the day's row lock until every intake commits would serialize intake.
     * A ticket whose transaction fails leaves a gap in the day's numbers, never a duplicate.
     */
    Uni<String> next(Instant receivedAt) {
        LocalDate day = dayOf(receivedAt);
        return database.preparedQuery("""
                INSERT INTO ticket_number_sequence (county_code, day, last_value) VALUES ($1, $2, 1)
                ON CONFLICT (county_code, day) DO UPDATE SET last_value = ticket_number_sequence.last_value + 1
                RETURNING last_value""")
                .execute(Tuple.of(countyCode, day))
                .map(rows -> format(countyCode, day, rows.iterator().next().getInteger("last_value")));
    }

    /**
     * The next {@code count} numbers of the day in one statement, in ascending order: for an intake
     * batch, which would otherwise queue on the day's row once per ticket.
     */
    Uni<java.util.List<String>> next(Instant receivedAt, int count) {
        LocalDate day = dayOf(receivedAt);
        return database.preparedQuery("""
                INSERT INTO ticket_number_sequence (county_code, day, last_value) VALUES ($1, $2, $3)
                ON CONFLICT (county_code, day) DO UPDATE SET last_value = ticket_number_sequence.last_value + $3
                RETURNING last_value""")
                .execute(Tuple.of(countyCode, day, count))
                .map(rows -> {
                    int last = rows.iterator().next().getInteger("last_value");
                    java.util.List<String> taken = new java.util.ArrayList<>(count);
                    for (int sequence = last - count + 1; sequence <= last; sequence++) {
                        taken.add(format(countyCode, day, sequence));
                    }
                    return taken;
                });
    }

    /** The day of the number is the day in the county (Asia/Shanghai), not in UTC. */
    static LocalDate dayOf(Instant receivedAt) {
        return receivedAt.atZone(TicketView.SHOWN_IN).toLocalDate();
    }

    static String format(String countyCode, LocalDate day, int sequence) {
        return "%s-%s-%06d".formatted(countyCode, DAY.format(day), sequence);
    }
}
