-- The audit log: who revealed which personal field of which ticket and why, who read dead letters
-- (the sources' original bytes). Steps on tickets are on their timeline (ticket_event). Append
-- only: the service inserts, and the database refuses to change or delete an entry.
CREATE TABLE audit_entry (
    id           bigserial    PRIMARY KEY,
    at           timestamptz  NOT NULL DEFAULT now(),
    actor        varchar(128) NOT NULL,
    role         varchar(16)  NOT NULL,
    action       varchar(64)  NOT NULL,
    ticket_number varchar(32),
    subject      varchar(128),
    reason       text
);
CREATE INDEX audit_entry_at ON audit_entry (at);
CREATE INDEX audit_entry_ticket ON audit_entry (ticket_number) WHERE ticket_number IS NOT NULL;
CREATE INDEX audit_entry_actor ON audit_entry (actor, at);

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append only (% refused)', TG_OP;
END
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();
