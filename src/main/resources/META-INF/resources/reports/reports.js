// The monthly assessment (考核) as a page to read and print: the figures of the month for the
// viewer's units (or one of them), the units' ranking and the tickets that went overdue, from
// GET /api/v1/reports/assessment; the same report as CSV for a spreadsheet. The API decides what a
// viewer may see: an official's unit list holds their unit and those below it.
import { STRINGS } from '/app/strings.js';
import { requireSession, signOut } from '/app/session.js';
import { call, get } from '/app/api.js';
import { element, fillTexts } from '/app/dom.js';

const WORDS = STRINGS.reports;
// Each figure of the summary: how its value is shown, and the counts it is made of (docs/kpis.md).
const FIGURES = [
  ['received', (c) => c.received, null],
  ['immediate', rate, (c) => [c.immediate, c.received]],
  ['resolved', rate, (c) => [c.resolved, c.handled]],
  ['signedFor', rate, (c) => [c.signedFor, c.handOvers]],
  ['signedOnTime', rate, (c) => [c.signedOnTime, c.handOvers]],
  ['returned', rate, (c) => [c.returned, c.handOvers]],
  ['redone', rate, (c) => [c.redone, c.closed]],
  ['resolvedOnTime', rate, (c) => [c.resolvedOnTime, c.completionDue]],
  ['disposed', rate, (c) => [c.urbanDisposed, c.urbanDispatched]],
  ['satisfied', rate, (c) => [c.satisfied, c.revisits]],
  ['averageSignForMinutes', (c, r) => r.averageSignForMinutes == null ? WORDS.none : WORDS.minutes(r.averageSignForMinutes), null],
  ['averageResolveHours', (c, r) => r.averageResolveHours == null ? WORDS.none : WORDS.hours(r.averageResolveHours), null],
];

const state = { units: null, month: null, unit: '' };

fillTexts();

/** A rate of the report (0–1, or null) in per cent with one decimal, as the screens show it. */
function percent(value) {
  return value === null || value === undefined ? WORDS.none : `${Math.round(value * 1000) / 10}%`;
}

function rate(counts, rates, name) {
  return percent(rates[name]);
}

function query(by, month, unit) {
  const parameters = new URLSearchParams({ month, by });
  if (unit) parameters.set('unit', unit);
  return `/api/v1/reports/assessment?${parameters}`;
}

async function start() {
  const session = await requireSession();
  if (!session) return;
  document.getElementById('user').textContent = session.displayName || session.username;
  document.getElementById('sign-out').addEventListener('click', signOut);
  const parameters = new URLSearchParams(location.search);
  const now = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
  document.getElementById('month').value = parameters.get('month') || now;
  state.unit = parameters.get('unit') || '';
  document.getElementById('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  document.getElementById('print').addEventListener('click', () => window.print());
  document.getElementById('csv').addEventListener('click', (event) => {
    event.preventDefault();
    downloadCsv();
  });
  await show(true);
}

/** Reads the month's report (summary, then ranking and overdue) and draws it. */
async function show(first = false) {
  const month = document.getElementById('month').value;
  const unit = first ? state.unit : document.getElementById('unit').value;
  problem(null);
  const [county, units] = await Promise.all([get(query('county', month, unit)), get(query('unit', month, unit))]);
  const failed = [county, units].find((answer) => !answer.ok);
  if (failed) {
    problem(failed.message);
    return;
  }
  state.month = month;
  state.unit = unit;
  if (!state.units || !unit) {
    // The units this viewer may pick are those of their unscoped report: the API scopes it.
    state.units = units.body.rows.map((row) => ({ code: row.key, name: row.name }));
  }
  fillUnits(unit);
  history.replaceState(null, '', `?${new URLSearchParams(unit ? { month, unit } : { month })}`);
  draw(county.body, units.body, unit);
}

function fillUnits(selected) {
  const select = document.getElementById('unit');
  select.replaceChildren(element('option', { value: '' }, WORDS.allUnits),
    ...state.units.map((u) => element('option', { value: u.code, selected: u.code === selected }, u.name)));
  select.value = selected;
}

function draw(county, units, unit) {
  const unitName = unit ? (state.units.find((u) => u.code === unit)?.name || unit) : WORDS.allUnits;
  document.getElementById('scope').textContent = WORDS.scope(county.month, unitName);
  document.getElementById('generated').textContent =
    WORDS.generated(new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }));
  const row = county.rows[0];
  const counts = row ? row.counts : {};
  const rates = row ? row.rates : {};
  document.querySelector('#figures tbody').replaceChildren(...FIGURES.map(([name, value, basis]) => {
    const shown = row ? value(counts, rates, name) : WORDS.none;
    const parts = row && basis ? basis(counts).join(' / ') : '';
    return element('tr', { 'data-figure': name },
      element('th', {}, WORDS.figures[name]), element('td', { className: 'value' }, String(shown)),
      element('td', { className: 'basis' }, parts));
  }));
  document.querySelector('#ranking tbody').replaceChildren(...units.ranking.map((r) => element('tr', { 'data-unit': r.unitCode },
    element('td', {}, String(r.rank)), element('td', {}, r.unitName),
    element('td', { className: 'value' }, percent(r.resolvedOnTime)), element('td', { className: 'value' }, percent(r.satisfied)),
    element('td', { className: 'value' }, percent(r.signedFor)))));
  const overdue = county.overdue;
  document.querySelector('#overdue tbody').replaceChildren(...(overdue.length ? overdue.map((o) => element('tr', { 'data-ticket': o.ticketNumber },
    element('td', {}, o.ticketNumber), element('td', {}, o.unitName), element('td', {}, WORDS.statuses[o.status] || o.status),
    element('td', {}, new Date(o.overdueAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }))))
    : [element('tr', {}, element('td', { colSpan: 4, className: 'note' }, WORDS.noOverdue))]));
  document.getElementById('report').hidden = false;
  document.body.dataset.loaded = county.month;
}

/** The report by unit as CSV: fetched with the token (a link alone would carry none) and saved as a file. */
async function downloadCsv() {
  const answer = await call('GET', query('unit', state.month, state.unit), undefined, { Accept: 'text/csv' });
  if (!answer.ok) {
    problem(answer.message);
    return;
  }
  // Reading the body as text drops the byte-order mark that lets spreadsheet programs read the Chinese: put it back.
  const file = new Blob(['\uFEFF' + answer.body], { type: 'text/csv;charset=utf-8' });
  const link = element('a', { href: URL.createObjectURL(file), download: `assessment-${state.month}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function problem(message) {
  const node = document.getElementById('problem');
  node.hidden = !message;
  node.textContent = message || '';
}

start();
