// The township official's inbox, for a phone: the unit's tickets with their deadlines counting down
// and their cards, new ones arriving live from /api/v1/live/units/{unitCode}, and for one ticket the
// steps its reader may take now (the API's allowedSteps, nothing else), its timeline and the
// caller's contact as far as privacy allows. A village station's official and a county
// department's official use the same page: it is always the signed-in official's own unit.
import { STRINGS } from '/app/strings.js';
import { requireSession, signOut } from '/app/session.js';
import { get, post, stepLabel } from '/app/api.js';
import { element, fillTexts } from '/app/dom.js';
import { openFeed } from '/app/feed.js';

const WORDS = STRINGS.inbox;
const LIST_SIZE = 200;
// A burst of events (an incident's callers follow their primary) reloads the list once.
const RELOAD_AFTER_MS = 300;

/**
 * The steps an official takes in the inbox, in the order their buttons stand: the path under
 * /api/v1/tickets/{number}/ and what the form asks (none: the button takes the step at once).
 * A step the API allows but that is not here (a dispatcher's) is not offered on this page.
 */
const STEPS = {
  SIGN_FOR: { path: 'sign-for' },
  PICK_UP: { path: 'pickup' },
  START: { path: 'start' },
  RESUME_WITH_DOCUMENTS: { path: 'documents/received' },
  RESOLVE: { path: 'resolve', ask: [{ field: 'result', words: 'result', type: 'text' }] },
  REPORT_ASSISTANCE: { path: 'joint/report', ask: [{ field: 'result', words: 'result', type: 'text' }] },
  REQUEST_DOCUMENTS: { path: 'documents/request', ask: [{ field: 'documents', words: 'documents', type: 'lines' },
    { field: 'reason', words: 'note', type: 'text' }] },
  REQUEST_EXTENSION: { path: 'extension', ask: [{ field: 'days', words: 'days', type: 'days' },
    { field: 'reason', words: 'reason', type: 'text' }] },
  RETURN: { path: 'return', ask: [{ field: 'reason', words: 'returnReason', type: 'text' }], secondary: true },
  ESCALATE: { path: 'escalate', ask: [{ field: 'reason', words: 'escalateReason', type: 'text' }], secondary: true },
};

const state = {
  unit: null,
  tickets: [],
  seen: null,         // the numbers of the last list; null before the first one
  fresh: new Set(),   // arrived since the page opened and not opened yet
  open: null,         // the ticket shown in the detail
  feed: null,
  reloadTimer: null,
  loads: 0,
};

fillTexts();

async function start(session) {
  document.getElementById('user').textContent = session.displayName || session.username;
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('back').addEventListener('click', closeDetail);
  state.unit = new URLSearchParams(location.search).get('unit') ?? session.unitCode;
  if (!state.unit) {
    document.getElementById('list-problem').textContent = WORDS.noUnit;
    return;
  }
  document.getElementById('tickets').replaceChildren(element('li', { className: 'empty' }, WORDS.loading));
  state.feed = openFeed(`/api/v1/live/units/${encodeURIComponent(state.unit)}`, {
    onMessage: receive,
    onState: (status, words) => {
      const node = document.getElementById('connection');
      node.dataset.state = status;
      node.textContent = STRINGS.connection[status];
      node.title = words ?? '';
      if (words) {
        document.getElementById('list-problem').textContent = words;
      }
    },
  });
  setInterval(tick, 1000);
}

// ---- the list

function receive(message) {
  if (message.type === 'snapshot' || message.type === 'resync' || message.type === 'resumed') {
    reloadSoon(); // what happened while away, or the first list
    return;
  }
  if (!message.ticketNumber) {
    return; // tiles and the like: not the inbox's
  }
  reloadSoon();
  if (state.open && state.open.ticketNumber === message.ticketNumber && message.version > state.open.version) {
    refreshDetail(); // someone else (the B post, a dispatcher) took a step on the ticket being read
  }
}

function reloadSoon() {
  clearTimeout(state.reloadTimer);
  state.reloadTimer = setTimeout(loadList, RELOAD_AFTER_MS);
}

