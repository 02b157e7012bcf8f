// A live feed of the service (/api/v1/live/…: a snapshot, then deltas that each carry a cursor),
// kept open the way the command-center screen keeps its own: a dropped socket comes back with the
// last cursor and misses nothing, a feed that fell behind (4000) comes back for a fresh snapshot,
// a refreshed token gets a new socket before the old one (which ends at its token's expiry) goes,
// and a handshake the service refused is said in words and retried only once a minute.
import { token } from '/app/session.js';
import { feedRefusal } from '/app/api.js';

const RECONNECT_MS = 1000;
// Access may be granted later, but not within a second: a refused feed does not knock every second.
const REFUSED_RETRY_MS = 60_000;

/**
 * Opens the feed at {@code path}; {@code onMessage(message)} gets every message, {@code onState(state, words)}
 * 'connecting', 'live', 'reconnecting', 'resync', or 'refused' with the reason in words. Answers a handle
 * with its cursor and counters, for operations and tests.
 */
export function openFeed(path, { onMessage, onState }) {
  const feed = {
    cursor: null, socket: null, snapshots: 0, resumes: 0, pausedUntil: 0,
    /** Drops the socket and stays away this long (operations and tests: a phone losing its network). */
    cut(milliseconds) {
      feed.pausedUntil = Date.now() + milliseconds;
      feed.socket?.close(1000, 'cut');
    },
  };

  function connect(withCursor) {
    const url = new URL(path, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('access_token', token());
    const resuming = withCursor && feed.cursor;
    if (resuming) {
      url.searchParams.set('cursor', feed.cursor);
    }
    const socket = new WebSocket(url);
    feed.socket = socket;
    onState(resuming ? 'reconnecting' : 'connecting');
    socket.onmessage = (event) => {
      if (feed.socket !== socket) {
        return;
      }
      const message = JSON.parse(event.data);
      if (message.type === 'snapshot' || message.type === 'resync') {
        feed.snapshots++;
        onState('live');
      } else if (message.type === 'resumed') {
        feed.resumes++;
        onState('live');
      }
      if (message.cursor) {
        feed.cursor = message.cursor;
      }
      onMessage(message);
    };
    let opened = false;
    socket.addEventListener('open', () => { opened = true; });
    socket.onclose = async (event) => {
      if (feed.socket !== socket) {
        return; // replaced by a socket with a fresh token
      }
      feed.socket = null;
      // Closed before it opened: the handshake may have been refused, which a browser is not told.
      const refusal = opened ? null : await feedRefusal(path);
      if (refusal) {
        onState('refused', refusal);
        setTimeout(() => connect(true), REFUSED_RETRY_MS);
        return;
      }
      // 4000: this page fell behind and was dropped; it comes back for a fresh snapshot.
      const fresh = event.code === 4000;
      onState(fresh ? 'resync' : 'reconnecting');
      setTimeout(() => connect(!fresh), Math.max(RECONNECT_MS, feed.pausedUntil - Date.now()));
    };
    return socket;
  }

  window.addEventListener('lastmile-token', () => {
    const old = feed.socket;
    const replacement = connect(true);
    replacement.addEventListener('open', () => old?.close(1000, 'token refreshed'));
  });
  connect(false);
  return feed;
}
