// The command-center screen: a map of the county with the open tickets, the live queue, the KPI
// tiles and a ticker of warnings, fed by /api/v1/live/command-center (snapshot, then deltas that
// each carry a cursor; a reconnect sends the last cursor and misses nothing).
import { STRINGS } from '/app/strings.js';
import { requireSession, api, signOut } from '/app/session.js';
import { openFeed } from '/app/feed.js';
import { toGcj02 } from '/app/gcj02.js';
import { text, element, fillTexts } from '/app/dom.js';

const OPEN = new Set(['RECEIVED', 'REGISTERED', 'DISPATCHED', 'SIGNED_FOR', 'IN_PROGRESS', 'EXTENSION_REQUESTED',
  'WAITING_FOR_DOCUMENTS', 'RETURNED']);
const UNANSWERED = new Set(['RECEIVED', 'REGISTERED', 'DISPATCHED']);
const WARNINGS = new Set(['YellowCardRaised', 'RedCardRaised', 'TicketEscalated', 'KioskPressUnanswered',
  'TicketSupervised', 'TicketReturned']);
const COLOURS = { red: '#ff4d4f', yellow: '#fadb14', waiting: '#40a9ff', dispatched: '#b37feb', handling: '#73d13d', kiosk: '#ff4d4f' };
// An approximate point is drawn as an area of about the place's size, never as a spot on a road.
const AREA_METRES = { VILLAGE: 450, TOWNSHIP: 1500, COUNTY: 4000 };
// The wall shows the first rows; the rest scroll (a busy county has hundreds open).
const QUEUE_ROWS = 200;
const PINNED_PRESSES = 5;
const TICKER_ITEMS = 20;

const state = {
  tickets: new Map(),   // open tickets by number
  versions: new Map(),  // the newest version applied of every ticket seen, open or not
  merged: new Map(),    // a merged ticket's number → its primary (the incident's callers)
  feed: null,           // the live feed (app/feed.js): its cursor, socket and counters
  ticker: [],
  tiles: null,
  session: null,
};

fillTexts();

async function start(session) {
  state.session = session;
  document.getElementById('user').textContent = session.displayName || session.username;
  document.getElementById('sign-out').addEventListener('click', signOut);
  setInterval(() => {
    document.getElementById('clock').textContent = new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  }, 1000);
  document.getElementById('detail-close').addEventListener('click', () => { document.getElementById('detail').hidden = true; });
  legend();
  await drawMap();
  state.feed = openFeed(feedPath(), { onMessage: receive, onState: onFeedState });
  setInterval(renderQueue, 30_000); // the ages in the queue move on
}

// ---- map

let map;
let shift = (longitude, latitude) => [longitude, latitude];
let markers;
let villages;
const markerOf = new Map();

async function drawMap() {
  map = L.map('map', { attributionControl: false, zoomSnap: 0.25 });
  markers = L.layerGroup().addTo(map);
  villages = L.layerGroup().addTo(map);
  const { status, body } = await api('/api/v1/map');
  if (status !== 200) {
    map.setView([28.52, 112.14], 10);
    return;
  }
  if (body.tiles.coordinates === 'gcj02') {
    shift = toGcj02;
  }
  if (body.tiles.url) {
    L.tileLayer(body.tiles.url, { attribution: body.tiles.attribution, subdomains: '01234567' }).addTo(map);
    L.control.attribution({ prefix: false }).addTo(map);
  }
  const styles = {
    county: { color: '#36cfc9', weight: 2, fill: false },
    township: { color: '#3d7cc9', weight: 1.5, fillColor: '#0f2d55', fillOpacity: 0.45 },
    village: { color: '#2a527f', weight: 0.7, dashArray: '2 3', fill: false },
  };
  const boundaries = L.geoJSON(body.boundaries, {
    filter: (feature) => feature.properties.level in styles,
    style: (feature) => styles[feature.properties.level],
    coordsToLatLng: (c) => { const [lon, lat] = shift(c[0], c[1]); return L.latLng(lat, lon); },
    interactive: false,
  }).addTo(map);
  for (const feature of body.boundaries.features) {
    if (feature.properties.level === 'township' && feature.properties.center) {
      const [lon, lat] = shift(...feature.properties.center);
      L.tooltip({ permanent: true, direction: 'center', className: 'township-label' })
        .setLatLng([lat, lon]).setContent(feature.properties.name).addTo(map);
    }
  }
  map.fitBounds(boundaries.getBounds(), { padding: [10, 10] });
}

