-- The watch looks every second for kiosk presses nobody picked up in time. Without an index of
-- its own that part of the due query walked every ticket by receipt time: 8 s at a million open
-- tickets, where every other part takes milliseconds through its partial index.
CREATE INDEX ticket_kiosk_unanswered ON ticket (received_at)
    WHERE kind IN ('KIOSK_RED', 'KIOSK_GREEN') AND picked_up_at IS NULL
      AND status IN ('RECEIVED', 'REGISTERED', 'DISPATCHED');
