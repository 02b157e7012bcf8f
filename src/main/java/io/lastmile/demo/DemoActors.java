package io.lastmile.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.demo.DemoPeople.Plan;
import io.lastmile.demo.DemoPeople.Seen;
import io.lastmile.demo.DemoPeople.Who;
import io.lastmile.platform.ClasspathText;
import io.lastmile.platform.DemoFeedMark;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The living demo: simulated people work the demo feed's tickets in dev mode, through the REST API
 * and with the demo accounts, as people at their desks would ({@link DemoPeople} decides what each
 * does next). They sign in at {@code /api/v1/auth/login} and refresh their tokens, find open tickets
 * through the search API as the dispatcher, open each one, and act only on those the demo feed sent
 * ({@link DemoFeedMark}: {@code receivedBy} starts with {@code demo-feed:}); a ticket someone created
 * by hand is never touched. Off unless {@code lastmile.demo.actors.enabled}.
 */
@ApplicationScoped
public class DemoActors {

    private static final Logger LOG = Logger.getLogger(DemoActors.class);
    /**
     * The states in which a ticket waits for someone the demo plays. A redo after an unhappy 回访 is
     * planned from the revisit's own answer, so the ever-growing pile of revisited tickets is never read.
     */
    private static final String OPEN = "RECEIVED,REGISTERED,DISPATCHED,SIGNED_FOR,IN_PROGRESS,RETURNED,"
            + "EXTENSION_REQUESTED,WAITING_FOR_DOCUMENTS,RESOLVED,VERIFIED,CLOSED";
    private static final int NOT_OURS_KEPT = 50_000;
    private static final Set<String> COUNTY_ROLES = Set.of("admin", "supervisor", "dispatcher", "operator");

