package io.lastmile.platform;

/**
 * How the demo feed's tickets are told from real ones and from those someone sends by hand: the
 * feed sets a header on its Kafka records, and intake then records the ticket as received by
 * {@code demo-feed:<source system>}. The demo's simulated people act on these tickets only.
 */
public final class DemoFeedMark {

    /** The Kafka header the demo feed sets on every record it sends. */
    public static final String HEADER = "lastmile-demo-feed";
    /** How {@code receivedBy} begins for a ticket of the demo feed. */
    public static final String RECEIVED_BY_PREFIX = "demo-feed:";

    private DemoFeedMark() {
    }

    /** Whether a ticket received by this actor came from the demo feed. */
    public static boolean isDemoFeed(String receivedBy) {
        return receivedBy != null && receivedBy.startsWith(RECEIVED_BY_PREFIX);
    }
}
