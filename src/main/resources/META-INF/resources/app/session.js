// The signed-in session every page shares: the token lives in this tab's session storage only,
// is refreshed a minute before it expires, and is given up at sign-out.
const KEY = 'lastmile.session';
const REFRESH_BEFORE_MS = 60_000;
let refreshTimer = null;

function stored() {
  const text = sessionStorage.getItem(KEY);
  return text ? JSON.parse(text) : null;
}

function store(tokens) {
  const session = {
    token: tokens.token,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    username: tokens.username,
    displayName: tokens.displayName,
    role: tokens.role,
    unitCode: tokens.unitCode,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** Signs in; answers the session, or throws an Error whose message a person can read. */
export async function signIn(username, password, messages) {
  const answer = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (answer.status === 429) {
    throw new Error(messages.locked);
  }
  if (!answer.ok) {
    throw new Error(answer.status === 401 || answer.status === 400 ? messages.wrong : messages.failed);
  }
  return store(await answer.json());
}

/** The session of this tab (refreshed first if its token is about to end), or a trip to the sign-in page that comes back here. */
export async function requireSession() {
  const session = stored();
  if (!session) {
    location.replace('/login/?next=' + encodeURIComponent(location.pathname + location.search));
    return null;
  }
  if (session.expiresAt - Date.now() < REFRESH_BEFORE_MS) {
    return refresh();
  }
  scheduleRefresh();
  return session;
}

export function token() {
  return stored()?.token;
}

/** Takes a fresh token now; tells the page (event {@code lastmile-token}) so its sockets reconnect with it. */
export async function refresh() {
  const session = stored();
  if (!session) {
    return null;
  }
  const answer = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });
  if (!answer.ok) {
    sessionStorage.removeItem(KEY);
    location.replace('/login/?next=' + encodeURIComponent(location.pathname + location.search));
    return null;
  }
  const next = store(await answer.json());
  scheduleRefresh();
  window.dispatchEvent(new CustomEvent('lastmile-token', { detail: next }));
  return next;
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const session = stored();
  if (session) {
    refreshTimer = setTimeout(refresh, Math.max(1_000, session.expiresAt - Date.now() - REFRESH_BEFORE_MS));
  }
}

/** A GET of the API with the token; a 401 tries one refresh. Answers {status, body}. */
export async function api(path) {
  let answer = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
  if (answer.status === 401 && await refresh()) {
    answer = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
  }
  const body = answer.headers.get('Content-Type')?.includes('json') ? await answer.json() : null;
  return { status: answer.status, body };
}

export async function signOut() {
  const session = stored();
  sessionStorage.removeItem(KEY);
  clearTimeout(refreshTimer);
  if (session) {
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    }).catch(() => {});
  }
  location.replace('/login/');
}
