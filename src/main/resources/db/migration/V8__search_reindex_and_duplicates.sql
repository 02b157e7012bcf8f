-- Reindex jobs: one row per rebuild of the search index from PostgreSQL, so that every replica can
-- answer a job's progress and only one job runs at a time (the partial unique index).
CREATE TABLE search_reindex_job (
    id            uuid         PRIMARY KEY,
    target_index  varchar(128) NOT NULL,
    phase         varchar(32)  NOT NULL,
    total         bigint       NOT NULL DEFAULT 0,
    done          bigint       NOT NULL DEFAULT 0,
    caught_up     bigint       NOT NULL DEFAULT 0,
    started_at    timestamptz  NOT NULL,
    heartbeat_at  timestamptz  NOT NULL,
    finished_at   timestamptz,
    error         text,
    requested_by  varchar(128) NOT NULL
);
CREATE UNIQUE INDEX search_reindex_one_running ON search_reindex_job ((true)) WHERE finished_at IS NULL;

-- The catch-up after a reindex and the reconciliation look for steps since a moment.
CREATE INDEX ticket_event_occurred_at ON ticket_event (occurred_at);

-- Duplicate detection: for a new ticket, the earlier open tickets about the same problem, with the
-- score that decided between an automatic link and a suggestion, and what a dispatcher made of it.
CREATE TABLE duplicate_candidate (
    ticket_number     varchar(32)  NOT NULL,
    candidate_number  varchar(32)  NOT NULL,
    score             double precision NOT NULL,
    text_similarity   double precision NOT NULL,
    distance_meters   double precision,
    -- AUTO_LINKED, SUGGESTED, ACCEPTED or DISMISSED
    decision          varchar(16)  NOT NULL,
    decided_by        varchar(128),
    decided_at        timestamptz,
    found_at          timestamptz  NOT NULL,
    PRIMARY KEY (ticket_number, candidate_number)
);
CREATE INDEX duplicate_candidate_of ON duplicate_candidate (candidate_number);

-- The detection's query: open tickets of one category received in a window.
CREATE INDEX ticket_category_received ON ticket (catalog_code, received_at);
