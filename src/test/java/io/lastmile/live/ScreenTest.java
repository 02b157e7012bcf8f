package io.lastmile.live;

import io.lastmile.ticket.TicketScope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenTest {

    private static final TicketScope.Reach XIUSHAN = new TicketScope.Reach("430922104-BMFW", "430922104", null, List.of());
    private static final TicketScope.Reach WUTAN = new TicketScope.Reach("430922103-BMFW", "430922103", null, List.of());

    /** A socket whose sends complete only when the test says so: a screen that stopped reading. */
    private static final class StalledSocket implements Screen.Socket {
        final List<String> sent = new ArrayList<>();
        final List<UniEmitter<? super Void>> pending = new ArrayList<>();
        String closed;

        @Override
        public Uni<Void> send(String text) {
            sent.add(text);
            return Uni.createFrom().emitter(pending::add);
        }

        @Override
        public void close(int code, String reason) {
            closed = code + " " + reason;
        }

        void takeAll() {
            while (!pending.isEmpty()) {
                pending.remove(0).complete(null);
            }
        }
    }

    private static ScreenJournal.Delta delta(long offset, TicketScope.Reach reach) {
        return new ScreenJournal.Delta(0, offset, "{\"type\":\"TicketReceived\",\"n\":" + offset, reach);
    }

    @Test
    void aScreenThatStopsReadingIsDroppedToResyncWithoutHoldingTheFeed() {
        StalledSocket socket = new StalledSocket();
        Screen screen = new Screen(socket, TicketScope.EVERYTHING, 3, Duration.ofMinutes(1));
        screen.startAt(new FeedCursor(Map.of(0, 0L)), false);
        for (long offset = 0; offset < 5; offset++) {
            screen.offer(delta(offset, XIUSHAN)); // returns at once: nothing waits for the socket
        }
        assertEquals(1, socket.sent.size(), "one send in flight");
        assertTrue(socket.closed.startsWith(Screen.RESYNC + " "), "dropped once its queue was full: " + socket.closed);
        assertTrue(screen.isClosed());
    }

    @Test
    void aScreenWhoseSocketTakesNothingForTooLongIsDroppedAtTheNextCheck() {
        StalledSocket socket = new StalledSocket();
        Screen screen = new Screen(socket, TicketScope.EVERYTHING, 100, Duration.ZERO);
        screen.startAt(new FeedCursor(Map.of(0, 0L)), false);
        screen.closeIfStalled();
        assertTrue(socket.closed == null, "nothing in flight: nothing stalled");
        screen.offer(delta(0, XIUSHAN));
        screen.closeIfStalled();
        assertTrue(socket.closed.startsWith(Screen.RESYNC + " "), socket.closed);
    }

    @Test
    void sendsOnlyTicketsWithinReachEachOnceInOrderWithTheCursorAfterIt() {
        StalledSocket socket = new StalledSocket();
        Screen screen = new Screen(socket, TicketScope.of(Set.of("430922104-BMFW"), "430922104"), 10, Duration.ofMinutes(1));
        screen.startAt(new FeedCursor(Map.of(0, 1L)), true);
        screen.offer(delta(0, XIUSHAN)); // before the screen's cursor: it had it
        screen.offer(delta(1, XIUSHAN));
        screen.offer(delta(2, WUTAN));
        screen.offer(delta(1, XIUSHAN)); // offered twice (a resume racing the feed): sent once
        screen.offer(delta(3, XIUSHAN));
        assertTrue(socket.sent.isEmpty(), "nothing before the snapshot");
        screen.release("{\"type\":\"snapshot\",\"cursor\":\"0:1\"}");
        for (int i = 0; i < 5; i++) {
            socket.takeAll();
        }
        assertEquals(List.of("{\"type\":\"snapshot\",\"cursor\":\"0:1\"}",
                "{\"type\":\"TicketReceived\",\"n\":1,\"cursor\":\"0:2\"}",
                "{\"type\":\"TicketReceived\",\"n\":3,\"cursor\":\"0:4\"}"), socket.sent);
        assertEquals(new FeedCursor(Map.of(0, 4L)), screen.cursor());
    }

    @Test
    void screensAtTheSameCursorShareOneMessageAndAScreenElsewhereGetsItsOwnCursor() {
        StalledSocket first = new StalledSocket(), second = new StalledSocket(), behind = new StalledSocket();
        Screen a = new Screen(first, TicketScope.EVERYTHING, 10, Duration.ofMinutes(1));
        Screen b = new Screen(second, TicketScope.EVERYTHING, 10, Duration.ofMinutes(1));
        Screen c = new Screen(behind, TicketScope.EVERYTHING, 10, Duration.ofMinutes(1));
        a.startAt(new FeedCursor(Map.of(0, 5L, 1, 7L)), false);
        b.startAt(new FeedCursor(Map.of(0, 5L, 1, 7L)), false);
        c.startAt(new FeedCursor(Map.of(0, 5L, 1, 3L)), false); // resumed: partition 1 not yet caught up
        ScreenJournal.Delta delta = delta(5, XIUSHAN);
        a.offer(delta);
        b.offer(delta);
        c.offer(delta);
        assertEquals("{\"type\":\"TicketReceived\",\"n\":5,\"cursor\":\"0:6,1:7\"}", first.sent.get(0));
        assertTrue(first.sent.get(0) == second.sent.get(0), "one message for both, not one each");
        assertEquals("{\"type\":\"TicketReceived\",\"n\":5,\"cursor\":\"0:6,1:3\"}", behind.sent.get(0));
    }
}
