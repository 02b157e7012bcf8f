package io.lastmile.bench;

import org.postgresql.PGConnection;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * Loads synthetic tickets straight into PostgreSQL with COPY and into the search index with
 * {@code _bulk}, for benchmarks: a million rows in a minute or two instead of hours through the
 * API. Rows are open tickets of the demo county; each benchmark says when their time limits fall due.
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
     * Indexes the same synthetic tickets into the {@code tickets} alias with {@code _bulk} requests
     * of {@code batch} documents; answers the documents per second.
     */
    public double index(String searchHost, String prefix, long count, int batch) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        StringBuilder body = new StringBuilder(batch * 400);
        for (long i = 1; i <= count; i++) {
            String number = "%s-%07d".formatted(prefix, i);
            body.append("{\"index\":{\"_index\":\"tickets\",\"_id\":\"").append(number)
                    .append("\",\"version\":2,\"version_type\":\"external\"}}\n")
                    .append("{\"ticketId\":\"").append(number).append("\",\"ticketNumber\":\"").append(number)
                    .append("\",\"channel\":\"12345\",\"status\":\"IN_PROGRESS\",\"kind\":\"COMPLAINT\",")
                    .append("\"urgency\":\"NORMAL\",\"text\":\"修山镇花桥港村路灯不亮（合成数据）\",")
                    .append("\"township\":\"修山镇\",\"unit\":{\"code\":\"430922104-BMFW\",\"name\":\"修山镇便民服务中心\"},")
                    .append("\"point\":{\"lat\":28.604,\"lon\":112.047},\"version\":2}\n");
            if (i % batch == 0 || i == count) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://" + searchHost + "/_bulk?require_alias=true"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || response.body().startsWith("{\"took\"") && response.body().contains("\"errors\":true")) {
                    throw new IllegalStateException("bulk load failed: " + response.body().substring(0, Math.min(500, response.body().length())));
                }
                body.setLength(0);
            }
        }
        return count / ((System.nanoTime() - started) / 1e9);
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
