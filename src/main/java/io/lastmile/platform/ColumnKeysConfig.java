package io.lastmile.platform;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * The keys of the personal columns in PostgreSQL (see {@link ColumnCipher} and docs/privacy.md).
 * Each key is {@code <key id>:<32 bytes in base64>}; the id is written into every value it seals,
 * so that values sealed under an older key stay readable while it is listed in {@link #previous()}.
 * There is no default: in production {@code LASTMILE_COLUMN_KEY} must be set or the service does not start.
 */
@Unremovable
@ConfigMapping(prefix = "lastmile.column-keys")
public interface ColumnKeysConfig {

    /** The key that seals every new value ({@code LASTMILE_COLUMN_KEY}). */
    String current();

    /** Older keys, still read until the re-encryption has moved their values ({@code LASTMILE_COLUMN_KEYS_PREVIOUS}, comma-separated). */
    Optional<List<String>> previous();

    /** How often one replica moves values sealed under older keys (or still in clear) to the current key ({@code off} disables). */
    @io.smallrye.config.WithDefault("6h")
    String reEncryptInterval();
}
