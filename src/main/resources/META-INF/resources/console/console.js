// The operator's console: a call typed while the caller is on the line becomes a ticket
// (POST /api/v1/tickets), with the likely matter and the open incidents shown as the words come in,
// the matter's one-time list of documents (一次性告知) to read out, and the ticket number with its
// promised limit to read back. Every control is reachable from the keyboard (the shortcuts are on the page).
import { STRINGS } from '/app/strings.js';
import { requireSession, signOut } from '/app/session.js';
import { call, get, post, fieldMessage } from '/app/api.js';
import { element, fillTexts } from '/app/dom.js';

const WORDS = STRINGS.console;
const PREVIEW_DELAY_MS = 400;
const LOOKUP_ROWS = 12;
const LIKELY = 0.05;
// The kinds as the form names them (the request's own words) and as the ticket and the time limits name them.
const KINDS = { 咨询: 'CONSULTATION', 求助: 'HELP', 投诉: 'COMPLAINT', 举报: 'REPORT', 建议: 'SUGGESTION', 表扬: 'PRAISE' };
const FIELDS = ['text', 'kind', 'urgency', 'address', 'callerName', 'callerPhone', 'answer'];
// Alt+letter → the field it focuses (event.code, so that a Chinese input method does not change the letter).
const ALT_KEYS = { KeyN: 'text', KeyL: 'kind', KeyC: 'urgency', KeyW: 'address', KeyX: 'callerName', KeyH: 'callerPhone',
  KeyJ: 'answer', KeyS: 'lookup' };

const $ = (id) => document.getElementById(id);
const state = {
  catalog: [],          // every matter, for the lookup
  matters: new Map(),   // code → the matter with its stage rules (GET /api/v1/catalog/{code}), fetched once
  previewSeq: 0,
  lookupSeq: 0,
  matches: [],
  selected: -1,
  sending: false,
  key: newKey(),        // one Idempotency-Key per call being typed: a second Ctrl+Enter answers the same ticket
  keySent: false,
};

fillTexts();
document.title = `${WORDS.title} · ${STRINGS.product}`;

/** A random key; crypto.randomUUID exists only on https and localhost, getRandomValues everywhere. */
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'console-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function start() {
  const session = await requireSession();
  if (!session) {
    return;
  }
  $('user').textContent = session.displayName || session.username;
  $('sign-out').addEventListener('click', signOut);
  buildForm();
  shortcutsList();
  listenToKeys();
  $('text').focus();
  const catalog = await get('/api/v1/catalog');
  state.catalog = catalog.ok ? catalog.body : [];
}

// ---- the form

function buildForm() {
  $('text').placeholder = WORDS.textHint;
  $('address').placeholder = WORDS.addressHint;
  const kind = $('kind');
  kind.append(element('option', { value: '' }, '—'));
  for (const label of WORDS.kinds) {
    kind.append(element('option', { value: label }, label));
  }
  const urgency = $('urgency');
  for (const [value, label] of Object.entries(WORDS.urgencies)) {
    urgency.append(element('option', { value }, label));
  }
  $('call').addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  $('clear').addEventListener('click', () => clearForm());
  $('call').addEventListener('input', (event) => {
    // A call changed after it was sent is another request: it gets its own key (the old one would be refused).
    if (state.keySent) {
      state.key = newKey();
      state.keySent = false;
    }
    clearError(event.target.name);
    if (event.target.id === 'text' || event.target.id === 'address') {
      schedulePreview();
    }
    if (event.target.id === 'kind' || event.target.id === 'answer') {
      answerState();
    }
  });
  $('kind').addEventListener('change', () => refreshShownMatter());
  // Enter in a one-line field goes on to the next field: only Ctrl+Enter (or the button) sends the call.
  $('call').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && event.target.tagName === 'INPUT') {
      event.preventDefault();
      const order = [...$('call').querySelectorAll('input, select, textarea, button')];
      order[order.indexOf(event.target) + 1]?.focus();
    }
  });
  answerState();
  $('lookup').addEventListener('input', () => lookup());
  $('lookup').addEventListener('keydown', lookupKeys);
}