function legend() {
  const list = document.getElementById('legend');
  for (const [key, colour] of Object.entries({ waiting: COLOURS.waiting, dispatched: COLOURS.dispatched,
    handling: COLOURS.handling, yellow: COLOURS.yellow, red: COLOURS.red })) {
    const dot = element('i');
    dot.style.background = colour;
    list.append(element('li', {}, dot, STRINGS.legend[key]));
  }
  list.append(element('li', {}, element('i', { className: 'area' }), STRINGS.legend.approximate));
}

function colourKey(t) {
  if (t.card === 'RED') return 'red';
  if (t.card === 'YELLOW') return 'yellow';
  if (t.status === 'DISPATCHED') return 'dispatched';
  if (t.status === 'RECEIVED' || t.status === 'REGISTERED' || t.status === 'RETURNED') return 'waiting';
  return 'handling';
}

/** A RED kiosk press nobody has answered yet: it flashes until it is picked up. */
function flashes(t) {
  return t.kind === 'KIOSK_RED' && !t.pickedUp && UNANSWERED.has(t.status);
}

function callers(number) {
  let count = 1;
  for (const primary of state.merged.values()) {
    if (primary === number) count++;
  }
  return count;
}

function draw(t) {
  erase(t.ticketNumber);
  if (!t.location) {
    return;
  }
  const [lon, lat] = shift(t.location.longitude, t.location.latitude);
  const colour = COLOURS[colourKey(t)];
  const classes = `ticket ticket-${t.ticketNumber} precision-${t.location.precision}${flashes(t) ? ' flash' : ''}`;
  const shape = t.location.precision === 'EXACT'
    ? L.circleMarker([lat, lon], { radius: 7, color: '#ffffff', weight: 1, fillColor: colour, fillOpacity: 0.9, className: classes })
    : L.circle([lat, lon], { radius: AREA_METRES[t.location.precision] ?? 450, color: colour, weight: 1.5,
      dashArray: '4 4', fillColor: colour, fillOpacity: 0.22, className: classes });
  const layers = [shape];
  const count = callers(t.ticketNumber);
  if (count > 1) {
    layers.push(L.marker([lat, lon], { icon: L.divIcon({ className: `callers callers-${t.ticketNumber}`,
      html: `×${count}`, iconSize: [30, 18] }), title: STRINGS.map.callers(count) }));
  }
  const group = L.featureGroup(layers);
  const where = t.location.precision === 'EXACT' ? '' : `（${STRINGS.map.approximate}）`;
  group.bindTooltip(`${t.ticketNumber}<br>${escapeHtml(t.text)}${where}${count > 1 ? '<br>' + STRINGS.map.callers(count) : ''}`);
  group.on('click', () => openDetail(t.ticketNumber));
  markers.addLayer(group);
  markerOf.set(t.ticketNumber, group);
}

function erase(number) {
  const layer = markerOf.get(number);
  if (layer) {
    markers.removeLayer(layer);
    markerOf.delete(number);
  }
}

function drawVillages(counted) {
  villages.clearLayers();
  for (const v of counted ?? []) {
    const [lon, lat] = shift(v.longitude, v.latitude);
    const size = Math.min(64, 22 + Math.sqrt(v.count) * 3);
    L.marker([lat, lon], { icon: L.divIcon({ className: 'village-count', html: String(v.count), iconSize: [size, size] }),
      title: `${v.name} ${v.count}` }).addTo(villages);
  }
}

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---- the feed

/**
 * The county's feed, or one unit's: {@code ?unit=CODE}, and always an official's own unit (the
 * county feed is for the command center's staff).
 */
function feedPath() {
  const unit = new URLSearchParams(location.search).get('unit') ?? (state.session.role === 'official' ? state.session.unitCode : null);
  return unit ? `/api/v1/live/units/${encodeURIComponent(unit)}` : '/api/v1/live/command-center';
}

/** The feed's state in the header, and a refused feed in words over the map. */
function onFeedState(status, words) {
  setConnection(status);
  const notice = document.getElementById('refused');
  notice.hidden = !words;
  notice.textContent = words ?? '';
}

function receive(message) {
  switch (message.type) {
    case 'snapshot':
    case 'resync':
      applySnapshot(message);
      break;
    case 'resumed':
      break;
    case 'tiles':
      renderTiles(message.tiles);
      break;
    default:
      applyDelta(message);
  }
  scheduleRender();
}

