package io.lastmile.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The accounts and their refresh tokens in PostgreSQL. Plain SQL on the reactive pool: sign-in
 * runs before any Hibernate session exists, and each statement here is one atomic change (a
 * refresh token is used exactly once even when two replicas receive it at the same moment).
 */
@ApplicationScoped
class Accounts {

    private static final String COLUMNS = "username, display_name, role, unit_code, password_hash, enabled, failed_logins, locked_until";

    private final Pool database;

    Accounts(Pool database) {
        this.database = database;
    }

    Uni<Optional<Account>> find(String username) {
        return database.preparedQuery("SELECT " + COLUMNS + " FROM user_account WHERE username = $1")
                .execute(Tuple.of(username))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
    }

    Uni<List<Account>> all() {
        return database.query("SELECT " + COLUMNS + " FROM user_account ORDER BY username").execute()
                .map(rows -> {
                    List<Account> accounts = new ArrayList<>();
                    rows.forEach(row -> accounts.add(account(row)));
                    return accounts;
                });
    }

    /** Creates the account unless the name is taken; true if it was created. */
    Uni<Boolean> create(Account account, Instant now) {
        return database.preparedQuery("""
                        INSERT INTO user_account (username, display_name, role, unit_code, password_hash, enabled,
                                                  created_at, password_changed_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (username) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(account.username(), account.displayName(), account.role().claim(),
                        account.unitCode(), account.passwordHash(), account.enabled(), at(now))))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> update(String username, String displayName, Role role, String unitCode, boolean enabled) {
        return database.preparedQuery("""
                        UPDATE user_account SET display_name = $2, role = $3, unit_code = $4, enabled = $5,
                               failed_logins = CASE WHEN $5 THEN failed_logins ELSE 0 END
                        WHERE username = $1""")
                .execute(Tuple.from(Arrays.asList(username, displayName, role.claim(), unitCode, enabled)))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> changePassword(String username, String passwordHash, Instant now) {
        return database.preparedQuery("""
                        UPDATE user_account SET password_hash = $2, password_changed_at = $3, failed_logins = 0,
                               locked_until = NULL WHERE username = $1""")
                .execute(Tuple.of(username, passwordHash, at(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Long> count() {
        return database.query("SELECT count(*) AS n FROM user_account").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** One more wrong password; the account locks for {@code lockFor} at the {@code lockAfter}th in a row. */
    Uni<Void> recordFailedLogin(String username, int lockAfter, Duration lockFor, Instant now) {
        return database.preparedQuery("""
                        UPDATE user_account SET failed_logins = failed_logins + 1, last_failed_login_at = $4,
                               locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
                        WHERE username = $1""")
                .execute(Tuple.of(username, lockAfter, at(now.plus(lockFor)), at(now)))
                .replaceWithVoid();
    }

    /** Until when a name without an account is locked, or null: such names are counted as accounts are. */
    Uni<Instant> unknownNameLockedUntil(String nameSha256) {
        return database.preparedQuery("SELECT locked_until FROM unknown_name_failure WHERE name_sha256 = $1")
                .execute(Tuple.of(nameSha256))
                .map(rows -> rows.size() == 0 || rows.iterator().next().getOffsetDateTime("locked_until") == null ? null
                        : rows.iterator().next().getOffsetDateTime("locked_until").toInstant());
    }

    /** As {@link #recordFailedLogin}, for a name without an account. */
    Uni<Void> recordUnknownNameFailure(String nameSha256, int lockAfter, Duration lockFor, Instant now) {
        return database.preparedQuery("""
                        INSERT INTO unknown_name_failure AS f (name_sha256, failed_logins, locked_until, last_failed_at)
                        VALUES ($1, 1, CASE WHEN 1 >= $2 THEN $3::timestamptz END, $4)
                        ON CONFLICT (name_sha256) DO UPDATE SET failed_logins = f.failed_logins + 1, last_failed_at = $4,
                               locked_until = CASE WHEN f.failed_logins + 1 >= $2 THEN $3::timestamptz ELSE f.locked_until END""")
                .execute(Tuple.of(nameSha256, lockAfter, at(now.plus(lockFor)), at(now)))
                .replaceWithVoid();
    }

    /** Wrong passwords a day old and not followed by more are forgotten, for accounts and unknown names alike. */
    Uni<Void> forgetQuietFailures(Instant before) {
        return database.preparedQuery("""
                        UPDATE user_account SET failed_logins = 0, locked_until = NULL, last_failed_login_at = NULL
                        WHERE last_failed_login_at < $1""")
                .execute(Tuple.of(at(before)))
                .chain(() -> database.preparedQuery("DELETE FROM unknown_name_failure WHERE last_failed_at < $1")
                        .execute(Tuple.of(at(before))))
                .replaceWithVoid();
    }

    Uni<Void> recordSuccessfulLogin(String username) {
        return database.preparedQuery("UPDATE user_account SET failed_logins = 0, locked_until = NULL WHERE username = $1")
                .execute(Tuple.of(username)).replaceWithVoid();
    }

    Uni<Void> storeRefreshToken(String tokenSha256, String username, Instant now, Instant expiresAt) {
        return database.preparedQuery("""
                        INSERT INTO refresh_token (token_sha256, username, issued_at, expires_at) VALUES ($1, $2, $3, $4)""")
                .execute(Tuple.of(tokenSha256, username, at(now), at(expiresAt)))
                .replaceWithVoid();
    }

    /**
     * Uses a refresh token: the account it belongs to, if it is unused and unexpired. A token used a
     * second time was copied: every refresh token of that account is then revoked, so the thief and
     * the owner both sign in again.
     */
    Uni<Optional<String>> useRefreshToken(String tokenSha256, Instant now) {
        return database.preparedQuery("""
                        UPDATE refresh_token SET used_at = $2
                        WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > $2 RETURNING username""")
                .execute(Tuple.of(tokenSha256, at(now)))
                .chain(used -> used.size() == 1
                        ? Uni.createFrom().item(Optional.of(used.iterator().next().getString("username")))
                        : revokeAllIfReused(tokenSha256).replaceWith(Optional.<String>empty()));
    }

    private Uni<RowSet<Row>> revokeAllIfReused(String tokenSha256) {
        return database.preparedQuery("""
                        DELETE FROM refresh_token WHERE username IN
                            (SELECT username FROM refresh_token WHERE token_sha256 = $1 AND used_at IS NOT NULL)""")
                .execute(Tuple.of(tokenSha256));
    }

    Uni<Void> revokeRefreshToken(String tokenSha256) {
        return database.preparedQuery("DELETE FROM refresh_token WHERE token_sha256 = $1")
                .execute(Tuple.of(tokenSha256)).replaceWithVoid();
    }

    /**
     * Forgets refresh tokens that can no longer be used. A used one is kept a day, so that its
     * reuse is still recognised as a copy and ends the account's sessions.
     */
    Uni<Integer> forgetDeadRefreshTokens(Instant now) {
        return database.preparedQuery("DELETE FROM refresh_token WHERE expires_at < $1 OR used_at < $2")
                .execute(Tuple.of(at(now), at(now.minus(Duration.ofDays(1)))))
                .map(rows -> rows.rowCount());
    }

    Uni<Void> revokeRefreshTokensOf(String username) {
        return database.preparedQuery("DELETE FROM refresh_token WHERE username = $1")
                .execute(Tuple.of(username)).replaceWithVoid();
    }

    private static Account account(Row row) {
        OffsetDateTime locked = row.getOffsetDateTime("locked_until");
        return new Account(row.getString("username"), row.getString("display_name"),
                Role.ofClaim(row.getString("role")).orElseThrow(), row.getString("unit_code"),
                row.getString("password_hash"), row.getBoolean("enabled"), row.getInteger("failed_logins"),
                locked == null ? null : locked.toInstant());
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
