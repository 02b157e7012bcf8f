-- Routing data (jurisdictions as GeoJSON, the matter catalog, the organization) as documents an
-- admin replaces through the API; every replica reloads them when their version changes.
CREATE TABLE routing_document (
    name        varchar(32)  PRIMARY KEY,  -- jurisdictions | catalog | organization
    content     text         NOT NULL,
    version     bigint       NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(128) NOT NULL
);

-- Who owns each ticket (see io.lastmile.ticket.Owner).
ALTER TABLE ticket
    ADD COLUMN township_code  varchar(16),
    ADD COLUMN township_name  varchar(64),
    ADD COLUMN village_code   varchar(16),
    ADD COLUMN village_name   varchar(64),
    ADD COLUMN unit_code      varchar(64),
    ADD COLUMN unit_name      varchar(128),
    ADD COLUMN catalog_code   varchar(32),
    ADD COLUMN catalog_name   varchar(128),
    ADD COLUMN assignee       varchar(128),
    ADD COLUMN routed_by      varchar(32);

CREATE INDEX ticket_unit ON ticket (unit_code);
CREATE INDEX ticket_township ON ticket (township_code);
