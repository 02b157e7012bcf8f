// The dispatcher's workbench: the queue (new, returned and extension-requested tickets; an incident
// is one entry with its callers), the supervised tickets, the intake's dead letters and the search.
// A ticket opens on the right with the steps this dispatcher may take now (the API's allowedSteps),
// its suggested duplicates and its timeline. The lists follow /api/v1/live/command-center: a change
// on the feed reloads them, so that the page always shows the API's own answer.
import { STRINGS } from '/app/strings.js';
import { requireSession, signOut } from '/app/session.js';
import { openFeed } from '/app/feed.js';
import { get, post, stepLabel } from '/app/api.js';
import { element, fillTexts } from '/app/dom.js';
import { createSearch } from './search.js';

const WORDS = STRINGS.workbench;
const RELOAD_AFTER_MS = 400;
const PAGE = 200;

/**
 * Each step the page can take: its path under /api/v1/tickets/{number}/ and the fields it asks
 * for. A step the API allows but the table lacks is not offered.
 */
const STEP_FORMS = {
  REGISTER: { path: 'register', fields: ['catalogCode'] },
  DISPATCH: { path: 'dispatch', fields: ['unitCode', 'reason'] },
  ACCEPT_RETURN: { path: 'return/accept', fields: ['unitCode!', 'reason'] },
  REJECT_RETURN: { path: 'return/reject', fields: ['reason!'] },
  REASSIGN: { path: 'reassign', fields: ['unitCode!', 'reason'] },
  APPROVE_EXTENSION: { path: 'extension/approve', fields: ['days!', 'reason'] },
  DENY_EXTENSION: { path: 'extension/deny', fields: ['reason!'] },
  SUPERVISE: { path: 'supervise', fields: ['reason!', 'days'] },
  ESCALATE: { path: 'escalate', fields: ['reason!'] },
  REDO: { path: 'redo', fields: ['reason!'] },
  VERIFY: { path: 'verify', fields: ['reason'] },
  CLOSE: { path: 'close', fields: ['reason'] },
  MERGE: { path: 'merge', fields: ['intoTicketNumber!', 'reason'] },
  UNMERGE: { path: 'unmerge', fields: ['reason!'] },
  START_JOINT_HANDLING: { path: 'joint', fields: ['units!'] },
  REPORT_ASSISTANCE: { path: 'joint/report', fields: ['unitCode!', 'result!'] },
  SIGN_FOR: { path: 'sign-for', fields: [] },
  START: { path: 'start', fields: [] },
  RETURN: { path: 'return', fields: ['reason!'] },
  REQUEST_EXTENSION: { path: 'extension', fields: ['days!', 'reason!'] },
  REQUEST_DOCUMENTS: { path: 'documents/request', fields: ['documents!', 'reason'] },
  RESUME_WITH_DOCUMENTS: { path: 'documents/received', fields: [] },
  RESOLVE: { path: 'resolve', fields: ['result!'] },
  REVISIT: { path: 'revisit', fields: ['satisfaction!'] },
  ANSWER_AT_INTAKE: { path: 'answer', fields: ['result!'] },
  PICK_UP: { path: 'pickup', fields: [] },
};
const SATISFACTION = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];

const state = {
  tab: 'queue',
  units: [],
  catalog: [],
  chosen: null,      // {kind: 'ticket'|'letter', id}
  done: null,        // {number, text}: what the last step did, kept when the feed reloads that ticket
  formOpen: false,   // a dispatcher typing in a step's form is not interrupted by a reload
  feed: null,
  reloadTimer: null,
  pages: {},          // how many pages of each work list are shown
  reloadPending: new Set(),  // the tickets the feed reported changed since the last reload
  search: null,
};

fillTexts();

async function start(session) {
  document.getElementById('user').textContent = session.displayName || session.username;
  document.getElementById('sign-out').addEventListener('click', signOut);
  for (const tab of document.querySelectorAll('#tabs [data-tab]')) {
    tab.addEventListener('click', () => showTab(tab.dataset.tab));
  }
  for (const button of document.querySelectorAll('.refresh')) {
    button.addEventListener('click', () => reloadList());
  }
  state.search = createSearch(document.getElementById('tab-search'), { onOpen: (number) => openTicket(number) });
  const [units, catalog] = await Promise.all([get('/api/v1/units'), get('/api/v1/catalog')]);
  state.units = units.ok ? units.body : [];
  state.catalog = catalog.ok ? catalog.body : [];
  await loadQueue();
  state.feed = openFeed('/api/v1/live/command-center', { onMessage: receive, onState: setConnection });
}