/** Ctrl+Enter sends from anywhere, Esc clears, Alt+letter jumps to its field. */
function listenToKeys() {
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && event.target.id !== 'lookup') {
      event.preventDefault();
      clearForm();
    } else if (event.altKey && !event.ctrlKey && ALT_KEYS[event.code]) {
      event.preventDefault();
      const field = $(ALT_KEYS[event.code]);
      field.focus();
      // The cursor after what is there: a key typed next adds to the words instead of replacing them.
      if (field.setSelectionRange) field.setSelectionRange(field.value.length, field.value.length);
    }
  });
}

function shortcutsList() {
  const list = $('shortcuts');
  for (const [keys, what] of WORDS.keys) {
    list.append(element('dt', {}, element('kbd', {}, keys)), element('dd', {}, what));
  }
}

// The answer is for a consultation only: the button says what will happen.
function answerState() {
  const answering = $('answer').value.trim() !== '';
  $('submit-label').textContent = answering ? WORDS.submitAnswer : WORDS.submit;
}

function request() {
  const value = (id) => $(id).value.trim();
  const body = { text: $('text').value, kind: value('kind') || null, urgency: value('urgency') || null, anonymous: $('anonymous').checked };
  for (const id of ['address', 'callerName', 'callerPhone', 'answer']) {
    body[id] = value(id) || null;
  }
  return body;
}

async function submit() {
  if (state.sending) {
    return;
  }
  state.sending = true;
  $('submit').disabled = true;
  clearErrors();
  $('problem').textContent = WORDS.sending;
  state.keySent = true;
  const body = request();
  try {
    const answer = await call('POST', '/api/v1/tickets', body, { 'Idempotency-Key': state.key });
    if (answer.ok) {
      $('problem').textContent = '';
      await showResult(answer.body, answer.status === 200);
      clearForm();
      return;
    }
    showProblem(answer);
  } finally {
    state.sending = false;
    $('submit').disabled = false;
  }
}

/** The problem's fields beside the fields, anything else above the buttons. */
function showProblem(answer) {
  const errors = Array.isArray(answer.body?.errors) ? answer.body.errors : [];
  const unplaced = [];
  let first = null;
  for (const error of errors) {
    const field = FIELDS.includes(error.field) ? error.field : null;
    if (error.field === 'Idempotency-Key') {
      state.key = newKey(); // refused as another call's key: the next try is a call of its own
    }
    if (!field) {
      unplaced.push(fieldMessage(error));
      continue;
    }
    const slot = document.querySelector(`[data-error-for="${field}"]`);
    slot.textContent = fieldMessage(error);
    $(field).setAttribute('aria-invalid', 'true');
    first = first || $(field);
  }
  $('problem').textContent = first && !unplaced.length ? '' : unplaced.length ? STRINGS.errors.invalid(unplaced) : answer.message;
  (first || $('text')).focus();
}

function clearError(field) {
  const slot = field && document.querySelector(`[data-error-for="${field}"]`);
  if (slot) {
    slot.textContent = '';
    $(field).removeAttribute('aria-invalid');
  }
}

function clearErrors() {
  FIELDS.forEach(clearError);
  $('problem').textContent = '';
}

/** A new call: empty fields, a new key, focus on the words; the last ticket stays shown to read back until the next one. */
function clearForm() {
  $('call').reset();
  clearErrors();
  state.key = newKey();
  state.keySent = false;
  state.previewSeq++;
  clearTimeout(previewTimer);
  $('preview').replaceChildren(element('p', { className: 'muted' }, WORDS.previewHint));
  answerState();
  $('text').focus();
}

// ---- the preview while typing

let previewTimer = null;

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, PREVIEW_DELAY_MS);
}

