package io.lastmile.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.kpi.TrackedTickets.Key;
import io.lastmile.ticket.KpiQueries;
import io.lastmile.ticket.KpiQueries.Tracked;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.TicketView;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketEventReader;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The live KPIs of the screens (docs/kpis.md): the same counts as the monthly assessment, kept up
 * to date as events arrive on {@code ticket-events} instead of counted again for each screen. Each
 * replica reads every partition in a group of its own and holds, for each ticket a recent period can
 * count, the facts the definitions need ({@link TrackedTickets}); a ticket's event takes its old
 * contribution away from the groups' totals and adds its new one. At start (and after a failed
 * start) the facts are rebuilt from PostgreSQL once the consumer holds its partitions' ends
 * ({@link LiveKpisStart}): what committed before is in the tables, what commits after comes as
 * events, and facts from both are merged by version, so every replica counts the same. It reads
 * events and the tables only, never the services that wrote them.
 */
@ApplicationScoped
public class LiveKpis {

    static final String CHANNEL = "ticket-events-kpis";
    private static final Logger LOG = Logger.getLogger(LiveKpis.class);

    /** A screen's tiles from the live figures: today's volumes, the open tickets and their cards, the month's counts. */
    public record Tiles(boolean ready, YearMonth month, long today, Map<String, Long> todayByChannel, long open,
            long openYellow, long openRed, KpiQueries.Counts monthCounts) {
    }

    private final KpiQueries queries;
    private final TicketEventReader reader;
    private final Clock clock;
    private final int months;
    private Map<UUID, Tracked> tickets = new HashMap<>();
    private final Map<Key, LiveTally> totals = new HashMap<>();
    private Instant since;
    private volatile boolean ready;
    private volatile boolean started;

    public LiveKpis(KpiQueries queries, ObjectMapper json, Clock clock,
            @ConfigProperty(name = "lastmile.kpi.live-months", defaultValue = "2") int months) {
        this.queries = queries;
        this.reader = new TicketEventReader(json);
        this.clock = clock;
        this.months = Math.max(1, months);
    }

    /** One record of {@code ticket-events}: its ticket's facts merged in, the totals moved by the difference. */
    @Incoming(CHANNEL)
    public void count(ConsumerRecord<String, String> record) {
        reader.read(record.value()).ifPresent(this::apply);
    }

    synchronized void apply(TicketEvent event) {
        if (event.ticket() == null || event.ticketId() == null) {
            return;
        }
        Tracked facts = TrackedTickets.of(event);
        // A ticket from before the tracked months whose step counts for none of them: nothing to keep.
        if (since != null && !tickets.containsKey(facts.id()) && !TrackedTickets.countsSince(facts, since)) {
            return;
        }
        put(facts);
    }

    /** The consumer holds its partitions' ends: the facts from PostgreSQL fill in everything before. */
    void partitionsHeld() {
        started = true;
        rebuildFrom(firstTrackedMonth().atDay(1).atStartOfDay(TicketView.SHOWN_IN).toInstant()).subscribe().with(
                done -> LOG.infof("Live KPIs rebuilt from PostgreSQL: %d tickets since %s", size(), since),
                failure -> LOG.warnf("Live KPIs could not be rebuilt, trying again within a minute: %s", failure.toString()));
    }

