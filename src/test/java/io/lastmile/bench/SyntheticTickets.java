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
import java.util.List;
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
     * Loads {@code count} open tickets numbered {@code <prefix>-0000001…} that look like a county's
     * backlog (see {@link CountyMix}), each with the card times {@code due} gives it where its
     * state has a running clock; answers the rows per second.
     */
    public double load(String prefix, long count, LongFunction<Due> due) throws Exception {
        long started = System.nanoTime();
        Instant now = Instant.now();
        CountyMix mix = new CountyMix(now);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder chunk = new StringBuilder(CHUNK * 420);
            for (long i = 1; i <= count; i++) {
                mix.row(chunk, "%s-%07d".formatted(prefix, i), due.apply(i));
                if (i % CHUNK == 0 || i == count) {
                    copy.copyIn("COPY ticket (" + CountyMix.COLUMNS + ") FROM STDIN WITH (FORMAT csv)",
                            new StringReader(chunk.toString()));
                    chunk.setLength(0);
                }
            }
            try (var statement = connection.createStatement()) {
                statement.execute("ANALYZE ticket");
            }
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Rows shaped like an open backlog of the demo county, drawn from a fixed seed so that two runs
     * load the same data: six channels in hotline-like shares, their kinds, mostly 一般 with some
     * 紧急 and 特急, every open state (paused ones paused, queued ones at the county center), kiosk
     * presses already picked up, places across all six townships, received over the last 30 days,
     * a share already carrying a yellow or red card.
     */
    static final class CountyMix {

        static final String COLUMNS = "id, ticket_number, channel, source_id, status, kind, urgency, text, address,"
                + " source_time, received_at, received_by, version, responsible, unit_code, unit_name, township_code,"
                + " township_name, village_code, village_name, location_precision, catalog_code, catalog_name,"
                + " picked_up_at, paused_at, sign_for_deadline, completion_deadline, deadline, yellow_at, red_at, card";

        private record Place(String townshipCode, String township, String villageCode, String village) {
        }

        private static final List<Place> PLACES = List.of(
                new Place("430922101", "桃花江镇", "430922101201", "桃花东路社区"), new Place("430922101", "桃花江镇", "430922101202", "株木潭村"),
                new Place("430922102", "灰山港镇", "430922102201", "灰山港社区"), new Place("430922102", "灰山港镇", "430922102202", "金家坪村"),
                new Place("430922103", "武潭镇", "430922103201", "武潭社区"), new Place("430922103", "武潭镇", "430922103202", "罗家坪村"),
                new Place("430922104", "修山镇", "430922104201", "花桥港村"), new Place("430922104", "修山镇", "430922104202", "修山村"),
                new Place("430922105", "大栗港镇", "430922105201", "兴坪村"), new Place("430922105", "大栗港镇", "430922105202", "大栗港社区"),
                new Place("430922106", "浮邱山乡", "430922106201", "枳木山村"), new Place("430922106", "浮邱山乡", "430922106202", "浮邱山村"));

        private record Matter(String code, String name, String text, String department, String departmentName) {
        }

        private static final List<Matter> MATTERS = List.of(
                new Matter("CS-0105", "路灯设施报修", "路灯不亮好几天了", "430922-CGJ", "桃江县城市管理和综合执法局"),
                new Matter("CS-0102", "垃圾清运", "垃圾堆了一个星期没人清运", "430922-CGJ", "桃江县城市管理和综合执法局"),
                new Matter("GT-002", "通村道路损毁处置", "通村公路塌了一半，车过不去", "430922-ZRJ", "桃江县自然资源局"),
                new Matter("NL-001", "农村供水保障", "自来水停了两天，没水做饭", "430922-SLJ", "桃江县水利局"),
                new Matter("SF-001", "矛盾纠纷调解", "邻居占了我家的宅基地，吵了好几次", "430922-SFJ", "桃江县司法局"),
                new Matter("MZ-001", "低保与高龄补贴申请", "问高龄补贴怎么申请", "430922-MZJ", "桃江县民政局"),
                new Matter(null, null, "反映情况，请有关部门处理", null, null));

        /** Open states with their shares in a backlog: most tickets are being handled by a unit. */
        private static final String[] STATES = weighted(
                "RECEIVED", 6, "REGISTERED", 2, "RETURNED", 2, "DISPATCHED", 9, "SIGNED_FOR", 13, "IN_PROGRESS", 58,
                "EXTENSION_REQUESTED", 4, "WAITING_FOR_DOCUMENTS", 6);
        private static final String[] CHANNELS = weighted("12345", 58, "urban", 14, "grid", 9, "12315", 7, "kiosk", 7, "12369", 5);
        private static final String[] URGENCIES = weighted("NORMAL", 85, "URGENT", 12, "CRITICAL", 3);
        private static final String[] HOTLINE_KINDS = weighted("COMPLAINT", 35, "HELP", 30, "CONSULTATION", 15, "REPORT", 10,
                "SUGGESTION", 8, "PRAISE", 2);

        private final Instant now;
        private final java.util.SplittableRandom random = new java.util.SplittableRandom(20261130L);

        CountyMix(Instant now) {
            this.now = now;
        }

        void row(StringBuilder out, String number, Due due) {
            String channel = pick(CHANNELS);
            String kind = switch (channel) {
                case "kiosk" -> random.nextInt(10) < 3 ? "KIOSK_RED" : "KIOSK_GREEN";
                case "urban" -> random.nextBoolean() ? "URBAN_COMPONENT" : "URBAN_EVENT";
                case "grid" -> "GRID_CASE";
                case "12315" -> random.nextInt(10) < 8 ? "COMPLAINT" : "REPORT";
                case "12369" -> "REPORT";
                default -> pick(HOTLINE_KINDS);
            };
            String status = pick(STATES);
            Place place = PLACES.get(random.nextInt(PLACES.size()));
            Matter matter = MATTERS.get(random.nextInt(MATTERS.size()));
            Instant received = now.minusSeconds(random.nextLong(30L * 24 * 3600));
            boolean queued = status.equals("RECEIVED") || status.equals("REGISTERED") || status.equals("RETURNED");
            // Who holds it: the county center while queued, else a village station, the township or a county department.
            int holder = random.nextInt(10);
            String unitCode = queued ? "430922-ZHZX" : holder < 3 ? place.villageCode() + "-BMFWZ"
                    : holder < 8 || matter.department() == null ? place.townshipCode() + "-BMFW" : matter.department();
            String unitName = queued ? "桃江县综合指挥中心" : holder < 3 ? place.village() + "便民服务站"
                    : holder < 8 || matter.department() == null ? place.township() + "便民服务中心" : matter.departmentName();
            boolean paused = status.equals("EXTENSION_REQUESTED") || status.equals("WAITING_FOR_DOCUMENTS");
            // Some already carry a card: their yellow line, or their deadline, passed days ago.
            int carded = random.nextInt(100);
            String card = paused || queued ? "NONE" : carded < 3 ? "RED" : carded < 12 ? "YELLOW" : "NONE";
            Instant yellow = card.equals("NONE") ? due.yellowAt() : received.plusSeconds(3600);
            Instant red = card.equals("RED") ? received.plusSeconds(7200) : due.redAt();
            String text = (matter.text() + "（合成数据）").replace(",", "，");
            String matterCode = matter.code() == null || queued && random.nextBoolean() ? "" : matter.code();
            out.append(UUID.randomUUID()).append(',').append(number).append(',').append(channel).append(',').append(number)
                    .append(',').append(status).append(',').append(kind).append(',').append(pick(URGENCIES)).append(',')
                    .append(place.village()).append(text).append(",桃江县").append(place.township()).append(place.village()).append(',')
                    .append(received).append(',').append(received).append(",bench,").append(2 + random.nextInt(6)).append(',')
                    .append(unitCode).append(',').append(unitCode).append(',').append(unitName).append(',')
                    .append(place.townshipCode()).append(',').append(place.township()).append(',')
                    .append(place.villageCode()).append(',').append(place.village()).append(",VILLAGE,")
                    .append(matterCode).append(',').append(matterCode.isEmpty() ? "" : matter.name()).append(',')
                    .append(kind.startsWith("KIOSK") ? received.plusSeconds(60).toString() : "").append(',')
                    .append(paused ? received.plusSeconds(86_400).toString() : "").append(',')
                    .append(queued ? "" : received.plusSeconds(7200).toString()).append(',')
                    .append(queued || status.equals("DISPATCHED") ? "" : red.toString()).append(',')
                    .append(red).append(',').append(yellow).append(',').append(red).append(',').append(card).append('\n');
        }

        private String pick(String[] weightedChoices) {
            return weightedChoices[random.nextInt(weightedChoices.length)];
        }

        /** Choices repeated by their weight: {@code "A", 3, "B", 1} → A, A, A, B. */
        private static String[] weighted(Object... choicesAndWeights) {
            List<String> expanded = new java.util.ArrayList<>();
            for (int i = 0; i < choicesAndWeights.length; i += 2) {
                for (int n = 0; n < (Integer) choicesAndWeights[i + 1]; n++) {
                    expanded.add((String) choicesAndWeights[i]);
                }
            }
            return expanded.toArray(String[]::new);
        }
    }
}
