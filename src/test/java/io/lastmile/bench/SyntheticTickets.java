package io.lastmile.bench;

import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * Loads synthetic tickets straight into PostgreSQL with COPY, for benchmarks: a million rows in a
 * minute or two instead of hours through the API. Rows are open tickets of the demo county; each
 * benchmark says when their time limits fall due.
 */
public final class SyntheticTickets {

    /** When one synthetic ticket's yellow and red cards fall due. */
    public record Due(Instant yellowAt, Instant redAt) {
    }

    private static final String COLUMNS = "id, ticket_number, channel, source_id, status, kind, urgency, text, address,"
            + " source_time, received_at, received_by, version, responsible, unit_code, unit_name, township_code,"
            + " township_name, completion_deadline, deadline, yellow_at, red_at, card";
    private static final int CHUNK = 50_000;

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public SyntheticTickets(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Loads {@code count} tickets numbered {@code <prefix>-0000001…}, IN_PROGRESS at 修山镇, each with
     * the card times {@code due} gives it; answers the rows per second.
     */
    public double load(String prefix, long count, LongFunction<Due> due) throws Exception {
        long started = System.nanoTime();
        Instant now = Instant.now();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder chunk = new StringBuilder(CHUNK * 320);
            for (long i = 1; i <= count; i++) {
                Due d = due.apply(i);
                String number = "%s-%07d".formatted(prefix, i);
                chunk.append(UUID.randomUUID()).append(',').append(number).append(",12345,").append(number)
                        .append(",IN_PROGRESS,COMPLAINT,NORMAL,修山镇花桥港村路灯不亮（合成数据）,桃江县修山镇花桥港村,")
                        .append(now).append(',').append(now).append(",bench,2,430922104-BMFW,430922104-BMFW,")
                        .append("修山镇便民服务中心,430922104,修山镇,")
                        .append(d.redAt()).append(',').append(d.redAt()).append(',')
                        .append(d.yellowAt()).append(',').append(d.redAt()).append(",NONE\n");
                if (i % CHUNK == 0 || i == count) {
                    copy.copyIn("COPY ticket (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)", new StringReader(chunk.toString()));
                    chunk.setLength(0);
                }
            }
            try (var statement = connection.createStatement()) {
                statement.execute("ANALYZE ticket");
            }
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }
}
