-- The assessment counts each hand-over's sign-for against the deadline the hand-over set, which a
-- later step overwrites on the ticket: each timeline entry keeps the deadline of the stage it began.
ALTER TABLE ticket_event ADD COLUMN stage_deadline timestamptz;

-- The assessment reads steps of some types in a period, and tickets whose completion deadline fell in one.
CREATE INDEX ticket_event_type_occurred ON ticket_event (type, occurred_at);
CREATE INDEX ticket_completion_deadline ON ticket (completion_deadline) WHERE completion_deadline IS NOT NULL;
