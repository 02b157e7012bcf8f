package io.lastmile.routing;

import io.lastmile.classify.Classification;
import io.lastmile.classify.LearnedGrams;
import io.lastmile.classify.MatterClassifier;
import io.lastmile.ticket.Channel;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The matter catalog (事项目录) and the rules that classify a new ticket to one of its items: the
 * source's own category code first (urban, grid), then the specialized hotlines' default (12315,
 * 12369, kiosk), then the {@link MatterClassifier} over the text and address, built from the
 * items' weighted words. What the classifier is not sure enough of stays unclassified and waits
 * for a dispatcher. It also holds the clocks that channels set for kinds of their tickets
 * ({@link ChannelClock}), whatever the matter.
 */
public final class Catalog {

    /** The confidence below which a call is left to a dispatcher, when the catalog document names none. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final List<CatalogItem> items;
    private final List<ChannelClock> channelClocks;
    private final MatterClassifier classifier;

    /** A catalog without channel clocks whose classifier uses the bundled learned grams and removes no place names. */
    public Catalog(List<CatalogItem> items) {
        this(items, List.of());
    }

    public Catalog(List<CatalogItem> items, List<ChannelClock> channelClocks) {
        this(items, channelClocks, DEFAULT_THRESHOLD, List.of());
    }

    /**
     * @param threshold the classifier's threshold (0–1)
     * @param places    the names of the jurisdictions, which say where a call is, not what it is about
     */
    public Catalog(List<CatalogItem> items, List<ChannelClock> channelClocks, double threshold, Collection<String> places) {
        this.items = List.copyOf(items);
        this.channelClocks = List.copyOf(channelClocks);
        long distinct = items.stream().map(CatalogItem::code).distinct().count();
        if (distinct != items.size()) {
            throw new IllegalArgumentException("catalog codes must be unique");
        }
        this.classifier = new MatterClassifier(items.stream()
                .map(i -> new MatterClassifier.Matter(i.code(), i.rules().weightedWords())).toList(),
                LearnedGrams.bundled(), places, threshold);
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
                .or(() -> classify(ticket.text(), ticket.address()).matter().flatMap(this::byCode));
    }

    /** What the classifier makes of a call's words alone: the matter or none, and why. */
    public Classification classify(String text, String address) {
        return classifier.classify((text == null ? "" : text) + " " + (address == null ? "" : address));
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
}