function applySnapshot(snapshot) {
  state.tickets.clear();
  state.versions.clear();
  state.merged.clear();
  markers.clearLayers();
  markerOf.clear();
  for (const m of snapshot.merged) {
    state.merged.set(m.ticketNumber, m.mergedInto);
  }
  for (const t of snapshot.tickets) {
    state.versions.set(t.ticketNumber, t.version);
    state.tickets.set(t.ticketNumber, t);
  }
  state.tickets.forEach(draw);
  const notice = document.getElementById('aggregated');
  notice.hidden = !snapshot.aggregated;
  notice.textContent = snapshot.aggregated ? STRINGS.map.aggregated(snapshot.openTickets) : '';
  drawVillages(snapshot.aggregated ? snapshot.villages : []);
  renderTiles(snapshot.tiles);
}

function applyDelta(delta) {
  const t = delta.ticket;
  const number = delta.ticketNumber;
  if ((state.versions.get(number) ?? 0) >= delta.version) {
    return; // already in the snapshot, or an older state
  }
  state.versions.set(number, delta.version);
  const known = state.tickets.get(number);
  if (t.pickedUp === undefined) {
    t.pickedUp = known?.pickedUp ?? false;
  }
  const primaryBefore = state.merged.get(number);
  if (t.status === 'MERGED' && t.mergedInto) {
    state.merged.set(number, t.mergedInto);
  } else {
    state.merged.delete(number);
  }
  if (OPEN.has(t.status)) {
    state.tickets.set(number, t);
    draw(t);
  } else {
    state.tickets.delete(number);
    erase(number);
  }
  for (const primary of new Set([primaryBefore, state.merged.get(number)])) {
    if (primary && state.tickets.has(primary)) {
      draw(state.tickets.get(primary)); // its count of callers changed
    }
  }
  if (delta.type === 'TicketReceived' && state.tiles) {
    // Counted at once; the next tiles from the feed (every few seconds) bring the exact figures.
    state.tiles.today++;
    state.tiles.todayByChannel[t.channel] = (state.tiles.todayByChannel[t.channel] ?? 0) + 1;
    state.tiles.open++;
    renderTiles(state.tiles);
  }
  if (WARNINGS.has(delta.type)) {
    state.ticker.unshift({ type: delta.type, card: t.card, text: `${STRINGS.ticker[delta.type]} · ${t.township ?? ''}${t.village ?? ''} · ${number} · ${t.text}` });
    state.ticker.length = Math.min(state.ticker.length, TICKER_ITEMS);
    renderTicker();
  }
}

function setConnection(status) {
  const node = document.getElementById('connection');
  node.dataset.state = status;
  node.textContent = STRINGS.connection[status];
}

// ---- beside the map

let renderPending = false;

function scheduleRender() {
  if (!renderPending) {
    renderPending = true;
    setTimeout(() => { renderPending = false; renderQueue(); }, 200);
  }
}

function newestFirst(a, b) {
  return String(b.receivedAt).localeCompare(String(a.receivedAt));
}

/**
 * The queue: unanswered RED kiosk presses on top (the oldest first: someone has waited longest),
 * at most {@link PINNED_PRESSES} of them so that what just came in stays in view, then the newest.
 * Cards show as colours; every press flashes wherever it stands.
 */
function queueOrder(tickets) {
  const presses = tickets.filter(flashes).sort((a, b) => -newestFirst(a, b)).slice(0, PINNED_PRESSES);
  const pinned = new Set(presses);
  return [...presses, ...tickets.filter((t) => !pinned.has(t)).sort(newestFirst)];
}

function renderQueue() {
  const all = queueOrder([...state.tickets.values()]);
  document.getElementById('queue-count').textContent = `${all.length}`;
  const rows = all.slice(0, QUEUE_ROWS).map((t) => {
    const bar = element('span', { className: 'bar' });
    bar.style.background = COLOURS[colourKey(t)];
    const minutes = Math.floor((Date.now() - Date.parse(t.receivedAt)) / 60_000);
    const count = callers(t.ticketNumber);
    const row = element('li', { 'data-ticket': t.ticketNumber, className: flashes(t) ? 'kiosk-red' : '' },
      bar,
      element('span', { className: 'text' }, (flashes(t) ? `【${STRINGS.map.kioskRed}】` : '') + t.text),
      element('span', { className: 'status' }, t.statusLabel),
      element('span', { className: 'meta' }, [t.ticketNumber, STRINGS.channels[t.channel] ?? t.channel,
        `${t.township ?? ''}${t.village ?? ''}`, count > 1 ? STRINGS.map.callers(count) : null,
        STRINGS.ago(minutes)].filter(Boolean).join(' · ')));
    row.addEventListener('click', () => openDetail(t.ticketNumber));
    return row;
  });
  if (rows.length === 0) {
    rows.push(element('li', {}, '', STRINGS.queue.empty));
  } else if (all.length > QUEUE_ROWS) {
    rows.push(element('li', { className: 'more' }, '', STRINGS.queue.more(all.length - QUEUE_ROWS)));
  }
  document.getElementById('queue').replaceChildren(...rows);
}

