// Wirewatch web UI: plain ES module, no build step.
//
// Everything that comes from articles (titles, text, sources, snippets) is put on the page as
// text nodes, never as HTML. Snippets arrive HTML-escaped with <mark> around the matches; they are
// split on the marks and unescaped into text nodes, so no markup of an article is ever parsed.

const $ = (id) => document.getElementById(id);

/** Creates an element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const ENTITIES = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&#34;': '"', '&#x2F;': '/', '&#47;': '/',
};

/** The text of an escaped fragment: only the entities the server writes are decoded. */
function unescape(s) {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27|#34|#x2F|#47);/g, (m) => ENTITIES[m]);
}

/** A snippet as nodes: text, with <mark> elements around the matches. */
export function snippetNodes(snippet) {
  const out = [];
  const parts = String(snippet ?? '').split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const p of parts) {
    if (p === '<mark>') { marked = true; continue; }
    if (p === '</mark>') { marked = false; continue; }
    if (!p) continue;
    const text = document.createTextNode(unescape(p));
    out.push(marked ? el('mark', {}, text) : text);
  }
  return out;
}

/** A link target that is safe to follow: http(s) only. */
function safeUrl(url) {
  if (!url) return null; // an article imported from a file has none: no link, not "/null"
  try {
    const u = new URL(url); // absolute only: a relative one would point into this site
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function formatDate(iso) {
  if (!iso) return 'undated';
  const d = new Date(iso);
  return isNaN(d) ? 'undated' : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    throw new Error(body && body.error ? body.error : `the server answered ${res.status}`);
  }
  return body;
}

// ---- state in the URL: #/?q=...&topic=...&sort=...&page=... -------------------------------------

const FILTERS = [['topic', 'topics'], ['place', 'places'], ['source', 'sources'], ['lang', 'languages']];

function currentParams() {
  const hash = location.hash || '#/';
  const q = hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
}

function go(params) {
  location.hash = '#/?' + params.toString();
}

function withParam(params, name, value) {
  const p = new URLSearchParams(params);
  p.append(name, value);
  p.delete('page');
  return p;
}

function withoutParam(params, name, value) {
  const p = new URLSearchParams();
  for (const [k, v] of params) if (!(k === name && v === value) && k !== 'page') p.append(k, v);
  return p;
}

// ---- search view ------------------------------------------------------------------------------

/** Page sizes offered; the server serves up to 100 per page and pages 10,000 hits deep. */
const PAGE_SIZES = [10, 20, 50, 100];
const MAX_DEPTH = 10000;
/** Facet values shown before "more…". */
const FACET_SHOWN = 10;
/** Facet dimensions the user opened with "more…" (kept while the page is open). */
const expandedFacets = new Set();

function plural(n, one, many) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** The search's own parameters, as /api/search, the feed and the export take them. */
function apiParams(params) {
  const api = new URLSearchParams();
  for (const [k, v] of params) if (v !== '') api.append(k, v);
  if (!api.get('sort') && !api.get('q')) api.set('sort', 'newest');
  return api;
}

/** What a filter chip says: "place: Haiti (HT)". */
function filterLabel(name, value, labels) {
  const dim = (FILTERS.find(([p]) => p === name) || [])[1];
  return `${name}: ${(dim && (labels[dim] || {})[value]) || value}`;
}

function hasFilters(params) {
  return FILTERS.some(([name]) => params.getAll(name).length) || params.get('from') || params.get('to');
}

async function showSearch(params) {
  $('q').value = params.get('q') || '';
  $('sort').value = params.get('sort') === 'newest' ? 'newest' : 'relevance';
  $('collapse').checked = params.get('collapse') === 'story';
  $('from').value = (params.get('from') || '').slice(0, 10);
  $('to').value = (params.get('to') || '').slice(0, 10);
  renderFilters(params, {});
  const api = apiParams(params);
  const feedParams = new URLSearchParams(api);
  for (const k of ['page', 'size']) feedParams.delete(k);
  $('feed-link').href = '/feeds/search.atom?' + feedParams.toString();
  const exportParams = new URLSearchParams(feedParams);
  exportParams.set('limit', String(MAX_DEPTH));
  exportParams.set('format', 'csv');
  $('export-csv').href = '/api/export?' + exportParams.toString();
  exportParams.set('format', 'jsonl');
  $('export-jsonl').href = '/api/export?' + exportParams.toString();
  $('status').textContent = 'Searching…';
  $('status').className = 'status';
  api.set('facets', '1000'); // every value, for "more…"
  let page;
  try {
    page = await getJson('/api/search?' + api.toString());
  } catch (e) {
    $('status').textContent = e.message;
    $('status').className = 'status error';
    for (const id of ['results', 'facets', 'histogram', 'pager']) $(id).replaceChildren();
    $('undated').textContent = '';
    return;
  }
  const labels = page.labels || {};
  renderFilters(params, labels);
  const what = api.get('q') ? `“${api.get('q')}”` : 'all articles';
  const counted = page.counts === 'stories'
    ? `${plural(page.total, 'story', 'stories')}, ${plural(page.articles, 'article', 'articles')}`
    : plural(page.total, 'article', 'articles');
  $('status').textContent = `${counted} for ${what}`
    + (page.partial ? ` — incomplete: ${page.unavailable.length} index ${page.unavailable.length === 1 ? 'instance' : 'instances'} did not answer` : '');
  $('undated').textContent = page.undated
    ? `undated: ${page.undated.toLocaleString('en')} (not in the histogram, nor in any date range)` : '';
  $('tools').hidden = page.articles === 0;
  renderResults(page, params, labels);
  renderFacets(page.facets || {}, params, labels);
  renderHistogram((page.facets || {}).days || {}, params);
  renderPager(page, params);
  selected = -1;
}

function renderFilters(params, labels) {
  const chips = [];
  for (const [name] of FILTERS) {
    for (const v of params.getAll(name)) {
      chips.push(el('button', {
        class: 'chip', type: 'button', title: 'Remove this filter', 'data-filter': name, 'data-value': v,
        onclick: () => go(withoutParam(params, name, v)),
      }, `${filterLabel(name, v, labels)} ✕`));
    }
  }
  for (const name of ['from', 'to']) {
    const v = params.get(name);
    if (v) {
      chips.push(el('button', {
        class: 'chip', type: 'button', title: 'Remove this filter', 'data-filter': name,
        onclick: () => go(withoutParam(params, name, v)),
      }, `${name}: ${v.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')} ✕`));
    }
  }
  $('filters').replaceChildren(...chips);
}

/** What to do when nothing matches: the filters to drop, or how to fill an empty index. */
function emptyState(params, labels) {
  if (!params.get('q') && !hasFilters(params)) {
    return el('li', { class: 'empty' },
      el('strong', {}, 'The index is empty. '),
      'Add sources on the ', el('a', { href: '#/sources' }, 'Sources page'),
      ' (with the API token), or start the demo with your own: ',
      el('code', {}, 'bin/wirewatch demo --feed https://example.org/rss.xml'), ' or ',
      el('code', {}, 'bin/wirewatch demo --input my-folder/'), '.');
  }
  const drops = [];
  for (const [name] of FILTERS) {
    for (const v of params.getAll(name)) {
      drops.push(el('a', { href: '#/?' + withoutParam(params, name, v).toString(), class: 'drop' },
        `without ${filterLabel(name, v, labels)}`));
    }
  }
  if (params.get('from') || params.get('to')) {
    const p = withoutParam(withoutParam(params, 'from', params.get('from')), 'to', params.get('to'));
    drops.push(el('a', { href: '#/?' + p.toString(), class: 'drop' }, 'at any time'));
  }
  if (drops.length) {
    return el('li', { class: 'empty' }, 'No articles match with the filters shown. Try ',
      ...drops.flatMap((d, i) => (i ? [', ', d] : [d])), '.');
  }
  return el('li', { class: 'empty' }, `No articles match “${params.get('q')}”. `,
    'Try fewer words, OR between alternatives, or a prefix (deploy*); see Query syntax above.');
}

function renderResults(page, params, labels) {
  const items = page.hits.map((h) => {
    const url = safeUrl(h.url);
    const title = h.title || '(untitled)';
    const tags = [...(h.topics || []).map((t) => el('span', { class: 'tag topic' }, t)),
      ...(h.places || []).map((p) => el('span', { class: 'tag place', title: (labels.places || {})[p] || p }, p))];
    // a story link only where there is a story to see: more than one article
    const story = h.storyId && h.storySize > 1
      ? el('a', { class: 'story-link', href: '#/story/' + encodeURIComponent(h.storyId) },
        `Story: ${plural(h.storySize, 'article', 'articles')} from ${plural(h.storySources || 1, 'source', 'sources')}`)
      : null;
    return el('li', { class: 'hit' },
      el('h3', {}, el('a', { href: '#/article/' + encodeURIComponent(h.id), class: 'hit-title' }, title)),
      el('div', { class: 'meta' }, h.source || 'unknown source', ' · ', formatDate(h.publishedAt),
        url ? [' · ', el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null),
      el('p', { class: 'snippet' }, snippetNodes(h.snippet)),
      el('div', { class: 'tags' }, tags, story));
  });
  $('results').replaceChildren(...(items.length ? items : [emptyState(params, labels)]));
}

function renderFacets(facets, params, labels) {
  const groups = [];
  for (const [param, dim] of FILTERS) {
    const values = Object.entries(facets[dim] || {});
    if (!values.length) continue;
    const active = new Set(params.getAll(param));
    const open = expandedFacets.has(dim);
    const shown = open ? values : values.slice(0, FACET_SHOWN);
    const more = values.length > FACET_SHOWN
      ? el('button', {
        type: 'button', class: 'more', 'data-more': dim,
        onclick: () => {
          if (open) expandedFacets.delete(dim); else expandedFacets.add(dim);
          renderFacets(facets, params, labels);
        },
      }, open ? 'fewer' : `more… (${values.length})`)
      : null;
    groups.push(el('section', { class: 'facet', 'data-facet': dim },
      el('h2', {}, dim[0].toUpperCase() + dim.slice(1)),
      el('ul', {}, shown.map(([value, count]) => el('li', {},
        el('button', {
          type: 'button', class: active.has(value) ? 'facet-value active' : 'facet-value',
          'data-value': value, 'data-count': count, disabled: active.has(value),
          onclick: () => go(withParam(params, param, value)),
        }, el('span', {}, (labels[dim] || {})[value] || value),
        el('span', { class: 'count' }, count.toLocaleString('en')))))),
      more));
  }
  $('facets').replaceChildren(...groups);
}

// ---- the histogram: a real time axis ----------------------------------------------------------

const DAY_MS = 86400000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * Buckets covering first to last day, empty ones included (a gap is a gap): days for up to five
 * months, then weeks, months, years — never more than about 150 bars.
 */
export function buckets(days) {
  const entries = Object.entries(days).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return { unit: 'day', bars: [] };
  const first = Date.parse(entries[0][0] + 'T00:00:00Z');
  const last = Date.parse(entries[entries.length - 1][0] + 'T00:00:00Z');
  const span = Math.round((last - first) / DAY_MS) + 1;
  const unit = span <= 150 ? 'day' : span <= 150 * 7 ? 'week' : span <= 150 * 31 ? 'month' : 'year';
  const startOf = (ms) => {
    const d = new Date(ms);
    if (unit === 'day') return ms;
    if (unit === 'week') return ms - ((d.getUTCDay() + 6) % 7) * DAY_MS; // Monday
    if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    return Date.UTC(d.getUTCFullYear(), 0, 1);
  };
  const next = (ms) => {
    const d = new Date(ms);
    if (unit === 'day') return ms + DAY_MS;
    if (unit === 'week') return ms + 7 * DAY_MS;
    if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  };
  const bars = [];
  const index = new Map();
  for (let s = startOf(first); s <= last; s = next(s)) {
    index.set(s, bars.length);
    bars.push({ from: isoDay(s), to: isoDay(next(s) - DAY_MS), count: 0 });
  }
  for (const [day, n] of entries) bars[index.get(startOf(Date.parse(day + 'T00:00:00Z')))].count += n;
  return { unit, bars };
}

/** Articles over time as bars; a click filters to a bar's dates, a drag across bars to a range. */
function renderHistogram(days, params) {
  const { unit, bars } = buckets(days);
  if (!bars.length) { $('histogram').replaceChildren(); return; }
  const max = Math.max(...bars.map((b) => b.count));
  const setRange = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const p = withoutParam(withoutParam(params, 'from', params.get('from')), 'to', params.get('to'));
    p.set('from', bars[lo].from);
    p.set('to', bars[hi].to);
    go(p);
  };
  let dragFrom = null;
  const nodes = bars.map((b, i) => {
    const label = b.from === b.to ? b.from : `${b.from} to ${b.to}`;
    const node = el('button', {
      type: 'button', class: b.count ? 'bar' : 'bar empty', title: `${label}: ${plural(b.count, 'article', 'articles')}`,
      'data-from': b.from, 'data-to': b.to, 'data-count': b.count, 'aria-label': `${label}: ${b.count}`,
      onpointerdown: (e) => { dragFrom = i; e.preventDefault(); },
      onpointerenter: () => {
        if (dragFrom === null) return;
        nodes.forEach((n, j) => n.classList.toggle('brushed', j >= Math.min(dragFrom, i) && j <= Math.max(dragFrom, i)));
      },
      onpointerup: () => { if (dragFrom !== null) { const a = dragFrom; dragFrom = null; setRange(a, i); } },
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); setRange(i, i); } },
    }, el('span', { class: 'bar-fill' }));
    // heights through CSS custom properties set by script (allowed by the style-src policy)
    node.firstChild.style.setProperty('--h', b.count ? `${Math.max(3, Math.round(100 * b.count / max))}%` : '0%');
    return node;
  });
  const dated = bars.reduce((s, b) => s + b.count, 0);
  $('histogram').replaceChildren(
    el('figcaption', {}, `${plural(dated, 'dated article', 'dated articles')} per ${unit}, `,
      el('time', {}, bars[0].from), ' to ', el('time', {}, bars[bars.length - 1].to),
      ' — click a bar, or drag across bars, to see those dates'),
    el('div', { class: 'bars', onpointerleave: () => { dragFrom = null; nodes.forEach((n) => n.classList.remove('brushed')); } }, nodes));
}

