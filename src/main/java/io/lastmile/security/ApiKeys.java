package io.lastmile.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The keys source systems deliver with, stored as SHA-256 only. Every request reads its key from
 * PostgreSQL, so a revoked key stops working on every replica at once.
 */
@ApplicationScoped
class ApiKeys {

    /** All channels, as the channels column writes it. */
    static final String ALL_CHANNELS = "*";

    /** A key as people manage it: never the key itself, only its first characters. */
    record ApiKey(UUID id, String system, String keyPrefix, List<String> channels, Instant createdAt, String createdBy,
            Instant revokedAt) {

        boolean allows(String channel) {
            return channels.contains(ALL_CHANNELS) || channels.contains(channel);
        }
    }

    private static final String COLUMNS = "id, system, key_prefix, channels, created_at, created_by, revoked_at";

    private final Pool database;

    ApiKeys(Pool database) {
        this.database = database;
    }

    Uni<Optional<ApiKey>> findActive(String key) {
        return database.preparedQuery("SELECT " + COLUMNS + " FROM api_key WHERE key_sha256 = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(Secrets.fingerprint(key)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(apiKey(rows.iterator().next())));
    }

    Uni<List<ApiKey>> all() {
        return database.query("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at, system").execute().map(rows -> {
            List<ApiKey> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(apiKey(row)));
            return keys;
        });
    }

    /** Stores a new key; false if this exact key is stored already (the demo key at every start). */
    Uni<Boolean> add(UUID id, String system, String key, Set<String> channels, String createdBy, Instant now) {
        return database.preparedQuery("""
                        INSERT INTO api_key (id, system, key_prefix, key_sha256, channels, created_at, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key_sha256) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(id, system, key.substring(0, Math.min(8, key.length())),
                        Secrets.fingerprint(key), String.join(",", channels), Accounts.at(now), createdBy)))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> revoke(UUID id, Instant now) {
        return database.preparedQuery("UPDATE api_key SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(id, Accounts.at(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static ApiKey apiKey(Row row) {
        OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
        return new ApiKey(row.getUUID("id"), row.getString("system"), row.getString("key_prefix"),
                Arrays.stream(row.getString("channels").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .collect(Collectors.toList()),
                row.getOffsetDateTime("created_at").toInstant(), row.getString("created_by"),
                revoked == null ? null : revoked.toInstant());
    }
}
