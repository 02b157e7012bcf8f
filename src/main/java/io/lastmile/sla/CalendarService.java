package io.lastmile.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lastmile.platform.ClasspathText;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The working calendar in force: years stored in PostgreSQL (2026 seeded from the State Council's
 * notice), working hours from the configuration, reloaded on every replica when an admin loads a
 * year. Counts the deadlines computed with a year that has no data yet.
 */
@ApplicationScoped
public class CalendarService {

    private static final Logger LOG = Logger.getLogger(CalendarService.class);
    private static final List<String> SEEDED_YEARS = List.of("sla/calendar-2026.json");

    private final Pool database;
    private final ObjectMapper json;
    private final List<WorkingCalendar.Period> hours;
    private final Counter provisional;
    private final AtomicReference<WorkingCalendar> current = new AtomicReference<>();
    private final AtomicReference<String> loadedStamp = new AtomicReference<>("");

    public CalendarService(Pool database, ObjectMapper json, MeterRegistry metrics, SlaConfig config) {
        this.database = database;
        this.json = json;
        this.hours = parseHours(config.calendar().workingHours());
        this.provisional = metrics.counter("lastmile.deadlines.provisional");
    }

    void onStart(@Observes StartupEvent started) {
        seed().chain(this::reload).await().indefinitely();
        LOG.infof("Working calendar loaded for %s", calendar().years());
    }

    public WorkingCalendar calendar() {
        WorkingCalendar calendar = current.get();
        if (calendar == null) {
            throw new IllegalStateException("the working calendar is not loaded yet");
        }
        return calendar;
    }

    /** Every deadline computed goes through here, so that provisional ones are counted. */
    public WorkingCalendar.Deadline counted(WorkingCalendar.Deadline deadline) {
        if (deadline.provisional()) {
            provisional.increment();
        }
        return deadline;
    }

    public Uni<JsonNode> yearDocument(int year) {
        return database.preparedQuery("SELECT content FROM calendar_year WHERE year = $1").execute(Tuple.of(year))
                .map(rows -> rows.rowCount() == 0 ? null : parse(rows.iterator().next().getString("content")));
    }

    /** Loads or replaces a year after checking it; an invalid one fails with {@link IllegalArgumentException}. */
    public Uni<Void> replace(int year, JsonNode document, String actor) {
        CalendarYear parsed = CalendarYears.read(document);
        if (parsed.year() != year) {
            throw new IllegalArgumentException("year: the document is for " + parsed.year() + ", not " + year);
        }
        String content;
        try {
            content = json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
        return database.preparedQuery("""
                INSERT INTO calendar_year (year, content, updated_at, updated_by) VALUES ($1, $2, now(), $3)
                ON CONFLICT (year) DO UPDATE SET content = $2, updated_at = now(), updated_by = $3""")
                .execute(Tuple.of(year, content, actor))
                .chain(this::reload);
    }

    @Scheduled(every = "${lastmile.sla.calendar.reload-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reloadIfChanged() {
        return database.query("SELECT count(*) AS n, max(updated_at)::text AS latest FROM calendar_year").execute()
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    String stamp = row.getLong("n") + "/" + row.getString("latest");
                    return stamp.equals(loadedStamp.get()) ? Uni.createFrom().voidItem() : reload();
                })
                .onFailure().invoke(e -> LOG.warnf("Calendar not reloaded: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> reload() {
        return database.query("SELECT content, (SELECT count(*) FROM calendar_year)::text || '/' || "
                        + "(SELECT max(updated_at)::text FROM calendar_year) AS stamp FROM calendar_year").execute()
                .map(rows -> {
                    List<CalendarYear> years = new ArrayList<>();
                    String stamp = "";
                    for (Row row : rows) {
                        years.add(CalendarYears.read(parse(row.getString("content"))));
                        stamp = row.getString("stamp");
                    }
                    current.set(new WorkingCalendar(years, hours));
                    loadedStamp.set(stamp);
                    return null;
                });
    }

    private Uni<Void> seed() {
        List<Uni<Void>> inserts = new ArrayList<>();
        for (String file : SEEDED_YEARS) {
            String content = ClasspathText.read(file);
            int year = CalendarYears.read(parse(content)).year();
            inserts.add(database.preparedQuery("""
                    INSERT INTO calendar_year (year, content, updated_at, updated_by) VALUES ($1, $2, now(), 'seed')
                    ON CONFLICT (year) DO NOTHING""").execute(Tuple.of(year, content)).replaceWithVoid());
        }
        return Uni.join().all(inserts).andFailFast().replaceWithVoid();
    }

    private JsonNode parse(String content) {
        try {
            return json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calendar data is not JSON", e);
        }
    }

    static List<WorkingCalendar.Period> parseHours(String text) {
        List<WorkingCalendar.Period> periods = new ArrayList<>();
        for (String span : text.split(",")) {
            String[] ends = span.trim().split("-");
            periods.add(new WorkingCalendar.Period(LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim())));
        }
        return periods;
    }

}