function renderPager(page, params) {
  const size = page.size;
  const current = page.page;
  const reachable = Math.floor(MAX_DEPTH / size);
  const pages = Math.min(Math.ceil(page.total / size), reachable);
  const to = (n) => { const p = new URLSearchParams(params); p.set('page', String(n)); return '#/?' + p.toString(); };
  const items = [];
  if (pages > 1) {
    if (current > 1) items.push(el('a', { href: to(current - 1), rel: 'prev', class: 'page' }, '← Previous'));
    const numbers = new Set([1, pages]);
    for (let n = current - 2; n <= current + 2; n++) if (n >= 1 && n <= pages) numbers.add(n);
    let prev = 0;
    for (const n of [...numbers].sort((a, b) => a - b)) {
      if (n > prev + 1) items.push(el('span', { class: 'muted' }, '…'));
      items.push(n === current
        ? el('span', { class: 'page current', 'aria-current': 'page' }, String(n))
        : el('a', { href: to(n), class: 'page', 'data-page': n, title: n === pages ? 'last page' : null }, String(n)));
      prev = n;
    }
    if (current < pages) items.push(el('a', { href: to(current + 1), rel: 'next', class: 'page' }, 'Next →'));
  }
  const sizes = el('select', {
    id: 'page-size', 'aria-label': 'Results per page',
    onchange: (e) => { const p = new URLSearchParams(params); p.set('size', e.target.value); p.delete('page'); go(p); },
  }, PAGE_SIZES.map((n) => el('option', { value: n, selected: n === size }, `${n} per page`)));
  const note = Math.ceil(page.total / size) > reachable
    ? el('span', { class: 'muted small' }, ` (the first ${MAX_DEPTH.toLocaleString('en')} are paged; narrow the search for the rest)`) : null;
  $('pager').replaceChildren(...items, el('span', { class: 'spacer' }), sizes, note);
}