async function preview() {
  const words = $('text').value.trim();
  const seq = ++state.previewSeq;
  if (!words) {
    $('preview').replaceChildren(element('p', { className: 'muted' }, WORDS.previewHint));
    return;
  }
  const answer = await post('/api/v1/tickets/preview', { text: words, address: $('address').value.trim() || null });
  if (seq !== state.previewSeq) {
    return; // the operator typed on: a newer preview is coming
  }
  if (!answer.ok) {
    $('preview').replaceChildren(element('p', { className: 'problem' }, answer.message));
    return;
  }
  const found = answer.body;
  const place = [found.township, found.village].filter(Boolean).join(' ');
  const nodes = [element('dl', { className: 'where' },
    element('dt', {}, WORDS.place), element('dd', {}, place || WORDS.unknownPlace),
    element('dt', {}, WORDS.wouldGoTo), element('dd', {}, found.unit || '—'))];
  nodes.push(element('h3', {}, WORDS.likelyMatter));
  if (!found.matter) {
    nodes.push(element('p', { className: 'muted' }, WORDS.noMatter));
  }
  const cards = [];
  // The sure one first; the others only where the words point to them at all.
  for (const matter of found.matters.filter((m, i) => i === 0 || m.confidence >= LIKELY)) {
    const card = matterCard(matter.code, matter.name, matter.documents, WORDS.confidence(Math.round(matter.confidence * 100)));
    card.dataset.matter = matter.code;
    cards.push(card);
    nodes.push(card);
  }
  nodes.push(element('h3', {}, WORDS.incidents));
  if (!found.incidents.length) {
    nodes.push(element('p', { className: 'muted' }, WORDS.noIncidents));
  }
  for (const incident of found.incidents) {
    nodes.push(element('div', { className: 'incident', 'data-incident': incident.ticketNumber },
      element('strong', {}, incident.ticketNumber), ' ', element('span', {}, WORDS.callers(incident.callers)),
      element('div', {}, incident.text || ''),
      element('div', { className: 'meta' }, [incident.status ? statusLabel(incident.status) : '',
        incident.decision === 'AUTO_LINKED' ? WORDS.autoLinked : WORDS.suggested].filter(Boolean).join(' · '))));
  }
  $('preview').replaceChildren(...nodes);
  // The sure matter's limit, the others' too: what the operator promises depends on it.
  for (const card of cards) {
    addLimit(card, card.dataset.matter);
  }
}

function statusLabel(status) {
  return WORDS.statuses[status] || status;
}

// ---- the matter, its documents and its limit

function matterCard(code, name, documents, note) {
  const list = documents.length
    ? element('ol', {}, ...documents.map((d) => element('li', {}, d)))
    : element('p', { className: 'muted' }, WORDS.noDocuments);
  return element('div', { className: 'matter-card' },
    element('h3', {}, name, ' ', element('small', { className: 'muted' }, code + (note ? ' · ' + note : ''))),
    element('div', { className: 'muted' }, WORDS.documents), list);
}

async function matterOf(code) {
  if (!state.matters.has(code)) {
    const answer = await get('/api/v1/catalog/' + encodeURIComponent(code));
    if (!answer.ok) {
      return null;
    }
    state.matters.set(code, answer.body);
  }
  return state.matters.get(code);
}

/**
 * The completion limit a 12345 call of this kind gets under the matter (docs/time-limits.md): the
 * first completion rule that applies — the matter's own, its channel and kind's, or the promised limit.
 */
function completionRule(matter, kind) {
  return matter.stages.filter((s) => s.stage === 'completion')
    .find((s) => s.source !== 'channel' || s.appliesTo === '12345' || s.appliesTo === '12345 ' + kind);
}

