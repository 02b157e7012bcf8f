package io.lastmile.sla;

import io.lastmile.routing.Catalog;
import io.lastmile.routing.CatalogItem;
import io.lastmile.routing.ChannelClock;
import io.lastmile.routing.StageClock;
import io.lastmile.routing.StageClocks;
import io.lastmile.routing.StageClocks.Stage;
import io.lastmile.sla.StageLimit.Amount;
import io.lastmile.sla.StageLimit.Source;
import io.lastmile.ticket.Deadlines.TicketFacts;
import io.lastmile.ticket.Urgency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides which rule gives a ticket's stage its limit, the first that has one
 * (docs/time-limits.md): the matter's own stage clock; else the clock the ticket's channel sets
 * for its kind; else the urgency's limit (queue, sign-for) or the matter's promised limit
 * (completion); else the default completion limit. The most specific rule wins: a matter's clock
 * was written for exactly that matter, a channel's for all its tickets of a kind, and the urgency
 * defaults and promised limits for everything else.
 */
final class StagePolicies {

    private final Catalog catalog;
    private final SlaConfig config;
    private final long minutesPerWorkingDay;

    /** @param minutesPerWorkingDay the working day's length, for promised limits counted in working hours */
    StagePolicies(Catalog catalog, SlaConfig config, long minutesPerWorkingDay) {
        this.catalog = catalog;
        this.config = config;
        this.minutesPerWorkingDay = minutesPerWorkingDay;
    }

    /** The limit of this ticket's stage. */
    StageLimit limit(Stage stage, TicketFacts ticket) {
        Optional<CatalogItem> matter = ticket.catalogCode() == null ? Optional.empty()
                : catalog.byCode(ticket.catalogCode());
        return matter.flatMap(m -> own(stage, m))
                .or(() -> catalog.channelClock(ticket.channel().code(), ticket.kind()).flatMap(c -> byChannel(stage, c)))
                .orElseGet(() -> stage == Stage.COMPLETION ? completion(matter)
                        : byUrgency(stage, ticket.urgency()));
    }

    /**
     * Every rule of each stage of a matter in the order they are tried, for the catalog: the
     * matter's own clock alone where it has one, else the channels' clocks, then the urgencies' or
     * the promised limit.
     */
    List<StageLimit> rulesFor(CatalogItem matter) {
        List<StageLimit> rules = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            Optional<StageLimit> own = own(stage, matter);
            if (own.isPresent()) {
                rules.add(own.get());
                continue;
            }
            catalog.channelClocks().forEach(c -> byChannel(stage, c).ifPresent(rules::add));
            if (stage == Stage.COMPLETION) {
                rules.add(completion(Optional.of(matter)));
            } else {
                for (Urgency urgency : List.of(Urgency.CRITICAL, Urgency.URGENT, Urgency.NORMAL)) {
                    rules.add(byUrgency(stage, urgency));
                }
            }
        }
        return rules;
    }

    private static Optional<StageLimit> own(Stage stage, CatalogItem matter) {
        return fromCatalog(stage, Source.MATTER, "every ticket of " + matter.code(), matter.clocks());
    }

    private static Optional<StageLimit> byChannel(Stage stage, ChannelClock clock) {
        return fromCatalog(stage, Source.CHANNEL, clock.label(), clock.stages());
    }

    private static Optional<StageLimit> fromCatalog(Stage stage, Source source, String appliesTo, StageClocks clocks) {
        StageClock clock = clocks == null ? null : clocks.clock(stage);
        return clock == null ? Optional.empty() : Optional.of(new StageLimit(stage, source, appliesTo, Amount.of(clock),
                clock.countsFromReceipt(), clocks.basis()));
    }

    private StageLimit byUrgency(Stage stage, Urgency urgency) {
        Amount amount = stage == Stage.QUEUE ? switch (urgency) {
            case CRITICAL -> new StageLimit.CalendarTime(config.queueCritical());
            case URGENT -> new StageLimit.CalendarTime(config.queueUrgent());
            case NORMAL -> new StageLimit.WorkingTime(config.queueNormalWorkingTime());
        } : new StageLimit.CalendarTime(switch (urgency) {
            case CRITICAL -> config.signForCritical();
            case URGENT -> config.signForUrgent();
            case NORMAL -> config.signForNormal();
        });
        return new StageLimit(stage, Source.URGENCY, urgency.name(), amount, false, null);
    }

    /** The matter's promised limit by its clock policy; the default limit for a ticket with no matter. */
    private StageLimit completion(Optional<CatalogItem> matter) {
        if (matter.isEmpty()) {
            return new StageLimit(Stage.COMPLETION, Source.DEFAULT, "a ticket with no matter",
                    new StageLimit.WorkingDays(config.defaultCompletionWorkingDays()), false, null);
        }
        int days = matter.get().promisedLimitDays();
        Amount amount = switch (matter.get().clockPolicy()) {
            case "calendar-hours" -> new StageLimit.CalendarTime(Duration.ofHours(24L * days));
            case "working-hours" -> new StageLimit.WorkingTime(Duration.ofMinutes(days * minutesPerWorkingDay));
            default -> new StageLimit.WorkingDays(days);
        };
        return new StageLimit(Stage.COMPLETION, Source.PROMISED, "every other ticket", amount, false, null);
    }
}
