-- Published outbox rows are pruned after a window (lastmile.outbox.keep-published): the pruner
-- finds the old ones by their publication time without reading the whole table.
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
