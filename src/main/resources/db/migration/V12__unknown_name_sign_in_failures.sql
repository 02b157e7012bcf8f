-- Wrong passwords for a name that has no account are counted like an account's, so that the
-- answers (401, then 429 with Retry-After) never tell which accounts exist. The name is kept only
-- as its SHA-256: people type passwords into the name field.
CREATE TABLE unknown_name_failure (
    name_sha256     varchar(64) PRIMARY KEY,
    failed_logins   integer     NOT NULL,
    locked_until    timestamptz,
    last_failed_at  timestamptz NOT NULL
);

-- Both kinds of count are forgotten after a quiet day, the same way, so that neither tells the other apart.
ALTER TABLE user_account ADD COLUMN last_failed_login_at timestamptz;
