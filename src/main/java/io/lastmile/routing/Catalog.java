package io.lastmile.routing;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The matter catalog (事项目录) and the rules that classify a new ticket to one of its items: the
 * source's own category code first (urban, grid), then the specialized hotlines' default (12315,
 * 12369, kiosk), then the longest keyword found in the text. What matches nothing stays
 * unclassified and waits for a dispatcher. It also holds the clocks that channels set for kinds of
 * their tickets ({@link ChannelClock}), whatever the matter.
 */
public final class Catalog {

    private final List<CatalogItem> items;
    private final List<ChannelClock> channelClocks;

    public Catalog(List<CatalogItem> items, List<ChannelClock> channelClocks) {
        this.items = List.copyOf(items);
        this.channelClocks = List.copyOf(channelClocks);
        long distinct = items.stream().map(CatalogItem::code).distinct().count();
        if (distinct != items.size()) {
            throw new IllegalArgumentException("catalog codes must be unique");
        }
    }

    public List<CatalogItem> items() {
        return items;
    }

    public List<ChannelClock> channelClocks() {
        return channelClocks;
    }

    /** The clocks set for a channel's tickets of this kind: the kind's own before the channel's for every kind. */
    public Optional<ChannelClock> channelClock(String channelCode, TicketKind kind) {
        return channelClocks.stream().filter(c -> c.appliesTo(channelCode, kind))
                .min(Comparator.comparing(c -> c.kind() == null));
    }

    public Optional<CatalogItem> byCode(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    public Optional<CatalogItem> classify(NewTicket ticket) {
        return bySourceCategory(ticket)
                .or(() -> items.stream().filter(i -> i.rules().channels().contains(ticket.channel().code())).findFirst())
                .or(() -> byKeyword(ticket.text() + " " + (ticket.address() == null ? "" : ticket.address())));
    }

    private Optional<CatalogItem> bySourceCategory(NewTicket ticket) {
        Map<String, Object> extras = ticket.extras() == null ? Map.of() : ticket.extras();
        if (ticket.channel() == Channel.URBAN && extras.get("category") instanceof Map<?, ?> category) {
            Object minor = category.get("minor");
            return items.stream().filter(i -> i.rules().urbanCodes().contains(String.valueOf(minor))).findFirst();
        }
        if (ticket.channel() == Channel.GRID && extras.get("category") instanceof String category) {
            return items.stream().filter(i -> i.rules().gridCategories().contains(category)).findFirst();
        }
        return Optional.empty();
    }

    private Optional<CatalogItem> byKeyword(String text) {
        CatalogItem best = null;
        int bestLength = 0;
        for (CatalogItem item : items) {
            int longest = item.rules().keywords().stream().filter(text::contains)
                    .max(Comparator.comparingInt(String::length)).map(String::length).orElse(0);
            if (longest > bestLength) {
                best = item;
                bestLength = longest;
            }
        }
        return Optional.ofNullable(best);
    }
}