// ---- date range -------------------------------------------------------------------------------

function applyRange(from, to) {
  const params = currentParams();
  const p = withoutParam(withoutParam(params, 'from', params.get('from')), 'to', params.get('to'));
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  go(p);
}

for (const id of ['from', 'to']) {
  $(id).addEventListener('change', () => applyRange($('from').value, $('to').value));
}
for (const b of document.querySelectorAll('#range .quick')) {
  b.addEventListener('click', () => {
    const days = Number(b.dataset.days);
    // a rolling range: from that instant on, to now and after
    applyRange(days ? new Date(Date.now() - days * DAY_MS).toISOString().replace(/\.\d+Z$/, 'Z') : '', '');
  });
}

// ---- saved searches ---------------------------------------------------------------------------

/** The id a name is saved under: its letters and digits, lower case, joined with '-'. */
function slug(name) {
  const s = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return s || 'search-' + Date.now();
}

/** The current search as a saved search's JSON. */
function savedBody(name, params) {
  const body = { name, q: params.get('q') || '', sort: params.get('sort') || (params.get('q') ? 'relevance' : 'newest'),
    collapse: params.get('collapse') === 'story' };
  for (const [name2] of FILTERS) body[name2] = params.getAll(name2);
  for (const k of ['from', 'to']) if (params.get(k)) body[k] = params.get(k);
  return body;
}

