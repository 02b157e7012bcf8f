-- The ticket aggregate, its numbering and the outbox through which its events leave.
-- Instants are timestamptz (stored in UTC, shown in Asia/Shanghai by the API).

CREATE TABLE ticket (
    id              uuid PRIMARY KEY,
    ticket_number   varchar(32)  NOT NULL UNIQUE,
    channel         varchar(16)  NOT NULL,
    source_id       varchar(128) NOT NULL,
    status          varchar(32)  NOT NULL,
    kind            varchar(32)  NOT NULL,
    urgency         varchar(16)  NOT NULL,
    text            text         NOT NULL,
    address         varchar(500),
    source_time     timestamptz  NOT NULL,
    received_at     timestamptz  NOT NULL,
    received_by     varchar(128) NOT NULL,
    version         integer      NOT NULL,
    -- Exactly once: a source's redelivery of the same item never makes a second ticket.
    CONSTRAINT ticket_source_once UNIQUE (channel, source_id)
);

CREATE INDEX ticket_received_at ON ticket (received_at);

-- One row per (county, day): the next ticket number of that day, taken under a row lock.
CREATE TABLE ticket_number_sequence (
    county_code varchar(12) NOT NULL,
    day         date        NOT NULL,
    last_value  integer     NOT NULL,
    PRIMARY KEY (county_code, day)
);

-- Events written in the same transaction as the state change they describe; the relay publishes
-- them to Kafka in position order and marks them published.
CREATE TABLE outbox_event (
    position     bigserial    PRIMARY KEY,
    event_id     uuid         NOT NULL UNIQUE,
    topic        varchar(64)  NOT NULL,
    record_key   varchar(64)  NOT NULL,
    event_type   varchar(64)  NOT NULL,
    payload      text         NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    published_at timestamptz
);

CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;
