package io.lastmile.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code lastmile.outbox.*} settings of the relay to Kafka. */
@ConfigMapping(prefix = "lastmile.outbox")
public interface OutboxConfig {

    /** Events the relay reads and publishes per batch. */
    @WithDefault("500")
    int batchSize();
}
