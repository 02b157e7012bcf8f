package io.lastmile.intake;

import io.lastmile.platform.DemoFeedMark;
import io.lastmile.routing.Router;
import io.lastmile.routing.RoutingService;
import io.lastmile.ticket.Channel;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketService.Received;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a source's native record in: the channel's adapter turns it into a {@link NewTicket}, the
 * ticket service stores it exactly once. Serves both the Kafka topics and the REST routes.
 */
@ApplicationScoped
public class IntakeService {

    private static final Logger LOG = Logger.getLogger(IntakeService.class);

    private final Map<Channel, SourceAdapter> adapters = new EnumMap<>(Channel.class);
    private final TicketService tickets;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final RoutingService routing;

    public IntakeService(Instance<SourceAdapter> adapters, TicketService tickets, DeadLetters deadLetters, Clock clock,
            RoutingService routing) {
        this.routing = routing;
        adapters.forEach(adapter -> this.adapters.put(adapter.channel(), adapter));
        this.tickets = tickets;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** What became of a record from a topic. */
    public record Outcome(Received received, IntakeDeadLetter deadLetter) {
    }

    public Optional<Channel> channel(String code) {
        return Channel.byCode(code).filter(adapters::containsKey);
    }

    /**
     * The normalized command, or a rejection naming the field. Anything the adapter did not foresee
     * is a rejection too, never a 500 or a stuck consumer.
     */
    public NewTicket parse(Channel channel, byte[] body) {
        try {
            return adapters.get(channel).toTicket(body, clock.instant());
        } catch (IntakeRejected rejected) {
            throw rejected;
        } catch (RuntimeException unexpected) {
            LOG.warnf("The %s adapter failed on a record: %s", channel.code(), unexpected.toString());
            throw IntakeRejected.malformed("记录无法读取 (the record could not be read: " + unexpected.getClass().getSimpleName() + ")");
        }
    }

    /** REST: a rejection fails the Uni with {@link IntakeRejected}; the caller answers the source. */
    public Uni<Received> accept(Channel channel, byte[] body) {
        NewTicket command;
        try {
            command = parse(channel, body);
        } catch (IntakeRejected rejected) {
            return Uni.createFrom().failure(rejected);
        }
        return receive(command);
    }

    /** Routes the matter (owner, derived location), then stores it exactly once. */
    public Uni<Received> receive(NewTicket command) {
        return receive(command, false, null);
    }

    /**
     * A call an operator took: the operator answers for it (首问负责制) until a recorded hand-over,
     * not the command center as for the source systems' records.
     */
    public Uni<Received> receiveFromOperator(NewTicket command, TicketService.AtIntake answered) {
        return receive(command, true, answered);
    }

    private Uni<Received> receive(NewTicket command, boolean takenByOperator, TicketService.AtIntake atIntake) {
        return Uni.createFrom().deferred(() -> {
            Router.Routed routed = routing.route(command);
            var owner = takenByOperator ? routed.owner().withResponsible(command.actor()) : routed.owner();
            return tickets.receive(command.withLocation(routed.location()), owner, atIntake);
        });
    }

    /** Keeps a record that cannot become a ticket, with its bytes and the reason. */
    public Uni<IntakeDeadLetter> deadLetter(Channel channel, String key, byte[] body, IntakeRejected rejected) {
        return deadLetters.record(channel.code(), key, body == null ? new byte[0] : body, rejected);
    }

    /** Kafka: a rejection becomes a dead letter, and the consumer goes on with the next record. */
    public Uni<Outcome> acceptFromTopic(Channel channel, String key, byte[] body) {
        return acceptFromTopic(channel, key, body, false);
    }

    /**
     * Kafka, with the record's origin: the demo feed's tickets are received by
     * {@code demo-feed:<source system>} ({@link DemoFeedMark}), the one mark the demo's simulated people act on.
     */
    public Uni<Outcome> acceptFromTopic(Channel channel, String key, byte[] body, boolean fromDemoFeed) {
        NewTicket command;
        try {
            command = parseFromTopic(channel, body, fromDemoFeed);
        } catch (IntakeRejected rejected) {
            LOG.infof("Dead letter on intake.%s (key %s): %s", channel.code(), key, rejected.describe());
            return deadLetter(channel, key, body, rejected).map(letter -> new Outcome(null, letter));
        }
        return receive(command).map(received -> new Outcome(received, null));
    }

    /** One record of a topic's batch: its key, its bytes and whether the demo feed wrote it. */
    public record TopicRecord(String key, byte[] value, boolean fromDemoFeed) {
    }

    /**
     * Kafka, a whole poll of one topic at once: each record becomes a ticket or a dead letter as
     * {@link #acceptFromTopic(Channel, String, byte[], boolean)} makes it, the tickets stored in one
     * transaction ({@link TicketService#receiveAll}). Answers one outcome per record, in order.
     */
    public Uni<List<Outcome>> acceptAllFromTopic(Channel channel, List<TopicRecord> records) {
        List<TicketService.Incoming> valid = new ArrayList<>();
        List<Integer> validAt = new ArrayList<>();
        Outcome[] outcomes = new Outcome[records.size()];
        Uni<Void> deadLetters = Uni.createFrom().voidItem();
        for (int i = 0; i < records.size(); i++) {
            TopicRecord record = records.get(i);
            int at = i;
            try {
                NewTicket command = parseFromTopic(channel, record.value(), record.fromDemoFeed());
                Router.Routed routed = routing.route(command);
                valid.add(new TicketService.Incoming(command.withLocation(routed.location()), routed.owner()));
                validAt.add(i);
            } catch (IntakeRejected rejected) {
                LOG.infof("Dead letter on intake.%s (key %s): %s", channel.code(), record.key(), rejected.describe());
                deadLetters = deadLetters.chain(() -> deadLetter(channel, record.key(), record.value(), rejected))
                        .invoke(letter -> outcomes[at] = new Outcome(null, letter)).replaceWithVoid();
            }
        }
        return deadLetters.chain(() -> tickets.receiveAll(valid)).map(received -> {
            for (int i = 0; i < received.size(); i++) {
                outcomes[validAt.get(i)] = new Outcome(received.get(i), null);
            }
            return List.of(outcomes);
        });
    }

    private NewTicket parseFromTopic(Channel channel, byte[] body, boolean fromDemoFeed) {
        NewTicket command = parse(channel, body);
        if (fromDemoFeed) {
            command = new NewTicket(command.channel(), command.sourceId(), command.sourceTime(), command.kind(),
                    command.urgency(), command.text(), command.address(), command.location(), command.contact(),
                    command.extras(), DemoFeedMark.RECEIVED_BY_PREFIX + command.actor());
        }
        return command;
    }
}