async function showSaved() {
  let data;
  try {
    data = await getJson('/api/searches');
  } catch {
    $('saved-note').textContent = 'Saving searches needs the running pipeline (the demo, or serve with --bootstrap-servers).';
    $('saved-list').replaceChildren();
    $('save-open').hidden = true;
    return;
  }
  $('save-open').hidden = false;
  $('saved-note').textContent = data.searches.length ? '' : 'None yet: “Save this search…” keeps the query and filters under a name.';
  $('saved-list').replaceChildren(...data.searches.map((s) => el('li', { class: 'saved-item', 'data-id': s.id },
    el('a', { href: '#/?' + s.params, class: 'saved-link' }, s.name),
    el('span', { class: 'saved-actions' },
      el('a', { href: s.feed, class: 'small', title: 'Atom feed of this search' }, 'feed'), ' ',
      el('button', { type: 'button', class: 'small', title: 'Raise alerts for this search', onclick: () => watchFrom(s) }, 'watch'), ' ',
      el('button', { type: 'button', class: 'small', title: 'Forget this search', 'aria-label': `Delete ${s.name}`, onclick: () => deleteSaved(s) }, '✕')))));
}

function token(input) {
  const t = input.value.trim();
  sessionStorage.setItem(TOKEN_KEY, t);
  return t;
}

$('save-open').addEventListener('click', () => {
  $('save-form').hidden = false;
  $('save-token').value = sessionStorage.getItem(TOKEN_KEY) || '';
  $('save-status').textContent = '';
  $('save-name').value = $('q').value.trim().slice(0, 200);
  $('save-name').focus();
});
$('save-cancel').addEventListener('click', () => { $('save-form').hidden = true; });
$('save-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('save-name').value.trim();
  try {
    await write('PUT', '/api/searches/' + encodeURIComponent(slug(name)), savedBody(name, currentParams()), token($('save-token')));
    $('save-status').textContent = `Saved “${name}”.`;
    $('save-form').hidden = true;
    await showSaved();
  } catch (e) {
    $('save-status').textContent = 'Not saved: ' + e.message;
  }
});

/**
 * The API token for a change from the saved list: the one this tab was given, else the one typed
 * in the list's token box (shown, with a note, when there is none yet).
 */
