package io.lastmile.routing;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.TicketKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The clocks a channel's rules set for a kind of its tickets, whatever their matter, e.g. 12315
 * complaints: the decision to accept (受理决定, the unit's sign-for) within 7 working days of
 * receipt, mediation ended within 45 working days of acceptance.
 *
 * @param channel    the channel's code (12315 …)
 * @param kind       the ticket kind (COMPLAINT, REPORT …); absent for every kind of the channel
 * @param basis      the rule the limits come from
 */
public record ChannelClock(String channel, String kind, StageClock queue, StageClock signFor, StageClock completion,
        String basis) {

    public StageClocks stages() {
        return new StageClocks(queue, signFor, completion, basis);
    }

    /** Whether it applies to tickets of this channel and kind. */
    public boolean appliesTo(String channelCode, TicketKind ticketKind) {
        return channel != null && channel.equals(channelCode) && (kind == null || kind.equals(ticketKind.name()));
    }

    /** {@code 12315 COMPLAINT}, or the channel alone for every kind. */
    public String label() {
        return kind == null ? channel : channel + " " + kind;
    }

    List<String> problems(String where) {
        List<String> problems = new ArrayList<>();
        if (Channel.byCode(channel).isEmpty()) {
            problems.add(where + ".channel: unknown channel " + (channel == null ? "(it is missing)" : "'" + channel + "'")
                    + "; one of " + String.join(", ", Arrays.stream(Channel.values()).map(Channel::code).toList()));
        }
        if (kind != null && kindOf(kind).isEmpty()) {
            problems.add(where + ".kind: unknown kind '" + kind + "'; one of "
                    + String.join(", ", Arrays.stream(TicketKind.values()).map(TicketKind::name).toList())
                    + ", or absent for every kind");
        }
        problems.addAll(stages().problems(where));
        return problems;
    }

    private static Optional<TicketKind> kindOf(String name) {
        return Arrays.stream(TicketKind.values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
