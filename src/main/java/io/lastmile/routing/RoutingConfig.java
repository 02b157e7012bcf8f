package io.lastmile.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code lastmile.routing.*} settings. */
@ConfigMapping(prefix = "lastmile.routing")
public interface RoutingConfig {

    /** How often each replica picks up routing data an admin changed on another replica. */
    @WithDefault("5s")
    String reloadInterval();
}