function savedToken() {
  const typed = $('saved-token').value.trim();
  if (typed) sessionStorage.setItem(TOKEN_KEY, typed);
  const t = typed || sessionStorage.getItem(TOKEN_KEY) || '';
  if (!t) {
    $('saved-token-row').hidden = false;
    $('saved-token').focus();
    $('saved-note').textContent = 'This change needs the API token (the demo prints where it is): give it below, then click again.';
  }
  return t;
}

async function deleteSaved(s) {
  const t = savedToken();
  if (!t) return;
  try {
    await write('DELETE', '/api/searches/' + encodeURIComponent(s.id), undefined, t);
    await showSaved();
  } catch (e) {
    $('saved-note').textContent = `Not deleted: ${e.message}`;
  }
}

/** One click: the saved search becomes a watch of the same query and places. */
async function watchFrom(s) {
  if (!s.q) {
    $('saved-note').textContent = `“${s.name}” has no query; a watch needs one.`;
    return;
  }
  // a watch filters by query, topics, places and languages; sources and dates are not part of one
  const watch = { query: s.q, topics: s.topic || [], places: s.place || [], languages: s.lang || [],
    alerts: ['new-story', 'burst'], deliver: ['log'] };
  const t = savedToken();
  if (!t) return;
  try {
    await write('PUT', '/api/watches/' + encodeURIComponent(s.id), watch, t);
    $('saved-note').replaceChildren(`Watch “${s.id}” is in force: `,
      el('a', { href: '#/topics' }, 'see or change it'), '.');
  } catch (e) {
    $('saved-note').textContent = `No watch made: ${e.message}`;
  }
}

// ---- keys: / focuses the box, j and k move between hits, Enter opens one ---------------------

let selected = -1;

function select(i) {
  const hits = [...document.querySelectorAll('#results li.hit')];
  if (!hits.length) return;
  selected = Math.max(0, Math.min(hits.length - 1, i));
  hits.forEach((h, j) => h.classList.toggle('selected', j === selected));
  hits[selected].scrollIntoView({ block: 'nearest' });
  hits[selected].querySelector('a.hit-title').focus({ preventScroll: true });
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const typing = e.target instanceof HTMLElement && (e.target.matches('input, textarea, select') || e.target.isContentEditable);
  if (typing || $('view-search').hidden) return;
  if (e.key === '/') { e.preventDefault(); $('q').focus(); $('q').select(); }
  else if (e.key === 'j') { e.preventDefault(); select(selected + 1); }
  else if (e.key === 'k') { e.preventDefault(); select(selected - 1); }
  else if (e.key === 'Enter' && selected >= 0 && !(e.target instanceof HTMLButtonElement)) {
    const link = document.querySelectorAll('#results li.hit a.hit-title')[selected];
    if (link && e.target !== link) { e.preventDefault(); location.hash = link.getAttribute('href'); }
  }
});

// ---- story timeline ---------------------------------------------------------------------------

async function showStory(id) {
  $('story-title').textContent = 'Story';
  $('story-summary').textContent = 'Loading…';
  $('story-first').replaceChildren();
  $('story-sources').replaceChildren();
  $('timeline').replaceChildren();
  let story;
  try {
    story = await getJson('/api/stories/' + encodeURIComponent(id));
  } catch (e) {
    $('story-summary').textContent = e.message;
    return;
  }
  // A story's articles in time order; copies (the same text elsewhere) fold under their original.
  const originals = story.articles.filter((a) => !a.copyOf);
  const copiesOf = new Map();
  for (const a of story.articles.filter((x) => x.copyOf)) {
    if (!copiesOf.has(a.copyOf)) copiesOf.set(a.copyOf, []);
    copiesOf.get(a.copyOf).push(a);
  }
  const shown = originals.length ? originals : story.articles;
  const first = shown[0];
  const last = shown[shown.length - 1];
  $('story-title').textContent = first.title || 'Story';
  const bySource = new Map();
  for (const a of story.articles) bySource.set(a.source || 'unknown source', (bySource.get(a.source || 'unknown source') || 0) + 1);
  const copies = story.copies || 0;
  $('story-summary').textContent = `${story.size} ${story.size === 1 ? 'article' : 'articles'}`
    + (copies ? ` and ${copies} ${copies === 1 ? 'copy' : 'copies'}` : '')
    + ` from ${bySource.size} ${bySource.size === 1 ? 'source' : 'sources'}, `
    + `${formatDate(first.publishedAt)} to ${formatDate(last.publishedAt)}`;
  $('story-first').replaceChildren(
    el('span', { class: 'label' }, 'First report: '),
    el('a', { href: '#/article/' + encodeURIComponent(first.id) }, first.title || '(untitled)'),
    el('span', { class: 'muted' }, ' — ', first.source || 'unknown source', ', ', formatDate(first.publishedAt)));
  $('story-sources').replaceChildren(...[...bySource.entries()].sort((x, y) => y[1] - x[1]).map(([src, n]) =>
    el('li', {}, el('a', { href: '#/?' + new URLSearchParams({ source: src, sort: 'newest' }).toString() }, src), ` (${n})`)));
  $('timeline').replaceChildren(...shown.map((a) => {
    const folded = copiesOf.get(a.id) || [];
    return el('li', { class: 'event' },
      el('time', { datetime: a.publishedAt || '' }, formatDate(a.publishedAt)),
      el('a', { href: '#/article/' + encodeURIComponent(a.id), class: 'event-title' }, a.title || '(untitled)'),
      el('span', { class: 'muted' }, ' — ', a.source || 'unknown source'),
      folded.length ? el('details', { class: 'copies' },
        el('summary', {}, `and ${folded.length} ${folded.length === 1 ? 'copy' : 'copies'}`),
        el('ul', {}, ...folded.map((c) => el('li', {},
          el('a', { href: '#/article/' + encodeURIComponent(c.id) }, c.source || 'unknown source'),
          el('span', { class: 'muted' }, ' ', formatDate(c.publishedAt)))))) : null);
  }));
}

