-- What every source system sends beyond the text: the citizen's contact, a position, and the
-- channel's own extras; and the records that could not become tickets.

ALTER TABLE ticket
    ADD COLUMN contact_name         varchar(100),
    -- Normalized digits only (13907375678); kept out of logs, masked in events and the index.
    ADD COLUMN contact_phone        varchar(20),
    ADD COLUMN anonymous            boolean      NOT NULL DEFAULT false,
    -- WGS-84, the one system that storage, search and maps agree on.
    ADD COLUMN longitude            double precision,
    ADD COLUMN latitude             double precision,
    -- EXACT (the source gave it) / VILLAGE / TOWNSHIP / COUNTY (derived by routing) / NONE
    ADD COLUMN location_precision   varchar(16)  NOT NULL DEFAULT 'NONE',
    -- The position as the source sent it, before conversion (e.g. GCJ02 112.1062,28.4123).
    ADD COLUMN source_coord_system  varchar(16),
    ADD COLUMN source_longitude     double precision,
    ADD COLUMN source_latitude      double precision,
    -- Channel extras as JSON: 12315 respondent and amount, 12369 pollution type, urban codes and grid, kiosk device.
    ADD COLUMN extras               text         NOT NULL DEFAULT '{}';

-- A record from a source that could not become a ticket, kept with its original bytes so that it
-- can be replayed once the adapter or the source is fixed.
CREATE TABLE intake_dead_letter (
    id           uuid         PRIMARY KEY,
    channel      varchar(16)  NOT NULL,
    source_key   varchar(256),
    payload      bytea        NOT NULL,
    -- A source that delivers the same bad record again makes no second dead letter.
    payload_sha256 varchar(64) NOT NULL,
    field        varchar(128),
    reason       text         NOT NULL,
    received_at  timestamptz  NOT NULL,
    replayed_at  timestamptz,
    ticket_number varchar(32)
);

CREATE UNIQUE INDEX intake_dead_letter_once ON intake_dead_letter (channel, payload_sha256);
CREATE INDEX intake_dead_letter_open ON intake_dead_letter (received_at DESC) WHERE replayed_at IS NULL;
