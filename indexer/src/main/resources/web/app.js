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

async function showSearch(params) {
  $('q').value = params.get('q') || '';
  $('sort').value = params.get('sort') === 'newest' ? 'newest' : 'relevance';
  $('collapse').checked = params.get('collapse') === 'story';
  renderFilters(params);
  const api = new URLSearchParams(params);
  if (!api.get('q')) api.delete('q');
  if (!api.get('sort') && !api.get('q')) api.set('sort', 'newest');
  $('feed-link').href = '/feeds/search.atom?' + api.toString();
  $('status').textContent = 'Searching…';
  let page;
  try {
    page = await getJson('/api/search?' + api.toString());
  } catch (e) {
    $('status').textContent = e.message;
    $('status').className = 'status error';
    $('results').replaceChildren();
    $('facets').replaceChildren();
    $('histogram').replaceChildren();
    $('pager').replaceChildren();
    return;
  }
  $('status').className = 'status';
  const what = api.get('q') ? `“${api.get('q')}”` : 'all articles';
  $('status').textContent = `${page.total.toLocaleString('en')} ${page.total === 1 ? 'article' : 'articles'} for ${what}`
    + (page.partial ? ` — incomplete: ${page.unavailable.length} index ${page.unavailable.length === 1 ? 'instance' : 'instances'} did not answer` : '');
  renderResults(page, params);
  renderFacets(page.facets || {}, params, page.labels || {});
  renderHistogram((page.facets || {}).days || {}, params);
  renderPager(page, params);
}

function renderFilters(params) {
  const chips = [];
  for (const [name] of FILTERS) {
    for (const v of params.getAll(name)) {
      chips.push(el('button', {
        class: 'chip', type: 'button', title: 'Remove this filter', 'data-filter': name,
        onclick: () => go(withoutParam(params, name, v)),
      }, `${name}: ${v} ✕`));
    }
  }
  for (const name of ['from', 'to']) {
    const v = params.get(name);
    if (v) chips.push(el('button', { class: 'chip', type: 'button', onclick: () => go(withoutParam(params, name, v)) }, `${name}: ${v} ✕`));
  }
  $('filters').replaceChildren(...chips);
}

function renderResults(page, params) {
  const items = page.hits.map((h) => {
    const url = safeUrl(h.url);
    const title = h.title || '(untitled)';
    const tags = [...(h.topics || []).map((t) => el('span', { class: 'tag topic' }, t)),
      ...(h.places || []).map((p) => el('span', { class: 'tag place' }, p))];
    const story = h.storyId && (h.storySize > 1 || params.get('collapse') === 'story')
      ? el('a', { class: 'story-link', href: '#/story/' + encodeURIComponent(h.storyId) },
        h.storySize > 1 ? `Story (${h.storySize} articles)` : 'Story')
      : null;
    return el('li', { class: 'hit' },
      el('h3', {}, el('a', { href: '#/article/' + encodeURIComponent(h.id), class: 'hit-title' }, title)),
      el('div', { class: 'meta' }, h.source || 'unknown source', ' · ', formatDate(h.publishedAt),
        url ? [' · ', el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null),
      el('p', { class: 'snippet' }, snippetNodes(h.snippet)),
      el('div', { class: 'tags' }, tags, story));
  });
  $('results').replaceChildren(...items);
  if (!items.length) $('results').replaceChildren(el('li', { class: 'muted' }, 'No articles match.'));
}

function renderFacets(facets, params, labels) {
  const groups = [];
  for (const [param, dim] of FILTERS) {
    const values = Object.entries(facets[dim] || {});
    if (!values.length) continue;
    const active = new Set(params.getAll(param));
    groups.push(el('section', { class: 'facet', 'data-facet': dim },
      el('h2', {}, dim[0].toUpperCase() + dim.slice(1)),
      el('ul', {}, values.map(([value, count]) => el('li', {},
        el('button', {
          type: 'button', class: active.has(value) ? 'facet-value active' : 'facet-value',
          'data-value': value, disabled: active.has(value),
          onclick: () => go(withParam(params, param, value)),
        }, el('span', {}, (labels[dim] || {})[value] || value),
        el('span', { class: 'count' }, count.toLocaleString('en'))))))));
  }
  $('facets').replaceChildren(...groups);
}

/** Articles per day as bars; a click filters to that day. */
function renderHistogram(days, params) {
  const entries = Object.entries(days).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) { $('histogram').replaceChildren(); return; }
  const max = Math.max(...entries.map(([, n]) => n));
  const shown = entries.slice(-120); // the latest four months fit the width
  const bars = shown.map(([day, n]) => el('button', {
    type: 'button', class: 'bar', title: `${day}: ${n} ${n === 1 ? 'article' : 'articles'}`, 'data-day': day,
    style: null,
    onclick: () => {
      let p = withoutParam(withoutParam(params, 'from', params.get('from')), 'to', params.get('to'));
      p.set('from', day); p.set('to', day);
      go(p);
    },
  }, el('span', { class: 'bar-fill' })));
  // heights through CSS custom properties set by script (allowed by the style-src policy)
  bars.forEach((b, i) => b.firstChild.style.setProperty('--h', `${Math.max(2, Math.round(100 * shown[i][1] / max))}%`));
  $('histogram').replaceChildren(
    el('figcaption', {}, `Articles per day, ${shown[0][0]} to ${shown[shown.length - 1][0]}`),
    el('div', { class: 'bars' }, bars));
}

function renderPager(page, params) {
  const current = Number(params.get('page') || 1);
  const pages = Math.ceil(page.total / page.size);
  const links = [];
  const to = (n) => { const p = new URLSearchParams(params); p.set('page', String(n)); return '#/?' + p.toString(); };
  if (current > 1) links.push(el('a', { href: to(current - 1), rel: 'prev' }, '← Newer / better'));
  if (pages > 1) links.push(el('span', { class: 'muted' }, ` page ${current} of ${pages} `));
  if (current < pages && current * page.size < 10000) links.push(el('a', { href: to(current + 1), rel: 'next' }, 'More →'));
  $('pager').replaceChildren(...links);
}

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
    ...(url ? [' · ', el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', id: 'article-original' }, 'original')] : []),
    ...(a.storyId ? [' · ', el('a', { href: '#/story/' + encodeURIComponent(a.storyId), id: 'article-story' }, 'story timeline')] : []));
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

/** A write through the API, with the token in a header; the server's one-line error on failure. */
async function write(method, url, body) {
  const token = $('watch-token').value.trim();
  sessionStorage.setItem(TOKEN_KEY, token);
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
  }
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const params = currentParams();
  const next = new URLSearchParams();
  for (const [k, v] of params) if (!['q', 'sort', 'collapse', 'page'].includes(k)) next.append(k, v);
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