// ---- one article ------------------------------------------------------------------------------

async function showArticle(id) {
  $('article-title').textContent = 'Loading…';
  $('article-meta').textContent = '';
  delete $('article-meta').dataset.storySize;
  $('article-text').replaceChildren();
  let a;
  try {
    a = await getJson('/api/articles/' + encodeURIComponent(id));
  } catch (e) {
    $('article-title').textContent = e.message;
    return;
  }
  $('article-title').textContent = a.title || '(untitled)';
  const url = safeUrl(a.url);
  $('article-meta').replaceChildren(a.source || 'unknown source', ' · ', formatDate(a.publishedAt),
    ...(url ? [' · ', el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', id: 'article-original' }, 'original')] : []));
  if (a.storyId) {
    // the timeline only where there is one: a story of more than one article
    getJson('/api/stories/' + encodeURIComponent(a.storyId)).then((story) => {
      if (location.hash !== '#/article/' + encodeURIComponent(id)) return;
      $('article-meta').dataset.storySize = String(story.size); // what was decided, for a reader or a test
      if (story.size > 1) {
        const sources = new Set(story.articles.map((x) => x.source || '')).size;
        $('article-meta').append(' · ', el('a', { href: '#/story/' + encodeURIComponent(a.storyId), id: 'article-story' },
          `story timeline: ${plural(story.size, 'article', 'articles')} from ${plural(sources, 'source', 'sources')}`));
      }
    }).catch(() => {});
  }
  $('article-text').replaceChildren(...String(a.text || '').split(/\n{2,}/).map((p) => el('p', {}, p)));
}

// ---- topics and watches, sources --------------------------------------------------------------

async function showTopics() {
  const [catalog, counts] = await Promise.all([
    getJson('/api/topics').catch(() => ({ topics: [], watches: [], known: false })),
    getJson('/api/search?sort=newest&size=1').catch(() => ({ facets: {} })),
  ]);
  const topicCounts = (counts.facets || {}).topics || {};
  const topicRows = catalog.topics.length
    ? catalog.topics.map((t) => el('tr', {},
      el('td', {}, el('a', { href: '#/?' + new URLSearchParams({ topic: t.name }).toString() }, t.name)),
      el('td', {}, el('code', {}, t.query)), el('td', { class: 'num' }, (topicCounts[t.name] || 0).toLocaleString('en'))))
    : [el('tr', {}, el('td', { colspan: 3, class: 'muted' }, catalog.known === false
      ? 'This server was not given the topics file.' : 'No topics are configured.'))];
  $('topics-table').tBodies[0].replaceChildren(...topicRows);
  const watchRows = catalog.watches.length
    ? catalog.watches.map((w) => el('tr', {},
      el('td', {}, el('a', { href: '#/alerts?' + new URLSearchParams({ watch: w.name }).toString() }, w.name)),
      el('td', {}, el('code', {}, w.query)), el('td', {}, w.delivery || ''), el('td', {})))
    : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No watches are configured.'))];
  $('watches-table').tBodies[0].replaceChildren(...watchRows);
  await showEditableWatches();
}

// ---- watches through the API ------------------------------------------------------------------

const TOKEN_KEY = 'wirewatch-api-token';

/** The watches in force, with edit and delete, when the server has the watches API. */
async function showEditableWatches() {
  let data;
  try {
    data = await getJson('/api/watches');
  } catch {
    $('watch-form').hidden = true; // this server lists the file's watches only
    return;
  }
  $('watch-form').hidden = false;
  $('watch-token').value = sessionStorage.getItem(TOKEN_KEY) || '';
  const rows = data.watches.map((w) => el('tr', {},
    el('td', {}, el('a', { href: '#/alerts?' + new URLSearchParams({ watch: w.id }).toString() }, w.id)),
    el('td', {}, el('code', {}, w.query),
      (w.places || []).length ? el('div', { class: 'small muted' }, 'places: ' + w.places.join(', ')) : null),
    el('td', {}, (w.alerts || []).join(', ') + ' → ' + (w.deliver || []).join(', ')),
    el('td', {},
      el('button', { type: 'button', class: 'small', onclick: () => editWatch(w) }, 'Edit'), ' ',
      el('button', { type: 'button', class: 'small', onclick: () => deleteWatch(w.id) }, 'Delete'))));
  $('watches-table').tBodies[0].replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No watches yet: create one below.'))]));
}

function editWatch(w) {
  $('watch-id').value = w.id;
  $('watch-query').value = w.query;
  $('watch-places').value = (w.places || []).join(', ');
  for (const box of document.querySelectorAll('input[name=watch-alert]')) box.checked = (w.alerts || []).includes(box.value);
  $('watch-deliver').value = (w.deliver || []).join(', ');
  $('watch-id').focus();
}

function list(text) {
  return text.split(',').map((v) => v.trim()).filter((v) => v);
}

/** The token typed in the watch form, kept for this tab. */
function watchToken() {
  const token = $('watch-token').value.trim();
  sessionStorage.setItem(TOKEN_KEY, token);
  return token;
}

/** A write through the API, with the token in a header; the server's one-line error on failure. */
async function write(method, url, body, token = watchToken()) {
  const res = await fetch(url, {
    method,
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    let message = `the server answered ${res.status}`;
    try { const b = await res.json(); if (b && b.error) message = b.error; } catch { /* not JSON */ }
    throw new Error(message);
  }
}

$('watch-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const id = $('watch-id').value.trim();
  const watch = {
    query: $('watch-query').value.trim(),
    places: list($('watch-places').value),
    alerts: [...document.querySelectorAll('input[name=watch-alert]:checked')].map((b) => b.value),
    deliver: list($('watch-deliver').value),
  };
  try {
    await write('PUT', '/api/watches/' + encodeURIComponent(id), watch);
    $('watch-status').textContent = `Saved: “${id}” is in force.`;
    await showEditableWatches();
  } catch (e) {
    $('watch-status').textContent = 'Not saved: ' + e.message;
  }
});

async function deleteWatch(id) {
  try {
    await write('DELETE', '/api/watches/' + encodeURIComponent(id));
    $('watch-status').textContent = `Deleted “${id}”.`;
    await showEditableWatches();
  } catch (e) {
    $('watch-status').textContent = 'Not deleted: ' + e.message;
  }
}

/** What the query would have matched in the last 7 days. */
$('watch-test').addEventListener('click', async () => {
  const q = $('watch-query').value.trim();
  if (!q) { $('watch-status').textContent = 'Give a query to test.'; return; }
  const from = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const params = new URLSearchParams({ q, from, sort: 'newest', size: 10 });
  for (const p of list($('watch-places').value)) params.append('place', p);
  try {
    const data = await getJson('/api/search?' + params.toString());
    $('watch-status').textContent = `In the last 7 days this query matched ${data.total} article${data.total === 1 ? '' : 's'}`
      + (data.total > data.hits.length ? ` (the newest ${data.hits.length} below).` : '.');
    $('watch-test-results').replaceChildren(...data.hits.map((h) => el('li', {},
      el('a', { href: '#/article/' + encodeURIComponent(h.id) }, h.title || '(untitled)'), ' ',
      el('span', { class: 'muted' }, formatDate(h.publishedAt)))));
  } catch (e) {
    $('watch-status').textContent = e.message;
    $('watch-test-results').replaceChildren();
  }
});

async function showSources() {
  let data;
  try {
    data = await getJson('/api/sources');
  } catch (e) {
    $('sources-note').textContent = e.message;
    return;
  }
  $('sources-note').textContent = data.statusKnown
    ? 'Each source’s latest poll, from news.source-status, and its articles in the index.'
    : 'Article counts from the index; poll status needs the running pipeline (demo or serve with a broker).';
  const rows = data.sources.map((s) => el('tr', { class: s.ok === false ? 'failing' : null },
    el('td', {}, el('a', { href: '#/?' + new URLSearchParams({ source: s.source, sort: 'newest' }).toString() }, s.source),
      s.url ? el('div', { class: 'muted small' }, s.url) : null),
    el('td', { class: 'num' }, (s.articles || 0).toLocaleString('en')),
    el('td', {}, s.lastSuccessAt ? formatDate(s.lastSuccessAt) : '—'),
    el('td', {}, s.lastErrorAt ? [formatDate(s.lastErrorAt), el('div', { class: 'small' }, s.lastError || '')] : '—'),
    el('td', {}, s.polledAt ? formatDate(s.polledAt) : '—'),
    el('td', {}, s.polledAt ? `${s.newItems} / ${s.updatedItems} / ${s.unchangedItems}` : '—')));
  $('sources-table').tBodies[0].replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No sources yet.'))]));
}

// ---- what fired -------------------------------------------------------------------------------

async function showAlertHistory(params) {
  const watch = params.get('watch') || '';
  const catalog = await getJson('/api/topics').catch(() => ({ watches: [] }));
  const names = catalog.watches.map((w) => w.name);
  if (watch && !names.includes(watch)) names.push(watch);
  $('alerts-watch').replaceChildren(el('option', { value: '' }, 'every watch'),
    ...names.map((n) => el('option', { value: n }, n)));
  $('alerts-watch').value = watch;
  $('alerts-feed').hidden = !watch;
  if (watch) $('alerts-feed').href = '/feeds/watches/' + encodeURIComponent(watch) + '.atom';
  let data;
  try {
    data = await getJson('/api/alerts?' + new URLSearchParams(watch ? { watch, limit: 200 } : { limit: 200 }).toString());
  } catch (e) {
    $('alerts-note').textContent = 'What fired needs the running pipeline (demo, or serve with --bootstrap-servers): ' + e.message;
    $('alerts-table').tBodies[0].replaceChildren();
    return;
  }
  $('alerts-note').textContent = '';
  const rows = data.alerts.map((a) => el('tr', { class: 'alert-row' },
    el('td', {}, formatDate(a.matchedAt)),
    el('td', {}, a.watchId),
    el('td', {}, a.kind),
    el('td', {}, a.storyId ? el('a', { href: '#/story/' + encodeURIComponent(a.storyId) }, a.title || 'story') : (a.title || '')),
    el('td', { class: 'small' }, a.detail || '')));
  $('alerts-table').tBodies[0].replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, watch ? 'Nothing fired for this watch yet.' : 'Nothing fired yet.'))]));
}

