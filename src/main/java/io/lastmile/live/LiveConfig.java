package io.lastmile.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code lastmile.live.*} settings of the live feeds. */
@ConfigMapping(prefix = "lastmile.live")
public interface LiveConfig {

    /** Recent events kept for a screen that connects to {@code /api/v1/live/tickets}. */
    @WithDefault("50")
    int rememberedEvents();

    /** How often sockets whose token expired are closed. */
    @WithDefault("15s")
    String expiryCheck();

    /** Deltas kept per partition of {@code ticket-events} for screens that resume with a cursor; older cursors resync. */
    @WithDefault("5000")
    int resumeWindow();

    /** Messages a screen may fall behind before it is dropped and must resync. */
    @WithDefault("1000")
    int screenQueue();

    /** A send a screen has not taken in this long drops it (it must resync). */
    @WithDefault("10s")
    java.time.Duration screenSendTimeout();

    /** Open tickets in a snapshot beyond which the map part is counted per village. */
    @WithDefault("2000")
    int snapshotTicketLimit();

    /** Tickets of the queue's head a counted (aggregated) snapshot still carries. */
    @WithDefault("300")
    int snapshotQueueHead();

    /** How often screens get fresh KPI tiles. */
    @WithDefault("10s")
    String tilesEvery();
}
