-- The working calendar per year, loaded by admins (the 2026 notice is seeded).
CREATE TABLE calendar_year (
    year        integer      PRIMARY KEY,
    content     text         NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(128) NOT NULL
);

-- Time limits on the ticket: the deadlines of the current stage, when its cards fall due, the cards
-- raised, and the pause in progress (补办, 延期 decision).
ALTER TABLE ticket
    ADD COLUMN sign_for_deadline      timestamptz,
    ADD COLUMN completion_deadline    timestamptz,
    ADD COLUMN feedback_deadline      timestamptz,
    ADD COLUMN deadline_provisional   boolean      NOT NULL DEFAULT false,
    ADD COLUMN yellow_at              timestamptz,
    ADD COLUMN red_at                 timestamptz,
    -- NONE, YELLOW or RED
    ADD COLUMN card                   varchar(8)   NOT NULL DEFAULT 'NONE',
    ADD COLUMN paused_at              timestamptz,
    ADD COLUMN picked_up_at           timestamptz;

-- The scan finds due cards through these, whatever the number of open tickets.
CREATE INDEX ticket_yellow_due ON ticket (yellow_at) WHERE card = 'NONE' AND paused_at IS NULL;
CREATE INDEX ticket_red_due ON ticket (red_at) WHERE card <> 'RED' AND paused_at IS NULL;