function renderTiles(tiles) {
  if (!tiles) return;
  state.tiles = tiles;
  const rate = (value) => value === null || value === undefined ? STRINGS.tiles.none : `${value}%`;
  const tile = (key, value, className = '', note = '') => element('div', { className: `panel tile ${className}`, 'data-tile': key },
    element('div', { className: 'label' }, STRINGS.tiles[key]), element('div', { className: 'value' }, String(value)),
    element('div', { className: 'note' }, note));
  const channels = element('div', { className: 'channels' }, ...Object.entries(tiles.todayByChannel)
    .map(([channel, count]) => element('span', {}, `${STRINGS.channels[channel] ?? channel} ${count}`)));
  const today = element('div', { className: 'panel tile wide', 'data-tile': 'today' },
    element('div', { className: 'label' }, STRINGS.tiles.today), element('div', { className: 'value' }, String(tiles.today)), channels);
  const note = STRINGS.tiles.rateNote;
  document.getElementById('tiles').replaceChildren(today,
    tile('open', tiles.open), tile('yellow', tiles.openYellow, 'yellow'), tile('red', tiles.openRed, 'red'),
    tile('signForRate', rate(tiles.signForRate), '', note), tile('onTimeRate', rate(tiles.onTimeRate), '', note),
    tile('satisfactionRate', rate(tiles.satisfactionRate), '', note));
}

function renderTicker() {
  const items = state.ticker.map((item) => element('li', { className: item.type === 'RedCardRaised' || item.type === 'KioskPressUnanswered'
    ? 'red' : 'yellow' }, item.text));
  document.getElementById('ticker').replaceChildren(...(items.length ? items : [element('li', {}, STRINGS.ticker.empty)]));
}

async function openDetail(number) {
  const panel = document.getElementById('detail');
  const body = document.getElementById('detail-body');
  panel.hidden = false;
  panel.dataset.ticket = number;
  body.replaceChildren(element('p', {}, STRINGS.detail.loading));
  const [ticket, timeline] = await Promise.all([api(`/api/v1/tickets/${encodeURIComponent(number)}`),
    api(`/api/v1/tickets/${encodeURIComponent(number)}/timeline`)]);
  if (panel.dataset.ticket !== number) return;
  if (ticket.status !== 200) {
    const problem = ticket.status === 403 ? STRINGS.detail.forbidden : ticket.status === 404 ? STRINGS.detail.notFound : STRINGS.detail.failed;
    body.replaceChildren(element('p', {}, problem));
    return;
  }
  const t = ticket.body;
  const f = STRINGS.detail.fields;
  const when = (iso) => iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
  const fields = element('dl', {}, ...[[f.status, t.statusLabel], [f.channel, STRINGS.channels[t.channel] ?? t.channel],
    [f.kind, t.kindLabel], [f.address, t.address], [f.unit, t.unit?.name], [f.deadline, when(t.deadline)],
    [f.received, when(t.receivedAt)], [f.text, t.text]].flatMap(([name, value]) => [element('dt', {}, name), element('dd', {}, value ?? '—')]));
  const steps = element('ol', {}, ...(timeline.body ?? []).map((step) => element('li', {},
    element('time', {}, when(step.occurredAt)), `${step.toStatusLabel} · ${step.actor}${step.reason ? ' · ' + step.reason : ''}`)));
  body.replaceChildren(element('h3', {}, t.ticketNumber), fields, element('h4', {}, STRINGS.detail.timeline), steps);
}

// For operations and the browser tests: where the screen stands, and a cut of its socket.
window.lastmileScreen = {
  cursor: () => state.feed?.cursor,
  resumes: () => state.feed?.resumes ?? 0,
  snapshots: () => state.feed?.snapshots ?? 0,
  tickets: () => state.tickets.size,
  cut: (milliseconds) => state.feed?.cut(milliseconds),
};

// Last, once every declaration above is in place.
const session = await requireSession();
if (session) {
  start(session);
}
