-- Issue 20. The caller's name and phone are sealed by the service (AES-256-GCM, "gcm1.<key id>.…",
-- see docs/privacy.md): the sealed text is longer than the clear one. Rows written before this
-- version stay in clear until the re-encryption (POST /api/v1/admin/column-keys/re-encrypt, and
-- on its interval) seals them; the service reads both meanwhile.
ALTER TABLE ticket
    ALTER COLUMN contact_name  TYPE text,
    ALTER COLUMN contact_phone TYPE text,
    -- When the retention job removed the personal data of this closed ticket (null: not yet).
    ADD COLUMN anonymised_at   timestamptz;

-- The retention job looks for closed tickets not anonymised yet.
CREATE INDEX ticket_closed_not_anonymised ON ticket (id)
    WHERE anonymised_at IS NULL AND status IN ('CLOSED', 'REVISITED', 'MERGED');

ALTER TABLE intake_dead_letter
    -- When the retention job emptied the payload (the original bytes are then gone for good).
    ADD COLUMN anonymised_at timestamptz;