    private final DemoActorsConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Each unit's first account in the shipped organization: the official who takes its steps. */
    private final Map<String, String> officials = new HashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Tickets with a step planned; each is in hand once. */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    /** Tickets that are not the demo feed's, or are done: never opened again. */
    private final Set<String> leftAlone = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > NOT_OURS_KEPT;
                }
            }));
    private final AtomicLong stepsTaken = new AtomicLong();
    private volatile DemoPeople people;
    private volatile ScheduledThreadPoolExecutor desks;
    private volatile String baseUrl;
    private String cursor;

    public DemoActors(DemoActorsConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            return;
        }
        String ownPort = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", String.class).orElse("8080");
        begin(new DemoPeople(new Random(), config.speed(), config.returnPercent(), config.extensionPercent(),
                config.answerAtIntakePercent()), config.lookEvery(), config.baseUrl().orElse("http://localhost:" + ownPort));
        LOG.infof("Demo actors on: officials, dispatcher, operator and supervisor work the demo feed's tickets"
                + " at %.0f× real time (lastmile.demo.actors.enabled=false turns them off)", config.speed());
    }

    void stop(@Observes ShutdownEvent stopped) {
        end();
    }

    /**
     * The people come to work at the API under {@code apiBaseUrl}: they look at the open tickets every
     * {@code lookEvery} and act as they decide.
     */
    synchronized void begin(DemoPeople decisions, Duration lookEvery, String apiBaseUrl) {
        if (desks != null) {
            throw new IllegalStateException("the demo actors are already at work");
        }
        people = decisions;
        baseUrl = apiBaseUrl.replaceAll("/+$", "");
        if (officials.isEmpty()) {
            readOfficials();
        }
        // A few desks: one looks at the lists while the others take the steps that fall due.
        desks = new ScheduledThreadPoolExecutor(4, runnable -> {
            Thread thread = new Thread(runnable, "demo-actors");
            thread.setDaemon(true);
            return thread;
        });
        long every = lookEvery.toMillis();
        desks.scheduleWithFixedDelay(this::lookSafely, Math.min(every, 3000), every, TimeUnit.MILLISECONDS);
    }

    /** They go home: nothing planned is taken any more. */
    synchronized void end() {
        if (desks != null) {
            desks.shutdownNow();
            desks = null;
            inHand.clear();
        }
    }

    /** How many steps the simulated people took since start. */
    public long stepsTaken() {
        return stepsTaken.get();
    }

    private void readOfficials() {
        try {
            for (JsonNode user : json.readTree(ClasspathText.read("routing/organization.json")).path("users")) {
                String username = user.path("username").asText();
                // The command center's own tickets are the dispatcher's: its admin, supervisor and operator do not sign for.
                if (!COUNTY_ROLES.contains(username)) {
                    officials.putIfAbsent(user.path("unit").asText(), username);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the shipped organization is not JSON", e);
        }
    }

    private void lookSafely() {
        try {
            look();
        } catch (Exception e) {
            LOG.debugf("Demo actors could not look at the open tickets: %s", e.toString());
        }
    }

    /**
     * What the dispatcher reads: the newest open tickets first (what just came in), then a few pages of
     * the sweep over all of them, oldest first, carrying on from the last look (what was left behind,
     * before a restart too).
     */
    private void look() throws IOException, InterruptedException {
        HttpResponse<String> newest = call(Who.DISPATCHER, null, "GET", "/api/v1/search?sort=newest&size=100&status=" + OPEN, null);
        if (newest.statusCode() == 200) {
            for (JsonNode hit : json.readTree(newest.body()).path("hits")) {
                String number = hit.path("ticketNumber").asText();
                if (!inHand.contains(number) && !leftAlone.contains(number)) {
                    open(number);
                }
            }
        }
        for (int page = 0; page < config.pagesPerLook(); page++) {
            String query = "/api/v1/search?sort=oldest&size=100&status=" + OPEN
                    + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> answer = call(Who.DISPATCHER, null, "GET", query, null);
            if (answer.statusCode() != 200) {
                return;
            }
            JsonNode hits = json.readTree(answer.body()).path("hits");
            if (hits.isEmpty()) {
                cursor = null; // the end: the next look starts again from the oldest
                return;
            }
            for (JsonNode hit : hits) {
                String number = hit.path("ticketNumber").asText();
                if (!inHand.contains(number) && !leftAlone.contains(number)) {
                    open(number);
                }
                cursor = hit.path("cursor").asText(null);
            }
            if (hits.size() < 100 || cursor == null) {
                cursor = null;
                return;
            }
        }
    }

    /** Opens a ticket as the dispatcher and, if it is the demo feed's, plans its next step. */
    private void open(String number) throws IOException, InterruptedException {
        HttpResponse<String> answer = call(Who.DISPATCHER, null, "GET", "/api/v1/tickets/" + number, null);
        if (answer.statusCode() != 200) {
            return;
        }
        JsonNode view = json.readTree(answer.body());
        if (!DemoFeedMark.isDemoFeed(view.path("receivedBy").asText(null))) {
            leftAlone.add(number);
            return;
        }
        plan(view);
    }

    private void plan(JsonNode view) {
        String number = view.path("ticketNumber").asText();
        var next = people.next(seen(view));
        if (next.isEmpty()) {
            inHand.remove(number);
            leftAlone.add(number);
            return;
        }
        inHand.add(number);
        Plan plan = next.get();
        String unit = view.path("unit").path("code").asText(null);
        ScheduledThreadPoolExecutor desks = this.desks;
        if (desks == null) {
            return;
        }
        desks.schedule(() -> actSafely(number, unit, plan), plan.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void actSafely(String number, String unit, Plan plan) {
        try {
            act(number, unit, plan);
        } catch (Exception e) {
            inHand.remove(number); // the next look picks it up again
            LOG.debugf("Demo actors could not take %s on %s: %s", plan.action(), number, e.toString());
        }
    }

    private void act(String number, String unit, Plan plan) throws IOException, InterruptedException {
        String path = "/api/v1/tickets/" + number + "/" + plan.action();
        HttpResponse<String> answer = call(plan.who(), unit, "POST", path, json.writeValueAsString(plan.body()));
        if (answer.statusCode() == 200) {
            stepsTaken.incrementAndGet();
            plan(json.readTree(answer.body()));
            return;
        }
        if ("dispatch".equals(plan.action()) && answer.statusCode() != 409) {
            // Routing found no owner: the dispatcher sends it to the township it is in, as a person would.
            HttpResponse<String> ticket = call(Who.DISPATCHER, null, "GET", "/api/v1/tickets/" + number, null);
            String township = json.readTree(ticket.body()).path("townshipCode").asText(null);
            if (township != null && !township.isBlank()) {
                answer = call(Who.DISPATCHER, null, "POST", path,
                        json.writeValueAsString(Map.of("unitCode", township + "-BMFW")));
                if (answer.statusCode() == 200) {
                    stepsTaken.incrementAndGet();
                    plan(json.readTree(answer.body()));
                    return;
                }
            }
        }
        if (answer.statusCode() == 409) {
            LOG.debugf("Demo step %s on %s refused (409): %s", plan.action(), number, answer.body());
        } else {
            LOG.infof("Demo step %s on %s refused (%d), the ticket is left alone: %s", plan.action(), number,
                    answer.statusCode(), answer.body());
        }
        // Someone else moved it (409), or it is not the people's to take: open it afresh at the next look.
        inHand.remove(number);
        if (answer.statusCode() != 409) {
            leftAlone.add(number);
        }
    }

    static Seen seen(JsonNode view) {
        Set<String> allowed = new HashSet<>();
        view.path("allowedSteps").forEach(step -> allowed.add(step.asText()));
        return new Seen(view.path("ticketNumber").asText(), view.path("status").asText(), view.path("kind").asText(null),
                view.path("unit").path("code").asText(null), view.path("townshipCode").asText(null),
                view.path("satisfaction").isNull() ? null : view.path("satisfaction").asText(null),
                view.path("redoCount").asInt(), view.path("extensionDays").asInt(), allowed);
    }

    // --- signing in, as each person does -----------------------------------------------------------------

    private record Session(String token, String refreshToken, Instant renewAfter) {
    }

    private String account(Who who, String unit) {
        return switch (who) {
            case DISPATCHER -> "dispatcher";
            case OPERATOR -> "operator";
            case SUPERVISOR -> "supervisor";
            // A unit without an account of its own is acted for by the dispatcher, and the timeline says so.
            case OFFICIAL -> unit == null ? "dispatcher" : officials.getOrDefault(unit, "dispatcher");
        };
    }

    private HttpResponse<String> call(Who who, String unit, String method, String path, String body)
            throws IOException, InterruptedException {
        String username = account(who, unit);
        HttpResponse<String> answer = send(method, path, body, token(username, false));
        if (answer.statusCode() == 401) {
            answer = send(method, path, body, token(username, true));
        }
        return answer;
    }

    private HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The account's bearer token: signed in once, refreshed shortly before it expires or when refused. */
    private String token(String username, boolean refused) throws IOException, InterruptedException {
        Session session = sessions.get(username);
        if (session != null && !refused && Instant.now().isBefore(session.renewAfter())) {
            return session.token();
        }
        HttpResponse<String> answer = null;
        if (session != null) {
            answer = send("POST", "/api/v1/auth/refresh", json.writeValueAsString(Map.of("refreshToken",
                    session.refreshToken())), null);
        }
        if (answer == null || answer.statusCode() != 200) {
            answer = send("POST", "/api/v1/auth/login", json.writeValueAsString(Map.of("username", username,
                    "password", "demo")), null);
        }
        if (answer.statusCode() != 200) {
            throw new IOException(username + " could not sign in: " + answer.statusCode());
        }
        JsonNode tokens = json.readTree(answer.body());
        long seconds = tokens.path("expiresIn").asLong(300);
        sessions.put(username, new Session(tokens.path("token").asText(), tokens.path("refreshToken").asText(),
                Instant.now().plusSeconds(Math.max(5, seconds - 30))));
        return tokens.path("token").asText();
    }
}
