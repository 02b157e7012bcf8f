// The search over the whole history, as one block a page mounts: free text and filters, the
// facets (a click filters by the bucket), a histogram of receipt times, the hits as a list and on
// the map. The API scopes every answer to the caller, so operators and officials can mount the
// same block on their pages and see only their own part of the history.
import { STRINGS } from '/app/strings.js';
import { get } from '/app/api.js';
import { element } from '/app/dom.js';
import { toGcj02 } from '/app/gcj02.js';

const WORDS = STRINGS.workbench.search;
const PAGE_SIZE = 50;
const FILTERS = ['channel', 'status', 'township', 'category', 'card'];
const AREA_METRES = { VILLAGE: 450, TOWNSHIP: 1500, COUNTY: 4000 };

/**
 * Builds the search into {@code container}; {@code onOpen(ticketNumber)} is called when a hit is
 * clicked, in the list or on the map. Answers {run, shown}: run a search with the form as it is,
 * and tell the block it became visible (the map measures itself then, and the first time it
 * shows the newest of the whole history).
 */
export function createSearch(container, { onOpen }) {
  const state = { category: '', after: null, hits: [], shift: (lon, lat) => [lon, lat], bounds: null, fitted: false,
    matters: new Map(), asked: 0 };
  const form = searchForm();
  const facets = element('div', { className: 'facets' });
  const histogram = element('div', { className: 'histogram' });
  const total = element('div', { className: 'total' });
  const problem = element('p', { className: 'message problem', role: 'alert' });
  const list = element('ol', { className: 'tickets hits' });
  const more = element('button', { type: 'button', className: 'more', hidden: true }, WORDS.more);
  const mapNode = element('div', { className: 'map' });
  const mapNote = element('div', { className: 'map-note' });
  container.append(element('div', { className: 'search' }, form,
    element('div', { className: 'overview' }, facets, histogram),
    element('div', { className: 'results' },
      element('div', { className: 'hit-list' }, total, problem, list, more),
      element('div', {}, mapNode, mapNote))));

  const map = L.map(mapNode, { attributionControl: false, zoomSnap: 0.25 });
  const markers = L.layerGroup().addTo(map);
  // A map in a hidden tab has no size: it is centred on the county until the block is shown.
  map.setView([28.52, 112.14], 10);
  const ready = Promise.all([drawBoundaries(map, state, form), matterNames(state)]);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener('reset', () => {
    state.category = '';
    setTimeout(run); // after the form has cleared its fields
  });
  more.addEventListener('click', () => run(true));

  function parameters(next) {
    const values = new FormData(form);
    const query = new URLSearchParams();
    for (const name of ['q', 'channel', 'status', 'township', 'card', 'from', 'to', 'interval']) {
      const value = String(values.get(name) ?? '').trim();
      if (value) query.set(name, value);
    }
    if (state.category) query.set('category', state.category);
    query.set('size', PAGE_SIZE);
    if (next && state.after) query.set('after', state.after);
    return query;
  }

  async function run(next = false) {
    await ready;
    problem.textContent = '';
    const asked = ++state.asked;
    const answer = await get('/api/v1/search?' + parameters(next));
    if (asked !== state.asked) {
      return; // a newer search was asked meanwhile: its answer is the one to show
    }
    if (!answer.ok) {
      problem.textContent = answer.message;
      return;
    }
    const result = answer.body;
    state.hits = next ? [...state.hits, ...result.hits] : result.hits;
    state.after = result.hits.length ? result.hits[result.hits.length - 1].cursor : null;
    more.hidden = state.hits.length >= result.total;
    total.textContent = WORDS.total(result.total);
    container.dataset.total = result.total;
    renderHits();
    if (!next) {
      renderFacets(result.facets);
      renderHistogram(result.histogram);
    }
    drawHits(!next);
  }

  function renderHits() {
    const rows = state.hits.map((hit) => {
      const row = element('li', { 'data-ticket': hit.ticketNumber, 'data-status': hit.status, 'data-card': hit.card ?? '' },
        element('span', { className: 'bar' }),
        highlighted(hit),
        element('span', { className: 'status' }, hit.statusLabel ?? hit.status),
        element('span', { className: 'meta' }, [hit.ticketNumber, STRINGS.channels[hit.channel] ?? hit.channel,
          `${hit.township ?? ''}${hit.village ?? ''}`, hit.categoryName, hit.unit, when(hit.receivedAt)]
          .filter(Boolean).join(' · ')));
      row.addEventListener('click', () => onOpen(hit.ticketNumber));
      return row;
    });
    list.replaceChildren(...(rows.length ? rows : [element('li', { className: 'empty' }, WORDS.none)]));
  }

  function renderFacets(all) {
    const boxes = Object.entries(WORDS.facets).map(([name, title]) => {
      const chosen = name === 'category' ? state.category : form.elements[name].value;
      const items = (all[name] ?? []).map((bucket) => {
        const button = element('button', { type: 'button', 'data-facet': name, 'data-key': bucket.key,
          'aria-pressed': String(bucket.key === chosen) },
          element('span', {}, facetLabel(name, bucket.key, state.matters)), element('span', {}, String(bucket.count)));
        button.addEventListener('click', () => choose(name, bucket.key === chosen ? '' : bucket.key));
        return element('li', {}, button);
      });
      return element('div', { className: 'facet' }, element('h4', {}, title), element('ul', {}, ...items));
    });
    facets.replaceChildren(...boxes);
  }

  /** A facet's bucket becomes the filter (the form shows it), or clears it when it was the filter already. */
  function choose(name, key) {
    if (name === 'category') {
      state.category = key;
    } else {
      const field = form.elements[name];
      if (key && ![...field.options].some((o) => o.value === key)) {
        field.append(element('option', { value: key }, facetLabel(name, key, state.matters)));
      }
      field.value = key;
    }
    run();
  }

  function renderHistogram(buckets) {
    const highest = Math.max(1, ...buckets.map((b) => b.count));
    const bars = buckets.map((b) => {
      const bar = element('span', { title: `${b.date.slice(0, 16).replace('T', ' ')}：${b.count}`, 'data-count': String(b.count) });
      bar.style.height = `${Math.max(2, Math.round((b.count / highest) * 100))}%`;
      return bar;
    });
    const axis = buckets.length ? [buckets[0].date, buckets[buckets.length - 1].date].map((d) => d.slice(0, 10)) : ['', ''];
    histogram.replaceChildren(element('h4', {}, WORDS.histogram), element('div', { className: 'bars' }, ...bars),
      element('div', { className: 'axis' }, element('span', {}, axis[0]), element('span', {}, axis[1])));
  }

  function drawHits(fit) {
    markers.clearLayers();
    const points = [];
    let unplaced = 0;
    for (const hit of state.hits) {
      if (hit.latitude == null || hit.longitude == null) {
        unplaced++;
        continue;
      }
      const [lon, lat] = state.shift(hit.longitude, hit.latitude);
      const classes = `hit hit-${hit.ticketNumber} precision-${hit.locationPrecision}`;
      const shape = hit.locationPrecision === 'EXACT'
        ? L.circleMarker([lat, lon], { radius: 6, color: '#ffffff', weight: 1, fillColor: '#40a9ff', fillOpacity: 0.9, className: classes })
        : L.circle([lat, lon], { radius: AREA_METRES[hit.locationPrecision] ?? 450, color: '#40a9ff', weight: 1.5,
          dashArray: '4 4', fillColor: '#40a9ff', fillOpacity: 0.2, className: classes });
      shape.bindTooltip(`${hit.ticketNumber}<br>${escapeHtml(hit.text)}`);
      shape.on('click', () => onOpen(hit.ticketNumber));
      markers.addLayer(shape);
      points.push([lat, lon]);
    }
    mapNote.textContent = [WORDS.approximate, unplaced ? WORDS.noPlace(unplaced) : ''].filter(Boolean).join('；');
    if (fit && points.length && mapNode.clientWidth > 0) {
      map.fitBounds(points, { padding: [30, 30], maxZoom: 13 });
    }
  }

  return {
    run,
    /** The block became visible: the map takes its size, and the first time the whole history is shown. */
    shown() {
      map.invalidateSize();
      if (state.asked === 0) {
        run();
      }
      if (!state.fitted && state.bounds && mapNode.clientWidth > 0) {
        state.fitted = true;
        map.fitBounds(state.bounds, { padding: [10, 10] });
      }
    },
  };
}