/** The deadline if the clock started now, by the service's working calendar; null when the unit is not one it counts. */
async function deadlineFromNow(rule) {
  const from = new Date();
  const minutes = { 'calendar-minutes': 1, 'working-minutes': 1 }[rule.counting];
  let amount = rule.limit;
  let unit = { 'working-days': 'working-days', 'working-hours': 'working-hours', 'calendar-hours': 'hours' }[rule.counting];
  if (minutes && rule.limit % 60 === 0) {
    amount = rule.limit / 60;
    unit = rule.counting === 'calendar-minutes' ? 'hours' : 'working-hours';
  } else if (rule.counting === 'calendar-minutes') {
    return { from: from.toISOString(), deadline: new Date(from.getTime() + rule.limit * 60_000).toISOString(), provisional: false };
  }
  if (!unit) {
    return null;
  }
  const answer = await get(`/api/v1/calendar/deadline?from=${encodeURIComponent(from.toISOString())}&amount=${amount}&unit=${unit}`);
  return answer.ok ? { from: answer.body.from, deadline: answer.body.deadline, provisional: answer.body.provisional } : null;
}

function shown(iso) {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: 'long',
    day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Adds the limit lines to a matter's card (or a ticket's list): the promised limit, the legal one, the date from now. */
async function addLimit(target, code, kind = KINDS[$('kind').value] || 'HELP') {
  const matter = await matterOf(code);
  if (!matter || !target.isConnected) {
    return;
  }
  const rule = completionRule(matter, kind);
  target.querySelector('.limits')?.remove();
  const limits = element('dl', { className: 'limits' });
  if (rule) {
    const promised = element('dd', { className: 'limit', 'data-limit': `${rule.limit} ${rule.counting}` },
      WORDS.limit(rule.limit, rule.counting));
    limits.append(element('dt', {}, WORDS.promisedLimit), promised);
  }
  limits.append(element('dt', {}, WORDS.legalLimit), element('dd', {}, WORDS.days(matter.legalLimitDays)));
  target.append(limits);
  const due = rule ? await deadlineFromNow(rule) : null;
  if (due) {
    limits.append(element('dt', {}, WORDS.ifNow), element('dd', { className: 'due', 'data-from': due.from, 'data-deadline': due.deadline },
      shown(due.deadline) + (due.provisional ? WORDS.provisional : '')));
  }
}

// The kind decides which rule gives the limit (12315 complaints have their own, for example).
function refreshShownMatter() {
  for (const card of document.querySelectorAll('#preview .matter-card, #matter .matter-card')) {
    addLimit(card, card.dataset.matter);
  }
}

// ---- the catalog lookup

async function lookup() {
  const words = $('lookup').value.trim().toLowerCase();
  const seq = ++state.lookupSeq;
  if (!words) {
    showMatches([]);
    return;
  }
  let matches = state.catalog.filter((m) => m.code.toLowerCase().includes(words) || m.name.includes(words)
    || (m.windowCategory || '').includes(words) || (m.rules?.keywords || []).some((k) => words.includes(k) || k.includes(words)));
  if (!matches.length && words.length >= 2) {
    // No name or keyword matches: what the classifier makes of the words.
    const answer = await post('/api/v1/catalog/classification', { text: words, address: null });
    if (seq !== state.lookupSeq) return;
    const codes = answer.ok ? answer.body.candidates.map((c) => c.code) : [];
    matches = codes.map((code) => state.catalog.find((m) => m.code === code)).filter(Boolean);
  }
  showMatches(matches.slice(0, LOOKUP_ROWS));
}

function showMatches(matches) {
  state.matches = matches;
  state.selected = matches.length ? 0 : -1;
  const list = $('matches');
  list.replaceChildren(...matches.map((m, i) => {
    const row = element('li', { role: 'option', id: 'match-' + i, 'data-code': m.code }, element('code', {}, m.code), m.name);
    row.addEventListener('click', () => { state.selected = i; pick(); });
    return row;
  }));
  if (!matches.length && $('lookup').value.trim()) {
    list.append(element('li', { className: 'muted' }, WORDS.lookupEmpty));
  }
  $('lookup').setAttribute('aria-expanded', String(matches.length > 0));
  markSelected();
}

