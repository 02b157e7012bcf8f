package io.lastmile.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code lastmile.intake.*} settings of the intake adapters. */
@ConfigMapping(prefix = "lastmile.intake")
public interface IntakeConfig {

    /** The largest record {@code POST /api/v1/intake/{channel}} takes, in bytes ({@code 413} above it). */
    @WithDefault("262144")
    int maxRecordBytes();
}
