-- Incident detection writes at most one link or suggestion per new ticket, against the incident's
-- primary. Rows from the earlier pairwise detection (up to 500 per ticket) keep the one that counts:
-- a dispatcher's decision first, then an automatic link, then the best score.
DELETE FROM duplicate_candidate d
USING (SELECT ticket_number, candidate_number,
              row_number() OVER (PARTITION BY ticket_number
                                 ORDER BY decision IN ('ACCEPTED', 'DISMISSED') DESC, decision = 'AUTO_LINKED' DESC,
                                          score DESC, found_at) AS nth
       FROM duplicate_candidate) ranked
WHERE d.ticket_number = ranked.ticket_number AND d.candidate_number = ranked.candidate_number AND ranked.nth > 1;
CREATE UNIQUE INDEX duplicate_candidate_one_per_ticket ON duplicate_candidate (ticket_number);

-- The candidate query looks in a village, or in a box around a position, over the last days.
CREATE INDEX ticket_village_received ON ticket (village_code, received_at);
CREATE INDEX ticket_latitude_received ON ticket (latitude, received_at) WHERE latitude IS NOT NULL;

-- An incident's callers: the queue's caller counts, and the callers following the primary's steps.
CREATE INDEX ticket_merged_into ON ticket (merged_into) WHERE merged_into IS NOT NULL;