function searchForm() {
  const select = (name, options) => element('label', {}, WORDS[name],
    element('select', { name }, element('option', { value: '' }, WORDS.any),
      ...Object.entries(options).map(([value, label]) => element('option', { value }, label))));
  return element('form', { className: 'search-form', autocomplete: 'off' },
    element('label', {}, WORDS.q, element('input', { name: 'q', type: 'search', placeholder: WORDS.placeholder })),
    select('township', {}),
    select('channel', STRINGS.channels),
    select('status', STRINGS.workbench.statuses),
    select('card', WORDS.cards),
    element('label', {}, WORDS.from, element('input', { name: 'from', type: 'date' })),
    element('label', {}, WORDS.to, element('input', { name: 'to', type: 'date' })),
    element('label', {}, WORDS.histogram, element('select', { name: 'interval' },
      ...Object.entries(WORDS.intervals).map(([value, label]) => element('option', { value }, label)))),
    element('button', { type: 'submit' }, WORDS.submit),
    element('button', { type: 'reset' }, WORDS.clear));
}

/** The county's boundaries under the hits, and the townships as the township filter's choices. */
async function drawBoundaries(map, state, form) {
  const answer = await get('/api/v1/map');
  if (!answer.ok) {
    return;
  }
  const layers = answer.body;
  if (layers.tiles.coordinates === 'gcj02') {
    state.shift = toGcj02;
  }
  if (layers.tiles.url) {
    L.tileLayer(layers.tiles.url, { attribution: layers.tiles.attribution, subdomains: '01234567' }).addTo(map);
  }
  const styles = {
    county: { color: '#36cfc9', weight: 2, fill: false },
    township: { color: '#3d7cc9', weight: 1, fillColor: '#0f2d55', fillOpacity: 0.4 },
  };
  const boundaries = L.geoJSON(layers.boundaries, {
    filter: (feature) => feature.properties.level in styles,
    style: (feature) => styles[feature.properties.level],
    coordsToLatLng: (c) => { const [lon, lat] = state.shift(c[0], c[1]); return L.latLng(lat, lon); },
    interactive: false,
  }).addTo(map);
  const townships = form.elements.township;
  for (const feature of layers.boundaries.features) {
    if (feature.properties.level !== 'township') continue;
    townships.append(element('option', { value: feature.properties.name }, feature.properties.name));
    if (feature.properties.center) {
      const [lon, lat] = state.shift(...feature.properties.center);
      L.tooltip({ permanent: true, direction: 'center', className: 'township-label' })
        .setLatLng([lat, lon]).setContent(feature.properties.name).addTo(map);
    }
  }
  state.bounds = boundaries.getBounds();
}

/** The catalog's names, for the category facet (the index counts codes). */
async function matterNames(state) {
  const answer = await get('/api/v1/catalog');
  for (const item of answer.ok ? answer.body : []) {
    state.matters.set(item.code, item.name);
  }
}

function facetLabel(name, key, matters) {
  if (name === 'category') return matters?.get(key) ?? key;
  if (name === 'channel') return STRINGS.channels[key] ?? key;
  if (name === 'status') return STRINGS.workbench.statuses[key] ?? key;
  return key;
}

/** The hit's text with the search node's {@code <em>} marks and nothing else of HTML. */
function highlighted(hit) {
  const node = element('span', { className: 'text' });
  const passage = hit.highlights?.length ? hit.highlights[0] : null;
  if (passage) {
    node.innerHTML = escapeHtml(passage).replaceAll('&#60;em&#62;', '<em>').replaceAll('&#60;/em&#62;', '</em>');
  } else {
    node.textContent = hit.text ?? '';
  }
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
}

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
