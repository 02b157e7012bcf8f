package io.lastmile.ticket;

import io.smallrye.config.ConfigMapping;

/** The {@code lastmile.county.*} settings: the county this deployment serves. */
@ConfigMapping(prefix = "lastmile.county")
public interface CountyConfig {

    /** The county's administrative code (桃江县: 430922); every ticket number starts with it. */
    String code();
}
