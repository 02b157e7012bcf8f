-- Who may sign in, with what role and unit; their refresh tokens; and the keys of source systems.

CREATE TABLE user_account (
    username          varchar(64)  PRIMARY KEY,
    display_name      varchar(100) NOT NULL,
    -- operator / dispatcher / official / supervisor / admin
    role              varchar(16)  NOT NULL,
    -- The unit an official works for (the organization document's unit code); county roles have the center.
    unit_code         varchar(32),
    -- bcrypt, never the password.
    password_hash     varchar(100) NOT NULL,
    enabled           boolean      NOT NULL DEFAULT true,
    -- Five wrong passwords in a row lock the account for a while: guessing stays slow on every replica.
    failed_logins     integer      NOT NULL DEFAULT 0,
    locked_until      timestamptz,
    created_at        timestamptz  NOT NULL,
    password_changed_at timestamptz NOT NULL
);

-- A refresh token is stored only as its SHA-256; each is used once and replaced (rotation).
CREATE TABLE refresh_token (
    token_sha256  varchar(64)  PRIMARY KEY,
    username      varchar(64)  NOT NULL REFERENCES user_account (username) ON DELETE CASCADE,
    issued_at     timestamptz  NOT NULL,
    expires_at    timestamptz  NOT NULL,
    used_at       timestamptz
);

CREATE INDEX refresh_token_by_user ON refresh_token (username);

-- A source system's key, stored only as its SHA-256; revoked keys stay for the record.
CREATE TABLE api_key (
    id            uuid         PRIMARY KEY,
    system        varchar(64)  NOT NULL,
    -- The first characters of the key, so that people can tell keys apart without seeing them.
    key_prefix    varchar(12)  NOT NULL,
    key_sha256    varchar(64)  NOT NULL UNIQUE,
    -- Comma-separated channel codes the key may deliver to (12345,12315,…), or * for all.
    channels      varchar(200) NOT NULL,
    created_at    timestamptz  NOT NULL,
    created_by    varchar(64)  NOT NULL,
    revoked_at    timestamptz
);
