// Every page's calls to the API: the token goes with each call, a 401 tries one refresh, and an
// error body (RFC 9457 problem) becomes words a person can act on. A refused step (409) names the
// ticket's state and what this caller may do instead, so that nobody is left guessing.
import { token, refresh } from '/app/session.js';
import { STRINGS } from '/app/strings.js';

async function once(method, path, body, headers) {
  const init = { method, headers: { Authorization: 'Bearer ' + token(), ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(path, init);
}

/**
 * Calls the API; answers {ok, status, body, message}: body is the parsed JSON (or text), message
 * the problem in Chinese when the call failed. Never throws for an HTTP error; a network failure
 * answers status 0.
 */
export async function call(method, path, body, headers = {}) {
  let answer;
  try {
    answer = await once(method, path, body, headers);
    if (answer.status === 401 && await refresh()) {
      answer = await once(method, path, body, headers);
    }
  } catch (failure) {
    return { ok: false, status: 0, body: null, message: STRINGS.errors.network };
  }
  const type = answer.headers.get('Content-Type') || '';
  const parsed = type.includes('json') ? await answer.json().catch(() => null) : await answer.text();
  return { ok: answer.ok, status: answer.status, body: parsed, message: answer.ok ? null : problemText(answer.status, parsed) };
}

export const get = (path) => call('GET', path);
export const post = (path, body = {}) => call('POST', path, body);

/** A step's name in Chinese (SIGN_FOR → 签收), or the name itself if the page does not know it yet. */
export function stepLabel(step) {
  return STRINGS.steps[step] || step;
}

/** What went wrong, in words: the refused step's alternatives, the fields to correct, or the status's meaning. */
export function problemText(status, problem) {
  const words = STRINGS.errors;
  if (status === 409 && problem && Array.isArray(problem.allowedSteps)) {
    const now = problem.currentStatusLabel || problem.currentStatus || '';
    const allowed = problem.allowedSteps.map(stepLabel);
    return words.refusedStep(now, allowed);
  }
  if ((status === 400 || status === 422) && problem && Array.isArray(problem.errors) && problem.errors.length) {
    return words.invalid(problem.errors.map(fieldMessage));
  }
  return words.byStatus[status] || (status >= 500 ? words.server : words.failed);
}

// Validation messages read "诉求内容不能为空 (text is required)": the Chinese part is shown; a message
// without one is replaced by the field's Chinese name.
export function fieldMessage(error) {
  const chinese = (error.message || '').replace(/\s*\([^()]*\)\s*$/, '');
  return /[\u4e00-\u9fff]/.test(chinese) ? chinese : (STRINGS.fields[error.field] || error.field);
}

/**
 * Why a feed's socket closed before it opened, in words, or null when the handshake would be
 * accepted (then the close was the network's, and reconnecting is right). A browser never sees the
 * handshake's status, so the service is asked.
 */
export async function feedRefusal(feedPath) {
  const answer = await get('/api/v1/live/access?feed=' + encodeURIComponent(feedPath));
  if (!answer.ok || answer.body?.status === 200) {
    return null;
  }
  return STRINGS.feedRefused[answer.body?.status] || STRINGS.feedRefused[403];
}
