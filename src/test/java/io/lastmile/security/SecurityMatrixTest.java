package io.lastmile.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint and socket × every role, with real tokens from the login endpoint. Each row names the roles
 * that may call the endpoint and the status they get (chosen so that no row changes any data:
 * steps go to a ticket that does not exist, admin writes carry an invalid body). Everyone else gets
 * 403, and a caller without a token 401. A new endpoint or socket joins this table.
 *
 * <p>Jurisdiction (a 修山镇 official and a 武潭镇 ticket) is pinned in {@link JurisdictionScopeTest}.
 */
@QuarkusTest
class SecurityMatrixTest {

    /** The callers of the matrix: the demo accounts of each role, a source system, and nobody. */
    enum Caller {
        ANONYMOUS(null), OPERATOR("operator"), DISPATCHER("dispatcher"), OFFICIAL("official-xiushan"),
        SUPERVISOR("supervisor"), ADMIN("admin"), SOURCE(null);

        final String username;

        Caller(String username) {
            this.username = username;
        }

        RequestSpecification request() {
            return switch (this) {
                case ANONYMOUS -> given();
                case SOURCE -> asSource();
                default -> as(username);
            };
        }
    }

    @TestHTTPResource("/api/v1/live/tickets")
    URI liveFeed;

    private static final Set<Caller> STAFF = Set.of(Caller.OPERATOR, Caller.DISPATCHER, Caller.OFFICIAL, Caller.SUPERVISOR,
            Caller.ADMIN);
    private static final String NO_TICKET = "430922-19990101-000404";
    private static final String XIUSHAN_CENTER = "430922104-BMFW";
    private static final String WUTAN_CENTER = "430922103-BMFW";
    private static final int NOT_CALLED = -1;

    /**
     * One row: the request, the callers allowed, and what an allowed caller gets.
     *
     * @param open          whether a caller without a token gets through as well (login, health …)
     * @param allowedStatus what an allowed caller gets; {@link #NOT_CALLED} where the call would start
     *                      real work (a reindex): allowed callers are then pinned by that feature's own test
     */
    record Row(String method, String path, String body, Set<Caller> allowed, int allowedStatus, boolean open) {

        static Row of(String method, String path, String body, Set<Caller> allowed, int allowedStatus) {
            return new Row(method, path, body, allowed, allowedStatus, false);
        }

        static Row open(String method, String path, String body, int status) {
            return new Row(method, path, body, Set.of(Caller.values()), status, true);
        }
    }

