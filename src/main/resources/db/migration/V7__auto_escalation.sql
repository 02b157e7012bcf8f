-- 升级 by the clock: a red card left unresolved for a while moves the ticket one level up.
ALTER TABLE ticket ADD COLUMN escalate_at timestamptz;
CREATE INDEX ticket_escalation_due ON ticket (escalate_at) WHERE escalate_at IS NOT NULL;