    /** Retries a start that failed (PostgreSQL away at the time); the events meanwhile are merged in as well. */
    @Scheduled(every = "1m", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void retryStart() {
        if (started && !ready) {
            partitionsHeld();
        }
    }

    /**
     * Rebuilds the facts of every ticket a period from {@code from} on can count from PostgreSQL, and
     * merges in those events brought meanwhile: a fact is never lost, whichever source has it.
     */
    Uni<Void> rebuildFrom(Instant from) {
        return queries.trackedSince(from).invoke(loaded -> {
            synchronized (this) {
                Map<UUID, Tracked> fresh = new HashMap<>();
                loaded.forEach(t -> fresh.put(t.id(), t));
                tickets.forEach((id, known) -> fresh.merge(id, known, TrackedTickets::merge));
                tickets = fresh;
                totals.clear();
                tickets.values().forEach(t -> add(TrackedTickets.contribution(t), 1));
                since = from;
                ready = true;
            }
        }).replaceWithVoid();
    }

    /** Counts from {@code from} on with what events bring alone, nothing read from PostgreSQL (tests of the event path). */
    synchronized void countFrom(Instant from) {
        since = from;
        ready = true;
    }

    /** Once a month has passed out of the tracked ones, its tickets that count for no later period are let go. */
    @Scheduled(every = "1h", delayed = "10m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void forgetOldMonths() {
        Instant from = firstTrackedMonth().atDay(1).atStartOfDay(TicketView.SHOWN_IN).toInstant();
        if (since == null || !from.isAfter(since)) {
            return;
        }
        tickets.values().removeIf(t -> {
            boolean old = !TrackedTickets.countsSince(t, from);
            if (old) {
                add(TrackedTickets.contribution(t), -1);
            }
            return old;
        });
        totals.values().removeIf(LiveTally::isEmpty);
        since = from;
    }

    /**
     * The month's counts by county, unit or channel, as {@link KpiQueries#counts} gives them for the
     * same period; with {@code units}, only what those units handle. Only the tracked months: null for
     * one before them.
     */
    public synchronized List<KpiQueries.Counts> counts(YearMonth month, KpiQueries.Dimension dimension, Collection<String> units) {
        if (!tracks(month)) {
            return null;
        }
        Function<Key, String> group = switch (dimension) {
            case COUNTY -> key -> "430922";
            case UNIT -> Key::unit;
            case CHANNEL -> Key::channel;
            default -> throw new IllegalArgumentException("the live KPIs group by county, unit or channel, not " + dimension);
        };
        Map<String, LiveTally> byGroup = new TreeMap<>();
        sum(month.toString(), units, key -> byGroup.computeIfAbsent(group.apply(key), g -> new LiveTally()));
        // A group a ticket has left (another unit took it) keeps a tally of zeros: no row, as in the report.
        return byGroup.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> e.getValue().counts(e.getKey())).toList();
    }

    /** The tiles of a screen whose scope is {@code scope}: by the units it covers, as the assessment filters them. */
    public synchronized Tiles tiles(TicketScope scope) {
        Collection<String> units = scope.everything() ? null : scope.unitCodes();
        LocalDate today = clock.instant().atZone(TicketView.SHOWN_IN).toLocalDate();
        YearMonth month = YearMonth.from(today);
        Map<String, Long> byChannel = new TreeMap<>();
        LiveTally todays = new LiveTally();
        totals.forEach((key, tally) -> {
            if (key.period().equals(today.toString()) && (units == null || units.contains(key.unit()))) {
                byChannel.merge(key.channel(), tally.received, Long::sum);
                todays.add(tally, 1);
            }
        });
        byChannel.values().removeIf(n -> n == 0);
        LiveTally now = new LiveTally();
        sum(TrackedTickets.NOW, units, key -> now);
        LiveTally ofMonth = new LiveTally();
        sum(month.toString(), units, key -> ofMonth);
        return new Tiles(ready, month, todays.received, byChannel, now.open, now.openYellow, now.openRed, ofMonth.counts("tiles"));
    }

    /** Whether the figures include what PostgreSQL held at start, not only the events since. */
    public boolean ready() {
        return ready;
    }

    synchronized int size() {
        return tickets.size();
    }

    private boolean tracks(YearMonth month) {
        return since != null && !month.atDay(1).atStartOfDay(TicketView.SHOWN_IN).toInstant().isBefore(since);
    }

    private YearMonth firstTrackedMonth() {
        return YearMonth.now(clock.withZone(TicketView.SHOWN_IN)).minusMonths(months - 1L);
    }

    private void sum(String period, Collection<String> units, Function<Key, LiveTally> into) {
        Set<String> wanted = units == null ? null : Set.copyOf(units);
        totals.forEach((key, tally) -> {
            if (key.period().equals(period) && (wanted == null || wanted.contains(key.unit()))) {
                into.apply(key).add(tally, 1);
            }
        });
    }

    private void put(Tracked facts) {
        Tracked known = tickets.get(facts.id());
        Tracked merged = TrackedTickets.merge(known, facts);
        if (known != null) {
            add(TrackedTickets.contribution(known), -1);
        }
        tickets.put(merged.id(), merged);
        add(TrackedTickets.contribution(merged), 1);
    }

    private void add(Map<Key, LiveTally> contribution, int sign) {
        contribution.forEach((key, tally) -> totals.computeIfAbsent(key, k -> new LiveTally()).add(tally, sign));
    }
}
