package io.lastmile.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code lastmile.live.*} settings of the live feeds. */
@ConfigMapping(prefix = "lastmile.live")
public interface LiveConfig {

    /** Recent events kept for a screen that connects. */
    @WithDefault("50")
    int rememberedEvents();

    /** How often sockets whose token expired are closed. */
    @WithDefault("15s")
    String expiryCheck();
}
