package io.lastmile.live;

import io.lastmile.ticket.TicketScope;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * One connected screen: what it may read, where it stands on the topic, and its own bounded queue
 * of messages with one send in flight. A screen that falls behind by more than its queue holds is
 * closed with {@link #RESYNC}, so that a slow screen never slows the feed or the other screens; it
 * comes back for a fresh snapshot.
 */
final class Screen {

    /** Close code of a screen that fell behind: reconnect without a cursor, for a fresh snapshot. */
    static final int RESYNC = 4000;

    /** How the feed reaches the socket; a test's fake stands in for it. */
    interface Socket {
        Uni<Void> send(String text);

        void close(int code, String reason);
    }

    private final Socket socket;
    private final TicketScope scope;
    private final int queueLimit;
    private final Duration sendTimeout;
    private final Deque<String> queue = new ArrayDeque<>();
    private final Map<Integer, Long> position = new TreeMap<>();
    /** While its snapshot is loading, deltas wait in the queue behind it. */
    private boolean holding;
    private boolean sending;
    private long sendingSince;
    private boolean closed;

    Screen(Socket socket, TicketScope scope, int queueLimit, Duration sendTimeout) {
        this.socket = socket;
        this.scope = scope;
        this.queueLimit = queueLimit;
        this.sendTimeout = sendTimeout;
    }

    TicketScope scope() {
        return scope;
    }

    /** Starts at this cursor; with {@code hold}, sends nothing until {@link #release} puts the snapshot first. */
    synchronized void startAt(FeedCursor cursor, boolean hold) {
        position.putAll(cursor.next());
        holding = hold;
    }

    /** A delta from the topic: taken once, at or after where the screen stands, and sent if its ticket is within reach. */
    synchronized void offer(ScreenJournal.Delta delta) {
        Long at = position.get(delta.partition());
        if (closed || (at != null && delta.offset() < at)) {
            return;
        }
        position.put(delta.partition(), delta.offset() + 1);
        if (scope.covers(delta.reach())) {
            enqueue(delta.message().withCursor(cursorText()));
        }
    }

    /** A message that is no delta (the tiles), carrying the cursor all the same: a screen that sees few tickets still moves on. */
    synchronized void offerMessage(SharedBody message) {
        if (!closed) {
            enqueue(message.withCursor(cursorText()));
        }
    }

    /** The snapshot goes out first, then what queued behind it. */
    synchronized void release(String snapshot) {
        if (closed) {
            return;
        }
        queue.addFirst(snapshot);
        holding = false;
        sendNext();
    }

    synchronized FeedCursor cursor() {
        return new FeedCursor(position);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The socket closed from the other side: nothing more to send. */
    synchronized void disconnected() {
        closed = true;
        queue.clear();
    }

    synchronized void close(int code, String reason) {
        if (!closed) {
            closed = true;
            queue.clear();
            socket.close(code, reason);
        }
    }

    private void enqueue(String message) {
        if (queue.size() >= queueLimit) {
            close(RESYNC, "too slow: reconnect for a fresh snapshot");
            return;
        }
        queue.addLast(message);
        sendNext();
    }

    private void sendNext() {
        if (holding || sending || closed || queue.isEmpty()) {
            return;
        }
        sending = true;
        sendingSince = System.nanoTime();
        // No timer per send (thousands a second with a wall of screens): the feed checks for stalled sends now and then.
        socket.send(queue.removeFirst())
                .subscribe().with(sent -> sent(), failed -> close(RESYNC, "send failed: " + failed.getClass().getSimpleName()));
    }

    private synchronized void sent() {
        sending = false;
        sendNext();
    }

    /** Closes the screen (to resync) when its socket has not taken a message for longer than the send timeout. */
    synchronized void closeIfStalled() {
        if (sending && !closed && System.nanoTime() - sendingSince > sendTimeout.toNanos()) {
            close(RESYNC, "stalled: reconnect for a fresh snapshot");
        }
    }

    /** Where the screen stands, as the cursor it sends back: {@code partition:offset,…}. */
    private String cursorText() {
        StringBuilder cursor = new StringBuilder(12 * position.size());
        position.forEach((partition, offset) -> cursor.append(partition).append(':').append(offset).append(','));
        if (!cursor.isEmpty()) {
            cursor.setLength(cursor.length() - 1);
        }
        return cursor.toString();
    }
}