async function loadList() {
  const answer = await get(`/api/v1/units/${encodeURIComponent(state.unit)}/inbox?size=${LIST_SIZE}`);
  const problem = document.getElementById('list-problem');
  if (!answer.ok) {
    problem.textContent = answer.message;
    return;
  }
  problem.textContent = '';
  state.tickets = answer.body.items;
  if (state.seen) {
    for (const t of state.tickets) {
      if (!state.seen.has(t.ticketNumber)) state.fresh.add(t.ticketNumber);
    }
  }
  state.seen = new Set(state.tickets.map((t) => t.ticketNumber));
  state.loads++;
  document.getElementById('count').textContent = WORDS.count(answer.body.total);
  renderList();
}

function renderList() {
  const rows = state.tickets.map((t) => {
    const row = element('li', { className: 'ticket' + (state.fresh.has(t.ticketNumber) ? ' fresh' : ''),
      'data-ticket': t.ticketNumber, 'data-card': card(t) ?? 'NONE', 'data-status': t.status },
    element('div', { className: 'top' }, ...badges(t), element('span', { className: 'status' }, t.statusLabel)),
    element('div', { className: 'text' }, t.text),
    element('div', { className: 'meta' }, [t.ticketNumber, t.village ?? t.township, t.kindLabel].filter(Boolean).join(' · ')),
    countdown(t));
    row.addEventListener('click', () => openDetail(t.ticketNumber));
    return row;
  });
  document.getElementById('tickets').replaceChildren(...(rows.length ? rows : [element('li', { className: 'empty' }, WORDS.empty)]));
}

function card(t) {
  const shown = t.timeLimits?.card;
  return shown === 'YELLOW' || shown === 'RED' ? shown : null;
}

function badges(t) {
  const list = [];
  if (state.fresh.has(t.ticketNumber)) list.push(element('span', { className: 'badge fresh' }, WORDS.fresh));
  if (card(t)) list.push(element('span', { className: `badge ${card(t)}` }, WORDS.cards[card(t)]));
  if (WORDS.urgency[t.urgency]) list.push(element('span', { className: `badge ${t.urgency}` }, WORDS.urgency[t.urgency]));
  return list;
}

// ---- deadlines counting down

function countdown(t) {
  const node = element('div', { className: 'countdown' });
  node.dataset.deadline = t.deadline ?? '';
  node.dataset.paused = String(Boolean(t.timeLimits?.paused));
  node.dataset.label = t.status === 'DISPATCHED' ? WORDS.signForBy : WORDS.finishBy;
  paint(node);
  return node;
}

/** One countdown's words for now: left or overdue, in days, hours or minutes as the time requires. */
function paint(node) {
  const label = element('span', { className: 'label' }, node.dataset.label);
  if (node.dataset.paused === 'true') {
    node.className = 'countdown paused';
    node.replaceChildren(label, WORDS.paused);
    return;
  }
  if (!node.dataset.deadline) {
    node.className = 'countdown';
    node.replaceChildren(label, WORDS.noDeadline);
    return;
  }
  const left = Date.parse(node.dataset.deadline) - Date.now();
  node.className = 'countdown' + (left < 0 ? ' overdue' : '');
  node.replaceChildren(label, left < 0 ? WORDS.overdue(span(-left)) : WORDS.left(span(left)));
}

function span(milliseconds) {
  const seconds = Math.floor(milliseconds / 1000);
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor(seconds % 86_400 / 3600);
  const m = Math.floor(seconds % 3600 / 60);
  if (d > 0) return WORDS.span.days(d, h);
  if (h > 0) return WORDS.span.hours(h, m);
  return WORDS.span.minutes(m, seconds % 60);
}

function tick() {
  document.querySelectorAll('.countdown').forEach(paint);
}

// ---- one ticket

async function openDetail(number) {
  state.fresh.delete(number);
  document.getElementById('list-view').hidden = true;
  document.getElementById('detail').hidden = false;
  document.getElementById('back').hidden = false;
  document.getElementById('detail').dataset.ticket = number;
  document.getElementById('detail-head').replaceChildren(element('p', {}, WORDS.loading));
  for (const id of ['fields', 'contact', 'steps', 'timeline', 'notice', 'problem']) {
    document.getElementById(id).replaceChildren();
  }
  hideForm();
  window.scrollTo(0, 0);
  const answer = await get(`/api/v1/tickets/${encodeURIComponent(number)}`);
  if (document.getElementById('detail').dataset.ticket !== number) return;
  if (!answer.ok) {
    document.getElementById('detail-head').replaceChildren(element('p', { className: 'problem' }, answer.message));
    return;
  }
  show(answer.body);
}