function markSelected() {
  [...$('matches').children].forEach((row, i) => row.setAttribute('aria-selected', String(i === state.selected)));
  if (state.selected >= 0) {
    $('lookup').setAttribute('aria-activedescendant', 'match-' + state.selected);
    $('match-' + state.selected)?.scrollIntoView({ block: 'nearest' });
  }
}

function lookupKeys(event) {
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    if (state.matches.length) {
      state.selected = (state.selected + (event.key === 'ArrowDown' ? 1 : -1) + state.matches.length) % state.matches.length;
      markSelected();
    }
  } else if (event.key === 'Enter' && !event.ctrlKey) {
    event.preventDefault();
    pick();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    $('lookup').value = '';
    showMatches([]);
    $('matter').replaceChildren();
  }
}

async function pick() {
  const chosen = state.matches[state.selected];
  if (!chosen) {
    return;
  }
  const matter = await matterOf(chosen.code);
  if (!matter) {
    return;
  }
  const card = matterCard(matter.code, matter.name, matter.documents,
    [WORDS.handlingLevel[matter.handlingLevel], matter.windowCategory].filter(Boolean).join(' · '));
  card.dataset.matter = matter.code;
  $('matter').replaceChildren(card);
  addLimit(card, matter.code);
}

// ---- the ticket to read back

async function showResult(ticket, again) {
  const rows = element('dl', {},
    element('dt', {}, WORDS.status), element('dd', { id: 'result-status', 'data-status': ticket.status }, ticket.statusLabel),
    element('dt', {}, WORDS.matter), element('dd', { id: 'result-matter', 'data-matter': ticket.catalogItem?.code || '' },
      ticket.catalogItem ? ticket.catalogItem.name : WORDS.noMatter),
    element('dt', {}, WORDS.unit), element('dd', {}, ticket.unit?.name || '—'));
  const nodes = [element('div', { className: 'muted' }, WORDS.ticketNumber),
    element('div', { className: 'number', id: 'result-number' }, ticket.ticketNumber)];
  if (again) {
    nodes.push(element('p', { className: 'muted' }, WORDS.again));
  }
  if (ticket.status === 'CLOSED' && ticket.immediate) {
    nodes.push(element('p', { className: 'closed', id: 'result-answered' }, WORDS.answered + '：' + (ticket.result || '')));
  }
  const limit = element('div', { id: 'result-limit' });
  nodes.push(rows, limit);
  $('result').replaceChildren(...nodes);
  if (ticket.catalogItem && ticket.status !== 'CLOSED') {
    await addLimit(limit, ticket.catalogItem.code, ticket.kind);
  } else if (!ticket.catalogItem) {
    rows.append(element('dt', {}, WORDS.promisedLimit), element('dd', { className: 'muted' }, WORDS.noLimitYet));
  }
  await offerAnswer(ticket);
}

/** A consultation taken without an answer may still be answered and closed while the caller is on the line (即办). */
async function offerAnswer(ticket) {
  if (ticket.kind !== 'CONSULTATION' || ticket.status !== 'RECEIVED') {
    return;
  }
  const current = await get('/api/v1/tickets/' + encodeURIComponent(ticket.ticketNumber));
  if (!current.ok || !(current.body.allowedSteps || []).includes('ANSWER_AT_INTAKE')) {
    return;
  }
  const field = element('textarea', { id: 'answer-now', rows: 3, 'aria-label': WORDS.answerNow });
  const problem = element('div', { className: 'problem', role: 'alert' });
  const button = element('button', { type: 'button', id: 'answer-now-submit' }, WORDS.answerButton);
  button.addEventListener('click', async () => {
    button.disabled = true;
    const answer = await post(`/api/v1/tickets/${encodeURIComponent(ticket.ticketNumber)}/answer`, { result: field.value });
    button.disabled = false;
    if (answer.ok) {
      await showResult(answer.body, false);
    } else {
      problem.textContent = answer.message;
    }
  });
  $('result').append(element('div', { className: 'answer-now' }, element('label', { htmlFor: 'answer-now' }, WORDS.answerNow),
    field, problem, button));
}

start();
