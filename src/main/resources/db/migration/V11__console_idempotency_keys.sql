-- The Idempotency-Key of POST /api/v1/tickets: it belongs to the signed-in account and is
-- remembered for a day. A double click answers the ticket of the first click; the same key from
-- another seat, or the next day, is a new call.
CREATE TABLE console_idempotency_key (
    username        varchar(128) NOT NULL,
    idempotency_key varchar(100) NOT NULL,
    -- SHA-256 of the request as the service read it: the same key with another request is refused.
    request_sha256  varchar(64)  NOT NULL,
    -- The ticket's source id (console-<uuid>) in channel 12345: a repeat finds the ticket by it.
    source_id       varchar(128) NOT NULL,
    first_used_at   timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    PRIMARY KEY (username, idempotency_key)
);

CREATE INDEX console_idempotency_key_expiry ON console_idempotency_key (expires_at);