function closeDetail() {
  state.open = null;
  document.getElementById('detail').hidden = true;
  document.getElementById('back').hidden = true;
  document.getElementById('detail').dataset.ticket = '';
  document.getElementById('list-view').hidden = false;
  renderList();
}

async function refreshDetail() {
  const number = state.open?.ticketNumber;
  if (!number) return;
  const answer = await get(`/api/v1/tickets/${encodeURIComponent(number)}`);
  if (answer.ok && state.open?.ticketNumber === number) {
    show(answer.body);
  }
}

function show(t) {
  state.open = t;
  const when = (iso) => iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
  document.getElementById('detail-head').replaceChildren(
    element('h2', {}, t.ticketNumber),
    element('div', { className: 'badges' }, ...badges(t), element('span', { className: 'status', 'data-status': t.status }, t.statusLabel)),
    t.deadline ? countdown(t) : '');
  const f = WORDS.fields;
  const rows = [[f.kind, t.kindLabel], [f.matter, t.catalogItem?.name], [f.address, t.address],
    [f.received, when(t.receivedAt)], [f.deadline, when(t.deadline)], [f.text, t.text]];
  if (t.assistants?.length) rows.push([f.assistants, t.assistants.map((a) => a.unitName ?? a.unitCode).join('、')]);
  document.getElementById('fields').replaceChildren(...rows.flatMap(([name, value]) =>
    [element('dt', {}, name), element('dd', {}, value ?? '—')]));
  renderContact(t);
  renderSteps(t);
  loadTimeline(t.ticketNumber);
}

// ---- the caller's contact, as far as privacy allows

function isMasked(contact) {
  return /\*/.test(contact.phone ?? '') || /\*\*$/.test(contact.name ?? '');
}

function renderContact(t) {
  const box = document.getElementById('contact');
  const c = t.contact;
  const title = element('strong', {}, WORDS.contact + '：');
  if (!c || (!c.anonymous && !c.name && !c.phone)) {
    box.replaceChildren(title, WORDS.noContact);
    return;
  }
  if (c.anonymous) {
    box.replaceChildren(title, element('span', { className: 'masked' }, WORDS.anonymous));
    return;
  }
  if (!isMasked(c)) {
    const phone = c.phone ? element('a', { href: 'tel:' + c.phone, className: 'phone' }, c.phone) : '';
    box.replaceChildren(title, element('span', { className: 'name' }, c.name ?? ''), ' ', phone);
    return;
  }
  // Masked for this reader (another unit's ticket in their area): revealing it is an audited act with a reason.
  const reveal = element('button', { type: 'button', id: 'reveal' }, WORDS.reveal);
  reveal.addEventListener('click', () => revealForm(t, box));
  box.replaceChildren(title, element('span', { className: 'masked' }, `${c.name ?? ''} ${c.phone ?? ''}（${WORDS.masked}）`),
    element('div', {}, reveal));
}

function revealForm(t, box) {
  const reason = element('textarea', { id: 'reveal-reason', rows: 2 });
  const submit = element('button', { type: 'submit' }, WORDS.revealSubmit);
  const form = element('form', { className: 'step-form' }, element('label', {}, WORDS.revealReason, reason), submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const answer = await post(`/api/v1/tickets/${encodeURIComponent(t.ticketNumber)}/reveal`, { reason: reason.value.trim() });
    submit.disabled = false;
    if (!answer.ok) {
      document.getElementById('problem').textContent = answer.message;
      return;
    }
    document.getElementById('problem').textContent = '';
    document.getElementById('notice').textContent = WORDS.revealed;
    // The reveal answers the ticket in full; the steps stay those the ticket gave this reader.
    show({ ...answer.body, allowedSteps: answer.body.allowedSteps ?? t.allowedSteps });
  });
  box.append(form);
  reason.focus();
}

// ---- the steps this reader may take now