    static List<Row> matrix() {
        List<Row> rows = new ArrayList<>();
        // Open without a token.
        rows.add(Row.open("GET", "/q/health/ready", null, 200));
        rows.add(Row.open("GET", "/q/metrics", null, 200));
        rows.add(Row.open("GET", "/q/openapi", null, 200));
        rows.add(Row.open("POST", "/api/v1/auth/login", "{}", 400));
        rows.add(Row.open("POST", "/api/v1/auth/refresh", "{\"refreshToken\": \"nope\"}", 401));
        rows.add(Row.open("POST", "/api/v1/auth/logout", "{\"refreshToken\": \"nope\"}", 204));
        rows.add(Row.of("GET", "/api/v1/auth/me", null, STAFF, 200));
        // The pages and their libraries are open files; every byte of data behind them needs a token.
        rows.add(Row.open("GET", "/login/", null, 200));
        rows.add(Row.open("GET", "/screen/", null, 200));
        rows.add(Row.open("GET", "/screen/screen.js", null, 200));
        rows.add(Row.open("GET", "/app/session.js", null, 200));
        rows.add(Row.open("GET", "/app/api.js", null, 200));
        rows.add(Row.open("GET", "/app/dom.js", null, 200));
        // The inbox (officials):
        rows.add(Row.open("GET", "/inbox/", null, 200));
        rows.add(Row.open("GET", "/inbox/inbox.js", null, 200));
        rows.add(Row.open("GET", "/app/feed.js", null, 200));
        rows.add(Row.open("GET", "/inbox/inbox.css", null, 200));

        // The console (operators):
        rows.add(Row.open("GET", "/console/", null, 200));
        rows.add(Row.open("GET", "/console/console.js", null, 200));
        rows.add(Row.open("GET", "/console/console.css", null, 200));

        // The workbench (dispatchers):
        rows.add(Row.open("GET", "/workbench/", null, 200));
        rows.add(Row.open("GET", "/workbench/workbench.js", null, 200));
        rows.add(Row.open("GET", "/workbench/search.js", null, 200));
        rows.add(Row.open("GET", "/workbench/workbench.css", null, 200));

        // The reports page:
        rows.add(Row.open("GET", "/reports/", null, 200));
        rows.add(Row.open("GET", "/reports/reports.js", null, 200));
        rows.add(Row.open("GET", "/reports/reports.css", null, 200));

        rows.add(Row.open("GET", "/webjars/leaflet/1.9.4/dist/leaflet.js", null, 200));
        rows.add(Row.of("GET", "/api/v1/map", null, STAFF, 200));
        rows.add(Row.of("GET", "/api/v1/live/access?feed=/api/v1/live/units/" + XIUSHAN_CENTER, null, STAFF, 200));

        // Intake: source systems only.
        rows.add(Row.of("POST", "/api/v1/intake/12345", "{}", Set.of(Caller.SOURCE), 422));
        rows.add(Row.of("GET", "/api/v1/intake/dead-letters", null, Set.of(Caller.DISPATCHER, Caller.ADMIN), 200));
        rows.add(Row.of("GET", "/api/v1/intake/dead-letters/" + UUID.randomUUID(), null, Set.of(Caller.DISPATCHER, Caller.ADMIN), 404));
        rows.add(Row.of("POST", "/api/v1/intake/dead-letters/" + UUID.randomUUID() + "/replay", null,
                Set.of(Caller.DISPATCHER, Caller.ADMIN), 404));
        rows.add(Row.of("POST", "/api/v1/tickets", "{}", Set.of(Caller.OPERATOR, Caller.DISPATCHER), 400));

        // Reading tickets and work lists.
        rows.add(Row.of("GET", "/api/v1/tickets/" + NO_TICKET, null, STAFF, 404));
        rows.add(Row.of("GET", "/api/v1/tickets/" + NO_TICKET + "/timeline", null, STAFF, 404));
        rows.add(Row.of("GET", "/api/v1/queue", null, Set.of(Caller.OPERATOR, Caller.DISPATCHER, Caller.SUPERVISOR), 200));
        rows.add(Row.of("GET", "/api/v1/supervised", null, Set.of(Caller.DISPATCHER, Caller.SUPERVISOR), 200));
        rows.add(Row.of("GET", "/api/v1/units/" + XIUSHAN_CENTER + "/inbox", null,
                Set.of(Caller.DISPATCHER, Caller.OFFICIAL, Caller.SUPERVISOR), 200));
        rows.add(Row.of("GET", "/api/v1/catalog", null, STAFF, 200));
        rows.add(Row.of("GET", "/api/v1/catalog/CS-0105", null, STAFF, 200));
        rows.add(Row.of("POST", "/api/v1/catalog/classification", "{}", STAFF, 400));
        rows.add(Row.of("POST", "/api/v1/tickets/preview", "{}", Set.of(Caller.OPERATOR, Caller.DISPATCHER), 400));
        rows.add(Row.of("POST", "/api/v1/tickets/" + NO_TICKET + "/reveal", "{\"reason\": \"回访\"}", STAFF, 404));
        rows.add(Row.of("POST", "/api/v1/intake/dead-letters/" + UUID.randomUUID() + "/reveal", "{\"reason\": \"核对\"}",
                Set.of(Caller.DISPATCHER, Caller.ADMIN), 404));
        rows.add(Row.of("GET", "/api/v1/admin/audit", null, Set.of(Caller.ADMIN), 200));
        rows.add(Row.of("GET", "/api/v1/reports/assessment?month=2025-01", null,
                Set.of(Caller.DISPATCHER, Caller.SUPERVISOR, Caller.OFFICIAL), 200));
        rows.add(Row.of("GET", "/api/v1/search?q=" + UUID.randomUUID(), null, STAFF, 200));
        rows.add(Row.of("GET", "/api/v1/tickets/" + NO_TICKET + "/similar", null, STAFF, 404));
        rows.add(Row.of("POST", "/api/v1/tickets/" + NO_TICKET + "/similar/" + NO_TICKET + "/accept", null,
                Set.of(Caller.DISPATCHER), 404));
        rows.add(Row.of("POST", "/api/v1/tickets/" + NO_TICKET + "/similar/" + NO_TICKET + "/dismiss", null,
                Set.of(Caller.DISPATCHER), 404));
        rows.add(Row.of("GET", "/api/v1/calendar/deadline?from=2026-09-30T02:00:00Z&amount=1&unit=working-days", null,
                STAFF, 200));
        rows.add(Row.of("GET", "/api/v1/units", null, STAFF, 200));

        // Workflow steps, on a ticket that does not exist: the role check comes first (403), then 404.
        Set<Caller> unitOrDispatcher = Set.of(Caller.OFFICIAL, Caller.DISPATCHER);
        Set<Caller> dispatcher = Set.of(Caller.DISPATCHER);
        Set<Caller> desk = Set.of(Caller.OPERATOR, Caller.DISPATCHER);
        Map<String, Set<Caller>> steps = new java.util.LinkedHashMap<>();
        steps.put("answer", desk);
        steps.put("register", desk);
        steps.put("dispatch", dispatcher);
        steps.put("sign-for", unitOrDispatcher);
        steps.put("start", unitOrDispatcher);
        steps.put("return", unitOrDispatcher);
        steps.put("return/accept", dispatcher);
        steps.put("return/reject", dispatcher);
        steps.put("reassign", dispatcher);
        steps.put("joint", dispatcher);
        steps.put("joint/report", unitOrDispatcher);
        steps.put("extension", unitOrDispatcher);
        steps.put("extension/approve", dispatcher);
        steps.put("extension/deny", dispatcher);
        steps.put("documents/request", unitOrDispatcher);
        steps.put("documents/received", unitOrDispatcher);
        steps.put("resolve", unitOrDispatcher);
        steps.put("verify", dispatcher);
        steps.put("close", dispatcher);
        steps.put("revisit", desk);
        steps.put("redo", Set.of(Caller.DISPATCHER, Caller.SUPERVISOR));
        steps.put("supervise", Set.of(Caller.DISPATCHER, Caller.SUPERVISOR));
        steps.put("escalate", unitOrDispatcher);
        steps.put("merge", dispatcher);
        steps.put("unmerge", dispatcher);
        steps.put("pickup", unitOrDispatcher);
        // merge checks first that the earlier ticket exists, which this one does not: 422 for the allowed.
        steps.forEach((step, allowed) -> rows.add(Row.of("POST", "/api/v1/tickets/" + NO_TICKET + "/" + step,
                "{\"reason\": \"r\", \"result\": \"r\", \"satisfaction\": \"满意\", \"unitCode\": \"430922-CGJ\", "
                        + "\"intoTicketNumber\": \"" + NO_TICKET + "\", \"days\": 1, \"units\": [\"430922-CGJ\"], "
                        + "\"documents\": [\"d\"], \"note\": \"n\"}",
                allowed, step.equals("merge") ? 422 : 404)));

        // Administration.
        Set<Caller> admin = Set.of(Caller.ADMIN);
        // Routing documents change only with If-Match (none here: 428), so no row changes them.
        rows.add(Row.of("GET", "/api/v1/admin/jurisdictions", null, admin, 200));
        rows.add(Row.of("PUT", "/api/v1/admin/jurisdictions", "{\"type\": \"FeatureCollection\", \"features\": []}", admin, 428));
        rows.add(Row.of("GET", "/api/v1/admin/catalog", null, admin, 200));
        rows.add(Row.of("PUT", "/api/v1/admin/catalog", "{}", admin, 428));
        rows.add(Row.of("GET", "/api/v1/admin/catalog/items/CS-0105", null, admin, 200));
        rows.add(Row.of("PUT", "/api/v1/admin/catalog/items/NOPE-1", "{}", admin, 428));
        rows.add(Row.of("DELETE", "/api/v1/admin/catalog/items/NOPE-1", null, admin, 404));
        rows.add(Row.of("GET", "/api/v1/admin/organization", null, admin, 200));
        rows.add(Row.of("PUT", "/api/v1/admin/organization", "{}", admin, 428));
        rows.add(Row.of("GET", "/api/v1/admin/posts/" + XIUSHAN_CENTER + "/受理岗/duty", null, admin, 200));
        rows.add(Row.of("PUT", "/api/v1/admin/posts/NOPE/duty", "{\"aOnDuty\": true, \"bOnDuty\": true}", admin, 404));
        rows.add(Row.of("GET", "/api/v1/admin/calendar", null, admin, 200));
        rows.add(Row.of("GET", "/api/v1/admin/calendar/2026", null, admin, 200));
        rows.add(Row.of("PUT", "/api/v1/admin/calendar/2097", "{}", admin, 422));
        rows.add(Row.of("POST", "/api/v1/admin/search/reindex", null, admin, NOT_CALLED));
        rows.add(Row.of("GET", "/api/v1/admin/search/reindex/" + UUID.randomUUID(), null, admin, 404));
        rows.add(Row.of("POST", "/api/v1/admin/search/reconcile", null, admin, 200));
        rows.add(Row.of("GET", "/api/v1/admin/users", null, admin, 200));
        rows.add(Row.of("POST", "/api/v1/admin/users", "{}", admin, 422));
        rows.add(Row.of("PUT", "/api/v1/admin/users/nobody-here", "{}", admin, 404));
        rows.add(Row.of("PUT", "/api/v1/admin/users/nobody-here/password", "{\"password\": \"long-enough-1\"}", admin, 404));
        rows.add(Row.of("GET", "/api/v1/admin/api-keys", null, admin, 200));
        rows.add(Row.of("POST", "/api/v1/admin/api-keys", "{}", admin, 422));
        rows.add(Row.of("DELETE", "/api/v1/admin/api-keys/" + UUID.randomUUID(), null, admin, 404));
        rows.add(Row.of("GET", "/api/v1/admin/retention", null, admin, 200));
        rows.add(Row.of("POST", "/api/v1/admin/retention/run", null, admin, 200));
        rows.add(Row.of("POST", "/api/v1/admin/column-keys/re-encrypt", null, admin, 200));
        return rows;
    }