function showTab(name) {
  state.tab = name;
  for (const tab of document.querySelectorAll('#tabs [data-tab]')) {
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  }
  for (const panel of document.querySelectorAll('#work .tab')) {
    panel.hidden = panel.id !== 'tab-' + name;
  }
  if (name === 'search') {
    state.search.shown();
  } else {
    reloadList();
  }
}

function reloadList() {
  if (state.tab === 'queue') return loadQueue();
  if (state.tab === 'supervised') return loadSupervised();
  if (state.tab === 'dead-letters') return loadDeadLetters();
  return null;
}

// ---- the lists

async function loadQueue() {
  await loadTickets('/api/v1/queue', 'queue', 'queue-total', WORDS.queue.empty);
}

async function loadSupervised() {
  await loadTickets('/api/v1/supervised', 'supervised', 'supervised-total', WORDS.supervisedEmpty);
}

/**
 * A work list, as many pages as the dispatcher has asked for ({@link PAGE} each, the API's most):
 * a busy county's queue is longer than one page, and a reload keeps what was shown.
 */
async function loadTickets(path, listId, totalId, emptyWords) {
  const list = document.getElementById(listId);
  const pages = state.pages[listId] ?? 1;
  const answers = await Promise.all(Array.from({ length: pages }, (_, page) => get(`${path}?size=${PAGE}&page=${page}`)));
  const failed = answers.find((answer) => !answer.ok);
  if (failed) {
    list.replaceChildren(element('li', { className: 'empty problem' }, failed.message));
    return;
  }
  const total = answers[0].body.total;
  document.getElementById(totalId).textContent = WORDS.queue.total(total);
  // A ticket that moved up between two pages' answers is shown once.
  const seen = new Set();
  const items = answers.flatMap((answer) => answer.body.items).filter((t) => !seen.has(t.ticketNumber) && seen.add(t.ticketNumber));
  const rows = items.map((t) => {
    const row = element('li', { 'data-ticket': t.ticketNumber, 'data-status': t.status, 'data-card': t.timeLimits?.card ?? '',
      className: isChosen('ticket', t.ticketNumber) ? 'chosen' : '' },
      element('span', { className: 'bar' }),
      element('span', { className: 'text' }, t.text,
        t.incident ? element('span', { className: 'incident' }, WORDS.queue.callers(t.incident.callers)) : ''),
      element('span', { className: 'status' }, t.statusLabel),
      element('span', { className: 'meta' }, [t.ticketNumber, STRINGS.channels[t.channel] ?? t.channel,
        `${t.township ?? ''}${t.village ?? ''}`, t.catalogItem?.name ?? WORDS.queue.unclassified, t.unit?.name,
        STRINGS.ago(Math.floor((Date.now() - Date.parse(t.receivedAt)) / 60_000))].filter(Boolean).join(' · ')));
    row.addEventListener('click', () => openTicket(t.ticketNumber));
    return row;
  });
  if (!rows.length) {
    rows.push(element('li', { className: 'empty' }, emptyWords));
  } else if (pages * PAGE < total) {
    const more = element('button', { type: 'button', className: 'more' }, WORDS.queue.more(total - items.length));
    more.addEventListener('click', () => {
      state.pages[listId] = pages + 1;
      loadTickets(path, listId, totalId, emptyWords);
    });
    rows.push(element('li', { className: 'empty more-row' }, more));
  }
  list.replaceChildren(...rows);
}

async function loadDeadLetters() {
  const list = document.getElementById('dead-letters');
  const answer = await get('/api/v1/intake/dead-letters?size=200');
  if (!answer.ok) {
    list.replaceChildren(element('li', { className: 'empty problem' }, answer.message));
    return;
  }
  const d = WORDS.deadLetters;
  const rows = answer.body.map((letter) => {
    const row = element('li', { 'data-letter': letter.id, className: isChosen('letter', letter.id) ? 'chosen' : '' },
      element('span', { className: 'bar' }),
      element('span', { className: 'text' }, letter.reason),
      element('span', { className: 'status' }, STRINGS.channels[letter.channel] ?? letter.channel),
      element('span', { className: 'meta' }, [letter.sourceKey, letter.field, when(letter.receivedAt), d.bytes(letter.payloadBytes)]
        .filter(Boolean).join(' · ')));
    row.addEventListener('click', () => openDeadLetter(letter.id));
    return row;
  });
  list.replaceChildren(...(rows.length ? rows : [element('li', { className: 'empty' }, d.empty)]));
}

function isChosen(kind, id) {
  return state.chosen?.kind === kind && state.chosen.id === id;
}

