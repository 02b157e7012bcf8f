package io.lastmile.search;

import io.lastmile.Api;
import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/search} on the real search node, against what PostgreSQL holds: Chinese words
 * find every ticket that contains them, facets and the histogram count what the database counts,
 * and paging neither repeats nor skips.
 */
@QuarkusTest
class SearchApiTest {

    @jakarta.inject.Inject
    TestStack stack;

    private static JsonPath search(String query) {
        return Api.dispatcher().when().get("/api/v1/search?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void twoCharacterWordsFindEveryTicketThatContainsThem() throws Exception {
        String marker = marker();
        Api.createTicket("修山镇花桥港村村口路灯连续三晚不亮 " + marker, "桃江县修山镇花桥港村村口");
        Api.createTicket("鹤城区来电：小区门口路灯杆被撞歪 " + marker, "桃江县桃花江镇");
        Api.createTicket("武潭镇集镇上夜间施工噪声扰民 " + marker, "桃江县武潭镇");
        Api.createTicket("灰山港镇居民反映噪声很大，影响休息，扰民 " + marker, "桃江县灰山港镇");

        for (String word : List.of("路灯", "鹤城区", "噪声扰民", "噪声")) {
            // Exactly the tickets of this test whose text, address or result holds the word, as PostgreSQL finds them.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                java.util.Set<String> inDatabase = numbers("SELECT ticket_number FROM ticket WHERE text LIKE ?"
                        + " AND (text LIKE ? OR address LIKE ? OR result_text LIKE ?)",
                        "%" + marker + "%", "%" + word + "%", "%" + word + "%", "%" + word + "%");
                java.util.Set<String> found = new java.util.TreeSet<>(search("size=100&q=" + word + " " + marker)
                        .getList("hits.ticketNumber", String.class));
                assertEquals(false, inDatabase.isEmpty(), word);
                assertEquals(inDatabase, found, word);
            });
        }
        JsonPath both = search("q=噪声扰民 " + marker);
        assertEquals(1, both.getInt("total"), "噪声扰民 needs the words together, not 噪声 somewhere and 扰民 elsewhere");
        assertTrue(both.getString("hits[0].highlights[0]").contains("<em>"), both.prettify());
    }

    @Test
    void facetsAndHistogramCountWhatThePostgresqlCounts() throws Exception {
        String marker = marker();
        List<String> numbers = new ArrayList<>();
        numbers.add(Api.createTicket("修山镇花桥港村路灯不亮 " + marker, "桃江县修山镇花桥港村"));
        numbers.add(Api.createTicket("大栗港镇兴坪村垃圾没人清运 " + marker, "桃江县大栗港镇兴坪村"));
        numbers.add(Api.createTicket("浮邱山乡枳木山村停水两天 " + marker, "桃江县浮邱山乡枳木山村"));
        numbers.add(Api.reportFromGrid("花桥港村河道边有人采砂 " + marker, 112.0501, 28.6012, 30));
        numbers.add(Api.reportFromGrid("花桥港村又有垃圾堆放 " + marker, 112.0510, 28.6020, 10));
        Api.dispatcher().body("{}").post("/api/v1/tickets/" + numbers.get(0) + "/register").then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath found = search("q=" + marker);
            assertEquals(5, found.getInt("total"));
            assertEquals(Long.valueOf(1), facet(found, "status").get("REGISTERED"),
                    "the registered ticket is indexed in its new state: " + found.prettify());
        });
        JsonPath found = search("q=" + marker + "&interval=day");
        String like = "%" + marker + "%";
        assertEquals(grouped("SELECT channel, count(*) FROM ticket WHERE text LIKE ? GROUP BY channel", like), facet(found, "channel"));
        assertEquals(grouped("SELECT status, count(*) FROM ticket WHERE text LIKE ? GROUP BY status", like), facet(found, "status"));
        assertEquals(grouped("SELECT township_name, count(*) FROM ticket WHERE text LIKE ? AND township_name IS NOT NULL GROUP BY township_name", like),
                facet(found, "township"));
        assertEquals(grouped("SELECT catalog_code, count(*) FROM ticket WHERE text LIKE ? AND catalog_code IS NOT NULL GROUP BY catalog_code", like),
                facet(found, "category"));
        long streetLights = grouped("SELECT catalog_code, count(*) FROM ticket WHERE text LIKE ? AND catalog_code = 'CS-0105' GROUP BY 1", like)
                .getOrDefault("CS-0105", 0L);
        assertEquals(streetLights, search("q=" + marker + "&category=CS-0105").getLong("total"));
        assertEquals(streetLights, search("q=" + marker + "&category=路灯设施报修").getLong("total"), "by the category's name too");
        assertEquals(5, search("q=" + marker + "&card=NONE").getInt("total"));
        assertEquals(0, search("q=" + marker + "&card=RED").getInt("total"));
        Map<String, Long> histogram = new TreeMap<>();
        found.getList("histogram", Map.class).forEach(b -> histogram.put(((String) b.get("date")).substring(0, 10),
                ((Number) b.get("count")).longValue()));
        assertEquals(grouped("SELECT to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), count(*) FROM ticket "
                + "WHERE text LIKE ? GROUP BY 1", like), histogram);
    }

    @Test
    void filtersNarrowByFieldPlaceAndTime() {
        String marker = marker();
        String near = Api.reportFromGrid("花桥港村村口大树倒伏 " + marker, 112.0501, 28.6012, 5);
        String far = Api.reportFromGrid("花桥港村后山大树倒伏 " + marker, 112.0800, 28.6300, 5);
        await().atMost(Duration.ofSeconds(60)).until(() -> search("q=" + marker).getInt("total") == 2);

        var nearby = Api.dispatcher().when().get("/api/v1/search?q=" + marker + "&near=28.6012,112.0501&radius=300")
                .then().statusCode(200).body("total", equalTo(1)).body("hits[0].ticketNumber", equalTo(near))
                .body("hits[0].locationPrecision", equalTo("EXACT")).extract().jsonPath();
        // Each hit carries its point, for the pages' maps (within the 300 m asked for).
        assertEquals(28.6012, nearby.getDouble("hits[0].latitude"), 0.003);
        assertEquals(112.0501, nearby.getDouble("hits[0].longitude"), 0.003);
        Api.dispatcher().when().get("/api/v1/search?q=" + marker + "&bbox=112.07,28.62,112.09,28.64")
                .then().statusCode(200).body("total", equalTo(1)).body("hits[0].ticketNumber", equalTo(far));
        Api.dispatcher().when().get("/api/v1/search?q=" + marker + "&channel=grid&status=RECEIVED&township=修山镇")
                .then().statusCode(200).body("total", equalTo(2)).body("hits.channel", everyItem(equalTo("grid")));
        Api.dispatcher().when().get("/api/v1/search?q=" + marker + "&channel=12345")
                .then().statusCode(200).body("total", equalTo(0));
        Api.dispatcher().when().get("/api/v1/search?q=" + marker + "&from=2020-01-01&to=2020-12-31")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void pagesWithSearchAfterNeitherRepeatNorSkip() {
        String marker = marker();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Api.createTicket("桃花江镇第" + i + "处路灯不亮 " + marker, "桃江县桃花江镇"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> search("q=" + marker).getInt("total") == 5);
        for (String sort : List.of("newest", "oldest", "relevance")) {
            List<String> seen = new ArrayList<>();
            String after = "";
            for (int page = 0; page < 4; page++) {
                JsonPath result = search("q=" + marker + "&size=2&sort=" + sort + after);
                List<String> numbers = result.getList("hits.ticketNumber");
                seen.addAll(numbers);
                if (numbers.size() < 2) {
                    break;
                }
                after = "&after=" + result.getString("hits[-1].cursor");
            }
            assertEquals(5, seen.size(), sort + ": " + seen);
            assertEquals(new HashSet<>(created), new HashSet<>(seen), sort);
        }
        List<String> newest = search("q=" + marker + "&size=5&sort=newest").getList("hits.ticketNumber");
        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, newest);
    }

    @Test
    void callersAreFoundByTheirPhonesLastFourDigitsWhichTheIndexHoldsOnlyAsAKeyedHash() {
        String marker = marker();
        String number = Api.createTicket("桃花江镇路口井盖缺失 " + marker, "桃江县桃花江镇");
        await().atMost(Duration.ofSeconds(60)).until(() -> search("q=" + marker).getInt("total") == 1);
        Api.dispatcher().when().get("/api/v1/search?q=" + marker + "&phoneLast4=5678")
                .then().statusCode(200).body("total", equalTo(1)).body("hits[0].ticketNumber", equalTo(number));
        Api.dispatcher().when().get("/api/v1/search?q=" + marker + "&phoneLast4=1234")
                .then().statusCode(200).body("total", equalTo(0));
        // The document itself holds the masked forms and the hash, never the number or the name.
        String id = Api.dispatcher().get("/api/v1/tickets/" + number).then().extract().path("id");
        String source = io.restassured.RestAssured.given().baseUri(stack.searchUri()).when().get("/tickets/_doc/" + id)
                .then().statusCode(200).extract().asString();
        assertTrue(!source.contains("13907375678") && !source.contains("李女士"), source);
        assertTrue(source.contains("139****5678") && source.contains("李**"), source);
    }

    @Test
    void malformedParametersAreRefusedNamingTheParameter() {
        Map<String, String> bad = Map.of(
                "sort=loudest", "sort", "size=0", "size", "size=101", "size", "size=ten", "size",
                "bbox=1,2,3", "bbox", "near=91,112", "near", "near=28.6,112.05&radius=-5", "radius",
                "from=yesterday", "from", "after=not-a-cursor", "after", "interval=fortnight", "interval");
        bad.forEach((query, parameter) -> Api.dispatcher().when().get("/api/v1/search?" + query)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(parameter))
                .body("errors", hasSize(1)));
    }

    private static String marker() {
        return "mk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static Map<String, Long> facet(JsonPath found, String name) {
        Map<String, Long> counts = new TreeMap<>();
        found.getList("facets." + name, Map.class).forEach(b -> counts.put((String) b.get("key"), ((Number) b.get("count")).longValue()));
        return counts;
    }

    private java.util.Set<String> numbers(String sql, String... parameters) throws Exception {
        try (Connection c = stack.database(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            java.util.Set<String> numbers = new java.util.TreeSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    numbers.add(r.getString(1));
                }
            }
            return numbers;
        }
    }


    private Map<String, Long> grouped(String sql, String parameter) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = stack.database(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return counts;
    }
}
