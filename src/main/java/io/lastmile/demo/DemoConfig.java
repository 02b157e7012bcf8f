package io.lastmile.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code lastmile.demo.feed.*} settings of the demo source systems (dev mode). */
@ConfigMapping(prefix = "lastmile.demo.feed")
public interface DemoConfig {

    /** Whether the demo feed sends records to the intake topics; on in dev mode only. */
    @WithDefault("false")
    boolean enabled();

    /** Records sent each second. */
    @WithDefault("1")
    int recordsPerSecond();

    /** The share of records sent malformed, in percent, to show the dead letters at work. */
    @WithDefault("3")
    int faultPercent();
}