function markChosen() {
  for (const row of document.querySelectorAll('ol.tickets li')) {
    const id = row.dataset.ticket ?? row.dataset.letter;
    row.classList.toggle('chosen', id !== undefined && state.chosen?.id === id);
  }
}

// ---- one ticket

/** Shows a ticket; {@code fromFeed}: a reload because the feed reported a change, which yields to a form opened meanwhile. */
async function openTicket(number, message = null, fromFeed = false) {
  if (message) {
    state.done = { number, text: message };
  } else if (state.done?.number === number) {
    message = state.done.text;
  } else {
    state.done = null;
  }
  const panel = document.getElementById('detail');
  if (!fromFeed) {
    state.chosen = { kind: 'ticket', id: number };
    state.formOpen = false;
    markChosen();
    panel.dataset.ticket = number;
    delete panel.dataset.letter;
    panel.replaceChildren(element('p', { className: 'hint' }, WORDS.detail.loading));
  }
  const [ticket, timeline, similar] = await Promise.all([get(`/api/v1/tickets/${encodeURIComponent(number)}`),
    get(`/api/v1/tickets/${encodeURIComponent(number)}/timeline`), get(`/api/v1/tickets/${encodeURIComponent(number)}/similar`)]);
  if (!isChosen('ticket', number) || (fromFeed && state.formOpen)) return;
  if (!ticket.ok) {
    panel.replaceChildren(element('p', { className: 'message problem' }, ticket.message));
    return;
  }
  const t = ticket.body;
  panel.dataset.status = t.status;
  panel.dataset.unit = t.unit?.code ?? '';
  const f = STRINGS.detail.fields;
  const fields = element('dl', {}, ...[[f.status, t.statusLabel], [f.channel, STRINGS.channels[t.channel] ?? t.channel],
    [f.kind, t.kindLabel], [WORDS.detail.catalog, t.catalogItem?.name ?? WORDS.queue.unclassified], [f.address, t.address],
    [f.unit, t.unit?.name], [f.deadline, when(t.deadline)], [f.received, when(t.receivedAt)],
    [WORDS.detail.contact, [t.contact?.name, t.contact?.phone].filter(Boolean).join(' ')], [f.text, t.text]]
    .flatMap(([name, value]) => [element('dt', {}, name), element('dd', {}, value || '—')]));
  const returned = t.status === 'RETURNED' ? lastReason(timeline.body, 'TicketReturned') : null;
  const shown = [element('h2', {}, t.ticketNumber), fields];
  if (returned) {
    shown.push(element('p', { className: 'returned' }, `${WORDS.detail.returnReason}：${returned}`));
  }
  if (t.incident) {
    shown.push(element('p', { className: 'incident' }, WORDS.detail.incident(t.incident.callers, t.incident.linkedTickets.join('、'))));
  }
  const messageNode = element('p', { className: 'message', role: 'status' });
  if (message) {
    messageNode.textContent = message;
    messageNode.classList.add('done');
  }
  shown.push(element('h3', {}, WORDS.detail.steps), stepButtons(t, timeline.body ?? [], messageNode), messageNode);
  shown.push(element('h3', {}, WORDS.detail.similar), similarList(t, similar, messageNode));
  shown.push(element('h3', {}, WORDS.detail.timeline), element('ol', { className: 'timeline' },
    ...(timeline.body ?? []).map((step) => element('li', { 'data-type': step.type }, element('time', {}, when(step.occurredAt)),
      `${step.toStatusLabel} · ${step.actor}${step.reason ? ' · ' + step.reason : ''}`))));
  panel.replaceChildren(...shown);
}

function lastReason(timeline, type) {
  const entries = (timeline ?? []).filter((e) => e.type === type);
  return entries.length ? entries[entries.length - 1].reason : null;
}

function stepButtons(t, timeline, messageNode) {
  const box = element('div', {});
  const offered = (t.allowedSteps ?? []).filter((step) => STEP_FORMS[step]);
  if (!offered.length) {
    return element('p', { className: 'hint' }, WORDS.detail.noSteps);
  }
  const buttons = element('div', { className: 'steps' }, ...offered.map((step) => {
    const button = element('button', { type: 'button', 'data-step': step, 'aria-pressed': 'false' }, stepLabel(step));
    button.addEventListener('click', () => {
      for (const other of buttons.children) other.setAttribute('aria-pressed', String(other === button));
      box.replaceChildren(stepForm(t, step, timeline, messageNode));
      state.formOpen = true;
      box.querySelector('input, select, textarea, button[type="submit"]')?.focus();
    });
    return button;
  }));
  return element('div', {}, buttons, box);
}