$('alerts-watch').addEventListener('change', () => {
  const watch = $('alerts-watch').value;
  location.hash = '#/alerts' + (watch ? '?' + new URLSearchParams({ watch }).toString() : '');
});

// ---- live alerts ------------------------------------------------------------------------------

async function startAlerts() {
  if (!('EventSource' in window)) { $('alerts-state').textContent = '(not supported by this browser)'; return; }
  // A server without Kafka (serve without --bootstrap-servers) has no alerts: say so, once,
  // rather than "reconnecting…" forever
  const probe = await fetch('/api/alerts?limit=1', { headers: { Accept: 'application/json' } }).catch(() => null);
  if (!probe || probe.status === 404) {
    $('alerts-state').textContent = 'live alerts not available here (they need the running pipeline)';
    return;
  }
  const source = new EventSource('/api/alerts/stream');
  source.onopen = () => { $('alerts-state').textContent = '● live'; };
  source.onerror = () => { $('alerts-state').textContent = '(reconnecting…)'; };
  source.addEventListener('alert', (event) => {
    let a;
    try { a = JSON.parse(event.data); } catch { return; }
    const item = el('li', { class: 'alert ' + (a.kind || '') },
      el('div', { class: 'alert-head' }, el('strong', {}, a.watchId || 'alert'), ' ', el('span', { class: 'kind' }, a.kind || ''),
        ' ', el('span', { class: 'muted' }, formatDate(a.matchedAt))),
      a.storyId ? el('a', { href: '#/story/' + encodeURIComponent(a.storyId), class: 'alert-story' }, a.title || 'story')
        : el('span', {}, a.title || ''),
      a.detail ? el('div', { class: 'small muted' }, a.detail) : null);
    $('alerts').prepend(item);
    while ($('alerts').children.length > 50) $('alerts').lastChild.remove();
  });
  source.addEventListener('error', () => {});
}

