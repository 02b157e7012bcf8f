package io.lastmile.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.LatestVersions;
import io.lastmile.ticket.TicketScope;
import io.lastmile.ticket.event.TicketEvent;
import io.lastmile.ticket.event.TicketEventReader;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feed of the command-center screens ({@link CommandCenterSocket}, {@link UnitFeedSocket}).
 * Each replica reads every partition of {@code ticket-events} in a group of its own, keeps the
 * latest deltas by offset ({@link ScreenJournal}), and hands each delta to the screens whose reach
 * covers its ticket. A delta's cursor is the screen's offsets on the topic, which mean the same on
 * every replica and after a restart: a replica starts {@link LiveConfig#resumeWindow()} records
 * back ({@link StartAWindowBack}), so that it can answer cursors from before it started.
 */
@ApplicationScoped
public class ScreenFeed {

    static final String CHANNEL = "ticket-events-screens";
    private static final Logger LOG = Logger.getLogger(ScreenFeed.class);

    private final ScreenSnapshots snapshots;
    private final ScreenMessages messages;
    private final TicketEventReader reader;
    private final LiveConfig config;
    private final ScreenJournal journal;
    private final LatestVersions delivered = new LatestVersions(200_000);
    private final Set<Screen> screens = ConcurrentHashMap.newKeySet();
    private final LiveMeters meters;

    public ScreenFeed(ScreenSnapshots snapshots, ObjectMapper json, LiveConfig config, LiveMeters meters) {
        this.snapshots = snapshots;
        this.meters = meters;
        this.messages = new ScreenMessages(json);
        this.reader = new TicketEventReader(json);
        this.config = config;
        this.journal = new ScreenJournal(config.resumeWindow());
    }

    /** This replica reads {@code partition} from {@code offset} on (its first assignment, {@link StartAWindowBack}). */
    synchronized void startAt(int partition, long offset) {
        journal.startAt(partition, offset);
    }

    /** One record of {@code ticket-events}: kept as a delta and handed to the screens that may read it. */
    @Incoming(CHANNEL)
    public void push(ConsumerRecord<String, String> record) {
        TicketEvent event = reader.read(record.value()).orElse(null);
        synchronized (this) {
            if (event == null || event.ticket() == null || !delivered.isNew(event.ticketId(), event.version())) {
                // A redelivery (the relay sent it twice) or an older state arriving late: the screens have it already.
                journal.passed(record.partition(), record.offset());
                return;
            }
            ScreenJournal.Delta delta = new ScreenJournal.Delta(record.partition(), record.offset(),
                    messages.delta(event), event.ticket().reach());
            journal.append(delta);
            for (Screen screen : screens) {
                screen.offer(delta);
            }
        }
        if ("TicketReceived".equals(event.type()) && event.occurredAt() != null) {
            meters.handedToScreens(event.occurredAt(), Instant.now());
        }
    }

    /**
     * A screen connects. With a cursor the journal still answers, it gets a {@code resumed} message and
     * exactly the deltas it missed; otherwise a {@code snapshot} (or a {@code resync} when its cursor was
     * too old), then the deltas from where the snapshot was read.
     */
    void open(Screen screen, Optional<FeedCursor> cursor) {
        FeedCursor snapshotAt;
        synchronized (this) {
            Optional<List<ScreenJournal.Delta>> missed = cursor.flatMap(journal::since);
            if (missed.isPresent()) {
                screen.startAt(cursor.get(), false);
                screens.add(screen);
                screen.offerMessage(new SharedBody("{\"type\":\"resumed\",\"missed\":" + missed.get().stream()
                        .filter(d -> screen.scope().covers(d.reach())).count()));
                missed.get().forEach(screen::offer);
                return;
            }
            // Read the snapshot after taking the position: every event before it is in PostgreSQL by then
            // (the relay publishes only what committed); those after it come as deltas, which the page
            // applies by version, so one already in the snapshot changes nothing.
            snapshotAt = journal.head();
            screen.startAt(snapshotAt, true);
            screens.add(screen);
        }
        snapshots.snapshot(cursor.isPresent() ? "resync" : "snapshot", screen.scope(), snapshotAt)
                .subscribe().with(screen::release, failure -> {
                    LOG.warnf("A screen's snapshot failed, closing it: %s", failure.toString());
                    screen.close(1011, "snapshot failed");
                });
    }

    void closed(Screen screen) {
        screens.remove(screen);
    }

    int screens() {
        return screens.size();
    }

    /** Fresh tiles for every screen, one read of the tickets for all; the message carries each screen's cursor. */
    @Scheduled(every = "${lastmile.live.tiles-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshTiles() {
        if (screens.isEmpty()) {
            return;
        }
        screens.forEach(Screen::closeIfStalled);
        List<TicketScope> scopes = screens.stream().map(Screen::scope).distinct().toList();
        snapshots.tilesOf(scopes).subscribe().with(tiles -> {
            Map<TicketScope, SharedBody> bodies = new HashMap<>();
            tiles.forEach((scope, node) -> bodies.put(scope,
                    new SharedBody("{\"type\":\"tiles\",\"tiles\":" + node.toString())));
            for (Screen screen : screens) {
                SharedBody body = bodies.get(screen.scope());
                if (body != null) {
                    screen.offerMessage(body);
                }
            }
        }, failure -> LOG.warnf("Screen tiles failed, trying again at the next refresh: %s", failure.toString()));
    }

    /** For tests and the benchmark: the feed's position. */
    synchronized FeedCursor head() {
        return journal.head();
    }
}