function stepForm(t, step, timeline, messageNode) {
  const words = WORDS.form;
  const form = element('form', { className: 'step-form', 'data-step': step });
  for (const spec of STEP_FORMS[step].fields) {
    const name = spec.replace('!', '');
    const required = spec.endsWith('!');
    form.append(element('label', {}, words[name], field(name, required, t, step, timeline)));
  }
  const submit = element('button', { type: 'submit' }, `${words.submit}：${stepLabel(step)}`);
  form.append(submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    messageNode.className = 'message';
    messageNode.textContent = '';
    const answer = await post(`/api/v1/tickets/${encodeURIComponent(t.ticketNumber)}/${STEP_FORMS[step].path}`, body(form));
    submit.disabled = false;
    if (!answer.ok) {
      messageNode.className = 'message problem';
      messageNode.textContent = answer.message;
      return;
    }
    state.formOpen = false;
    await openTicket(t.ticketNumber, WORDS.detail.done(stepLabel(step), answer.body.statusLabel));
    reloadList();
  });
  return form;
}

function field(name, required, t, step, timeline) {
  const attributes = { name, required };
  switch (name) {
    case 'unitCode': {
      // Re-routing a return sends it elsewhere: the unit that returned it is not the first choice.
      const units = state.units.filter((u) => !(step === 'ACCEPT_RETURN' && u.code === returnedBy(timeline)));
      return element('select', attributes, element('option', { value: '' }, required ? '' : WORDS.form.keepRouting),
        ...units.map((u) => element('option', { value: u.code }, `${u.name}（${u.code}）`)));
    }
    case 'units':
      return element('select', { ...attributes, multiple: true, size: 6 },
        ...state.units.map((u) => element('option', { value: u.code }, u.name)));
    case 'catalogCode':
      return element('select', attributes, element('option', { value: '' }, WORDS.form.keepCatalog),
        ...state.catalog.map((c) => element('option', { value: c.code, selected: c.code === t.catalogItem?.code }, `${c.name}（${c.code}）`)));
    case 'days': {
      const asked = step === 'APPROVE_EXTENSION' ? requestedDays(timeline) : null;
      return element('input', { ...attributes, type: 'number', min: 1, max: 90, value: asked ?? '' });
    }
    case 'satisfaction':
      return element('select', attributes, ...SATISFACTION.map((s) => element('option', { value: s }, s)));
    case 'documents':
      return element('textarea', { ...attributes, rows: 3 });
    case 'reason':
    case 'result':
      return element('textarea', { ...attributes, rows: 2 });
    default:
      return element('input', attributes);
  }
}

/** The unit whose return waits: the last TicketReturned's unit. */
function returnedBy(timeline) {
  const entries = timeline.filter((e) => e.type === 'TicketReturned');
  return entries.length ? entries[entries.length - 1].data?.returnedBy ?? null : null;
}

/** The days the unit asked for, to approve as asked unless the dispatcher changes them. */
function requestedDays(timeline) {
  const entries = timeline.filter((e) => e.type === 'TicketExtensionRequested');
  return entries.length ? entries[entries.length - 1].data?.days ?? null : null;
}

function body(form) {
  const values = {};
  for (const control of form.elements) {
    if (!control.name || control.value === '') continue;
    if (control.name === 'units') {
      values.units = [...control.selectedOptions].map((o) => o.value);
    } else if (control.name === 'documents') {
      values.documents = control.value.split('\n').map((d) => d.trim()).filter(Boolean);
    } else if (control.name === 'days') {
      values.days = Number(control.value);
    } else {
      values[control.name] = control.value.trim();
    }
  }
  return values;
}

function similarList(t, similar, messageNode) {
  if (!similar.ok) {
    return element('p', { className: 'message problem' }, similar.message);
  }
  const items = similar.body.items;
  if (!items.length) {
    return element('p', { className: 'hint' }, WORDS.detail.noSimilar);
  }
  return element('ul', { className: 'similar' }, ...items.map((item) => {
    const row = element('li', { 'data-other': item.ticketNumber },
      element('a', { href: '#', onclick: (e) => { e.preventDefault(); openTicket(item.ticketNumber); } }, item.ticketNumber),
      ` ${item.text ?? ''}`,
      item.score != null ? element('span', { className: 'score' }, item.score.toFixed(2)) : '',
      item.linked ? element('span', { className: 'score' }, WORDS.detail.linked) : '');
    if (item.decision === 'SUGGESTED' && !item.linked) {
      const path = `/api/v1/tickets/${encodeURIComponent(t.ticketNumber)}/similar/${encodeURIComponent(item.ticketNumber)}`;
      const decide = (action, done) => async () => {
        const answer = await post(`${path}/${action}`);
        if (!answer.ok) {
          messageNode.className = 'message problem';
          messageNode.textContent = answer.message;
          return;
        }
        await openTicket(t.ticketNumber, done(answer));
        reloadList();
      };
      row.append(element('span', { className: 'actions' },
        element('button', { type: 'button', 'data-action': 'accept',
          onclick: decide('accept', (a) => WORDS.detail.done(stepLabel('MERGE'), a.body.statusLabel)) }, WORDS.detail.acceptSimilar),
        element('button', { type: 'button', 'data-action': 'dismiss', onclick: decide('dismiss', () => WORDS.detail.dismissed) },
          WORDS.detail.dismissSimilar)));
    }
    return row;
  }));
}

