-- An event Kafka refuses for good (too large, say) must not hold up every event behind it: the
-- relay sets it aside with the reason, for an operator to look at.
ALTER TABLE outbox_event ADD COLUMN failure text;
DROP INDEX outbox_event_unpublished;
CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL AND failure IS NULL;