    @Test
    void everyRoleGetsExactlyTheEndpointsItsWorkNeeds() {
        List<String> wrong = new ArrayList<>();
        for (Row row : matrix()) {
            for (Caller caller : Caller.values()) {
                int expected = row.allowed().contains(caller) ? row.allowedStatus() : caller == Caller.ANONYMOUS ? 401 : 403;
                if (expected == NOT_CALLED) {
                    continue;
                }
                RequestSpecification request = caller.request();
                if (row.body() != null) {
                    request = request.contentType(ContentType.JSON).body(row.body());
                }
                int actual = request.when().request(row.method(), row.path()).then().extract().statusCode();
                if (actual != expected) {
                    wrong.add(caller + " " + row.method() + " " + row.path() + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "role × endpoint mismatches:\n" + String.join("\n", wrong));
    }

    /** The sockets' rows: each names who may open it; everyone else gets 403 at the handshake, nobody 401. */
    record SocketRow(String path, Set<Caller> allowed) {
    }

    static List<SocketRow> sockets() {
        Set<Caller> commandCenter = Set.of(Caller.OPERATOR, Caller.DISPATCHER, Caller.SUPERVISOR, Caller.ADMIN);
        return List.of(
                // Each viewer sees its own reach on it.
                new SocketRow("/api/v1/live/tickets", STAFF),
                new SocketRow("/api/v1/live/command-center", commandCenter),
                // The unit's own official (official-xiushan) and the county's staff.
                new SocketRow("/api/v1/live/units/" + XIUSHAN_CENTER, STAFF),
                // Another township's screen: not for a 修山镇 official.
                new SocketRow("/api/v1/live/units/" + WUTAN_CENTER, commandCenter));
    }

    @Test
    void theLiveSocketsAdmitExactlyTheirViewers() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (SocketRow row : sockets()) {
            URI feed = URI.create(liveFeed.toString().replaceFirst("^http", "ws").replace("/api/v1/live/tickets", row.path()));
            for (Caller caller : Caller.values()) {
                int expected = row.allowed().contains(caller) ? 101 : caller == Caller.ANONYMOUS ? 401 : 403;
                int actual = handshake(feed, caller);
                if (actual != expected) {
                    wrong.add(caller + " WS " + row.path() + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertEquals(404, handshake(URI.create(liveFeed.toString().replaceFirst("^http", "ws")
                .replace("/api/v1/live/tickets", "/api/v1/live/units/NO-SUCH-UNIT")), Caller.DISPATCHER), "an unknown unit");
        assertTrue(wrong.isEmpty(), "role × socket mismatches:\n" + String.join("\n", wrong));
    }

    /** The handshake's status: 101 when the socket opened. */
    private static int handshake(URI feed, Caller caller) throws Exception {
        WebSocket.Builder handshake = HttpClient.newHttpClient().newWebSocketBuilder();
        if (caller == Caller.SOURCE) {
            handshake.header("X-Api-Key", DemoLogins.DEMO_INTAKE_KEY);
        } else if (caller != Caller.ANONYMOUS) {
            handshake.header("Authorization", "Bearer " + DemoLogins.token(caller.username));
        }
        try {
            handshake.buildAsync(feed, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS)
                    .sendClose(WebSocket.NORMAL_CLOSURE, "done");
            return 101;
        } catch (ExecutionException refused) {
            return refused.getCause() instanceof WebSocketHandshakeException handshakeRefused
                    ? handshakeRefused.getResponse().statusCode() : -1;
        }
    }

    @Test
    void refusalsAreProblemBodiesThatSayWhatIsMissing() {
        given().when().get("/api/v1/queue").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("detail", org.hamcrest.Matchers.containsString("bearer token"));
        given().auth().oauth2("not-a-token").when().get("/api/v1/queue").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("invalid or expired"));
        as("official-xiushan").when().get("/api/v1/queue").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("X-Api-Key", "no-such-key").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/intake/12345").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("API key"));
    }
}
