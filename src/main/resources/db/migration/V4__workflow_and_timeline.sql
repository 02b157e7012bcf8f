-- The dispatch workflow: what each step leaves on the ticket, and the timeline of every step.
ALTER TABLE ticket
    -- 首问负责制: who is answerable for the ticket now (the first contact until a recorded hand-over).
    ADD COLUMN responsible       varchar(128),
    -- 即办件: answered and closed at intake.
    ADD COLUMN immediate         boolean      NOT NULL DEFAULT false,
    ADD COLUMN result_text       text,
    -- 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意
    ADD COLUMN satisfaction      varchar(16),
    ADD COLUMN supervised        boolean      NOT NULL DEFAULT false,
    ADD COLUMN redo_count        integer      NOT NULL DEFAULT 0,
    -- The state to go back to after a pause (延期 decision, 补办 documents received).
    ADD COLUMN resume_status     varchar(32),
    ADD COLUMN merged_into       varchar(32),
    ADD COLUMN extension_days    integer      NOT NULL DEFAULT 0,
    -- 联办: [{"unitCode", "unitName", "reported", "report"}] of the assisting units.
    ADD COLUMN assistants        text         NOT NULL DEFAULT '[]',
    -- The unit that returned it (退回), for the dispatcher's decision.
    ADD COLUMN returned_by_unit  varchar(64),
    -- The nearest deadline (the time-limit capability sets it); the queue sorts by it.
    ADD COLUMN deadline          timestamptz;

UPDATE ticket SET responsible = received_by WHERE responsible IS NULL;
ALTER TABLE ticket ALTER COLUMN responsible SET NOT NULL;

CREATE INDEX ticket_status ON ticket (status);

-- Every step of every ticket, with actor, time and reason: the timeline users read.
CREATE TABLE ticket_event (
    id           uuid         PRIMARY KEY,
    ticket_id    uuid         NOT NULL REFERENCES ticket (id),
    version      integer      NOT NULL,
    type         varchar(64)  NOT NULL,
    from_status  varchar(32),
    to_status    varchar(32)  NOT NULL,
    actor        varchar(128) NOT NULL,
    reason       text,
    data         text         NOT NULL DEFAULT '{}',
    responsible  varchar(128) NOT NULL,
    unit_code    varchar(64),
    occurred_at  timestamptz  NOT NULL,
    CONSTRAINT ticket_event_version_once UNIQUE (ticket_id, version)
);