function renderSteps(t) {
  const allowed = new Set(t.allowedSteps ?? []);
  const buttons = Object.entries(STEPS).filter(([step]) => allowed.has(step)).map(([step, how]) => {
    const button = element('button', { type: 'button', className: how.secondary ? 'secondary' : '', 'data-step': step }, stepLabel(step));
    button.addEventListener('click', () => how.ask ? stepForm(t, step, how) : take(t, step, how, {}));
    return button;
  });
  document.getElementById('steps').replaceChildren(...(buttons.length ? buttons : [element('p', { className: 'none' }, WORDS.noSteps)]));
}

function stepForm(t, step, how) {
  const form = document.getElementById('step-form');
  const inputs = how.ask.map((ask) => {
    const input = ask.type === 'days'
      ? element('input', { type: 'number', min: 1, max: 90, inputMode: 'numeric', name: ask.field })
      : element('textarea', { name: ask.field, rows: ask.type === 'lines' ? 4 : 3 });
    return { ask, input };
  });
  const submit = element('button', { type: 'submit', 'data-submit': step }, stepLabel(step));
  const cancel = element('button', { type: 'button' }, WORDS.cancel);
  cancel.addEventListener('click', hideForm);
  form.replaceChildren(element('h3', {}, stepLabel(step)),
    ...inputs.map(({ ask, input }) => element('label', {}, WORDS.ask[ask.words], input)),
    element('div', { className: 'buttons' }, submit, cancel));
  form.dataset.step = step;
  form.hidden = false;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const body = {};
    for (const { ask, input } of inputs) {
      const value = input.value.trim();
      if (ask.type === 'lines') body[ask.field] = value.split('\n').map((line) => line.trim()).filter(Boolean);
      else if (ask.type === 'days') body[ask.field] = value === '' ? null : Number(value);
      else body[ask.field] = value === '' ? null : value;
    }
    submit.disabled = true;
    await take(t, step, how, body);
    submit.disabled = false;
  };
  inputs[0].input.focus();
}

function hideForm() {
  const form = document.getElementById('step-form');
  form.hidden = true;
  form.dataset.step = '';
  form.replaceChildren();
}

/** Takes the step; the answer is the ticket after it, or the problem in words (a 409 names what is possible now). */
async function take(t, step, how, body) {
  const problem = document.getElementById('problem');
  const notice = document.getElementById('notice');
  problem.textContent = '';
  notice.textContent = '';
  const answer = await post(`/api/v1/tickets/${encodeURIComponent(t.ticketNumber)}/${how.path}`, body);
  if (!answer.ok) {
    problem.textContent = answer.message;
    if (answer.status === 409) {
      await refreshDetail(); // the ticket moved on: offer what is possible now
      problem.textContent = answer.message;
    }
    return;
  }
  hideForm();
  notice.textContent = WORDS.stepDone(stepLabel(step));
  show(answer.body);
  reloadSoon();
}

// ---- the timeline

async function loadTimeline(number) {
  const answer = await get(`/api/v1/tickets/${encodeURIComponent(number)}/timeline`);
  if (state.open?.ticketNumber !== number) return;
  const list = document.getElementById('timeline');
  if (!answer.ok) {
    list.replaceChildren(element('li', { className: 'problem' }, answer.message));
    return;
  }
  const when = (iso) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const items = answer.body.slice().reverse().map((entry) => element('li', { 'data-type': entry.type },
    element('time', {}, when(entry.occurredAt)),
    `${entry.toStatusLabel} · ${entry.actor}`,
    said(entry) ? element('div', { className: 'reason' }, said(entry)) : ''));
  list.replaceChildren(...(items.length ? items : [element('li', {}, WORDS.timelineEmpty)]));
}

/** What a step said besides its state: the reason, the result, the documents asked for. */
function said(entry) {
  const data = entry.data ?? {};
  return [entry.reason, data.result, Array.isArray(data.documents) ? data.documents.join('、') : null].filter(Boolean).join(' · ');
}

// For the browser tests: where the inbox stands.
window.lastmileInbox = {
  loads: () => state.loads,
  snapshots: () => state.feed?.snapshots ?? 0,
  resumes: () => state.feed?.resumes ?? 0,
  cut: (milliseconds) => state.feed?.cut(milliseconds),
};

// Last, once every declaration above is in place.
const session = await requireSession();
if (session) {
  start(session);
}