// ---- routing ----------------------------------------------------------------------------------

function show(view) {
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== view;
  for (const [nav, views] of [['nav-search', ['view-search', 'view-story', 'view-article']], ['nav-topics', ['view-topics']], ['nav-sources', ['view-sources']], ['nav-alerts', ['view-alerts']]]) {
    $(nav).classList.toggle('current', views.includes(view));
  }
}

function route() {
  const hash = location.hash || '#/';
  if (hash.startsWith('#/story/')) {
    show('view-story');
    showStory(decodeURIComponent(hash.slice('#/story/'.length)));
  } else if (hash.startsWith('#/article/')) {
    show('view-article');
    showArticle(decodeURIComponent(hash.slice('#/article/'.length)));
  } else if (hash.startsWith('#/topics')) {
    show('view-topics');
    showTopics();
  } else if (hash.startsWith('#/sources')) {
    show('view-sources');
    showSources();
  } else if (hash.startsWith('#/alerts')) {
    show('view-alerts');
    showAlertHistory(currentParams());
  } else {
    show('view-search');
    showSearch(currentParams());
    showSaved();
  }
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const params = currentParams();
  const next = new URLSearchParams();
  for (const [k, v] of params) if (!['q', 'sort', 'collapse', 'page', 'from', 'to'].includes(k)) next.append(k, v);
  // the date boxes as shown (a quick range's instant stays while its day is unchanged)
  for (const k of ['from', 'to']) {
    const v = params.get(k);
    if ($(k).value) next.set(k, v && v.slice(0, 10) === $(k).value ? v : $(k).value);
  }
  const q = $('q').value.trim();
  if (q) next.set('q', q);
  next.set('sort', $('sort').value);
  if ($('collapse').checked) next.set('collapse', 'story');
  go(next);
});
for (const id of ['sort', 'collapse']) $(id).addEventListener('change', () => $('search-form').requestSubmit());
for (const id of ['story-back', 'article-back']) $(id).addEventListener('click', (e) => { e.preventDefault(); history.back(); });

window.addEventListener('hashchange', route);
route();
startAlerts();