// ---- one dead letter

async function openDeadLetter(id, revealed = null, message = null) {
  state.chosen = { kind: 'letter', id };
  markChosen();
  const panel = document.getElementById('detail');
  panel.dataset.letter = id;
  delete panel.dataset.ticket;
  const d = WORDS.deadLetters;
  const answer = revealed ?? await get(`/api/v1/intake/dead-letters/${encodeURIComponent(id)}`);
  if (!isChosen('letter', id)) return;
  if (!answer.ok) {
    panel.replaceChildren(element('p', { className: 'message problem' }, answer.message));
    return;
  }
  const letter = answer.body;
  const messageNode = element('p', { className: 'message', role: 'status' }, message ?? '');
  const reason = element('input', { name: 'reason', placeholder: d.revealReason });
  const reveal = element('form', { className: 'step-form reveal' }, element('label', {}, d.revealReason, reason),
    element('button', { type: 'submit' }, d.reveal));
  reveal.addEventListener('submit', async (event) => {
    event.preventDefault();
    const shown = await post(`/api/v1/intake/dead-letters/${encodeURIComponent(id)}/reveal`, { reason: reason.value.trim() });
    if (!shown.ok) {
      messageNode.className = 'message problem';
      messageNode.textContent = shown.message;
      return;
    }
    openDeadLetter(id, shown);
  });
  const replay = element('button', { type: 'button', 'data-action': 'replay' }, d.replay);
  replay.addEventListener('click', async () => {
    const replayed = await post(`/api/v1/intake/dead-letters/${encodeURIComponent(id)}/replay`);
    if (replayed.ok) {
      await openDeadLetter(id, null, d.replayed(replayed.body.ticketNumber));
      loadDeadLetters();
    } else {
      messageNode.className = 'message problem';
      messageNode.textContent = `${d.stillFails}：${replayed.body?.detail ?? replayed.message}`;
    }
  });
  if (message) messageNode.classList.add('done');
  panel.replaceChildren(element('h2', {}, `${STRINGS.channels[letter.channel] ?? letter.channel} · ${letter.sourceKey ?? ''}`),
    element('dl', {}, ...[[d.reason, letter.reason], [d.field, letter.field], [d.received, when(letter.receivedAt)],
      [d.ticket, letter.ticketNumber ?? '—']]
      .flatMap(([name, value]) => [element('dt', {}, name), element('dd', {}, value || '—')])),
    element('pre', { className: 'payload' }, letter.payloadPreview),
    element('div', { className: 'actions' }, replay), messageNode, reveal);
}

// ---- the feed

function receive(message) {
  if (message.type === 'snapshot' || message.type === 'resync' || message.type === 'resumed') {
    setConnection('live');
    if (message.type !== 'snapshot') scheduleReload(null);
    return;
  }
  if (message.type === 'tiles' || !message.ticketNumber) return;
  scheduleReload(message.ticketNumber);
}

/** Changes come in bursts: one reload of the list (and of the open ticket, unless a form is being filled in) per burst. */
function scheduleReload(number) {
  if (number) state.reloadPending.add(number);
  clearTimeout(state.reloadTimer);
  state.reloadTimer = setTimeout(() => {
    const changed = state.reloadPending;
    state.reloadPending = new Set();
    reloadList();
    if (state.chosen?.kind === 'ticket' && changed.has(state.chosen.id) && !state.formOpen) {
      openTicket(state.chosen.id, null, true);
    }
  }, RELOAD_AFTER_MS);
}

function setConnection(status, words) {
  const node = document.getElementById('connection');
  node.dataset.state = status;
  node.textContent = STRINGS.connection[status];
  node.title = words ?? '';
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
}

// Last, once every declaration above is in place.
const session = await requireSession();
if (session) {
  start(session);
}
