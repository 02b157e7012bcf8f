package io.lastmile.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Period;

/** The {@code lastmile.retention.*} settings: how long closed tickets keep their callers' personal data. */
@ConfigMapping(prefix = "lastmile.retention")
public interface RetentionConfig {

    /** How long after its last step a closed ticket keeps its caller's personal data (ISO-8601, {@code P3Y}). */
    @WithDefault("P3Y")
    Period period();

    /** How often one replica anonymises what fell due ({@code off} disables; the admin endpoint still runs it). */
    @WithDefault("1d")
    String interval();

    /** Tickets anonymised per transaction. */
    @WithDefault("200")
    int batchSize();
}
