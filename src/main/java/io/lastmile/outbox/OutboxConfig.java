package io.lastmile.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code lastmile.outbox.*} settings of the relay to Kafka. */
@ConfigMapping(prefix = "lastmile.outbox")
public interface OutboxConfig {

    /** Events the relay reads and publishes per batch. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long published rows stay in the outbox before {@link OutboxPruner} deletes them: a window to
     * look back into when a consumer is in doubt, not an archive (the timeline and the topic are).
     */
    @WithDefault("P7D")
    java.time.Duration keepPublished();

    /** Rows deleted per statement when pruning: short transactions beside the relay's. */
    @WithDefault("10000")
    int pruneBatchSize();
}
