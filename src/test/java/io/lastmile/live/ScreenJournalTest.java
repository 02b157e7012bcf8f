package io.lastmile.live;

import io.lastmile.ticket.TicketScope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenJournalTest {

    private static final TicketScope.Reach XIUSHAN = new TicketScope.Reach("430922104-BMFW", "430922104", null, List.of());

    private static ScreenJournal.Delta delta(int partition, long offset) {
        return new ScreenJournal.Delta(partition, offset, "{\"type\":\"TicketReceived\"", XIUSHAN);
    }

    @Test
    void answersACursorWithExactlyTheDeltasAtOrAfterIt() {
        ScreenJournal journal = new ScreenJournal(100);
        journal.startAt(0, 10);
        journal.startAt(1, 0);
        journal.append(delta(0, 10));
        journal.append(delta(0, 11));
        journal.passed(1, 0); // a repeat: no delta, but the position moves on
        journal.append(delta(1, 1));

        assertEquals(new FeedCursor(Map.of(0, 12L, 1, 2L)), journal.head());
        List<ScreenJournal.Delta> missed = journal.since(new FeedCursor(Map.of(0, 11L, 1, 0L))).orElseThrow();
        assertEquals(List.of(delta(0, 11), delta(1, 1)), missed);
        assertEquals(List.of(), journal.since(journal.head()).orElseThrow(), "a screen that saw everything missed nothing");
    }

    @Test
    void aCursorOlderThanWhatIsKeptOrMissingAPartitionMustResync() {
        ScreenJournal journal = new ScreenJournal(2);
        journal.startAt(0, 0);
        journal.startAt(1, 0);
        for (long offset = 0; offset < 5; offset++) {
            journal.append(delta(0, offset));
        }
        assertEquals(Optional.empty(), journal.since(new FeedCursor(Map.of(0, 2L, 1, 0L))), "offsets 2 is forgotten");
        assertEquals(2, journal.since(new FeedCursor(Map.of(0, 3L, 1, 0L))).orElseThrow().size());
        assertEquals(Optional.empty(), journal.since(new FeedCursor(Map.of(0, 4L))), "partition 1 not named");
        assertEquals(Optional.empty(), journal.since(new FeedCursor(Map.of(0, 4L, 1, 0L, 7, 0L))),
                "a partition this replica does not read");
    }

    @Test
    void aScreenAheadOfThisReplicaWaitsForItInsteadOfResyncing() {
        ScreenJournal journal = new ScreenJournal(10);
        journal.startAt(0, 0);
        journal.append(delta(0, 0));
        assertTrue(journal.since(new FeedCursor(Map.of(0, 5L))).orElseThrow().isEmpty());
    }

    @Test
    void cursorsReadBackWhatTheyWrite() {
        FeedCursor cursor = new FeedCursor(Map.of(2, 9L, 0, 12L, 1, 5L));
        assertEquals("0:12,1:5,2:9", cursor.toString());
        assertEquals(Optional.of(cursor), FeedCursor.parse("0:12,1:5,2:9"));
        assertEquals(Optional.empty(), FeedCursor.parse("0:12,0:13"));
        assertEquals(Optional.empty(), FeedCursor.parse("zero:12"));
        assertEquals(Optional.empty(), FeedCursor.parse("0:-1"));
    }
}
