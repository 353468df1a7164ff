'use strict';

// The live page: every number on it comes from this instance's API.
const state = { etag: null, staleEtag: null, reads: [] };
const colors = { local: '#2e9a5b', redis: '#c4382f', miss: '#6a4fc9', none: '#7a7f8c' };
const $ = (id) => document.getElementById(id);

function busy(delta) {
  const n = Number(document.body.dataset.busy) + delta;
  document.body.dataset.busy = String(n);
  document.querySelectorAll('button').forEach((b) => { b.disabled = n > 0; });
}

async function call(method, path, headers, body) {
  const started = performance.now();
  // no-store: the page shows what the server answers, not what the browser's cache kept
  const response = await fetch(path, {
    method, cache: 'no-store',
    headers: Object.assign(body ? { 'Content-Type': 'application/json' } : {}, headers || {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return {
    method, path, status: response.status, ms: performance.now() - started,
    level: response.headers.get('X-Cache') || 'none', etag: response.headers.get('ETag'),
    json: text && response.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : null,
  };
}

function productId() { return Number($('product').value) || 42; }

function log(answer, note) {
  const item = document.createElement('li');
  item.className = 'exchange';
  item.dataset.status = String(answer.status);
  item.dataset.level = answer.level;
  item.innerHTML = `${answer.method} ${answer.path} → <b>${answer.status}</b> ` +
    `<span class="level ${answer.level}">${answer.level}</span> ${answer.ms.toFixed(1)} ms` +
    (answer.etag ? ` ETag ${answer.etag}` : '') + (note ? ` — ${note}` : '');
  $('log').prepend(item);
  state.reads.push(answer);
  drawTimeline();
}

function showProduct(answer) {
  if (answer.json && answer.json.id) {
    const p = answer.json;
    const average = p.ratings.average === null ? '–' : p.ratings.average;
    $('product-line').textContent = `#${p.id} ${p.name} · ${(p.priceCents / 100).toFixed(2)} · ` +
      `${p.ratings.count} reviews, ★ ${average} · ETag ${answer.etag}`;
  }
}

async function read() {
  const answer = await call('GET', `/products/${productId()}`);
  if (answer.etag) { state.etag = answer.etag; }
  showProduct(answer);
  log(answer);
}

async function revalidate() {
  if (!state.etag) { await read(); }
  const answer = await call('GET', `/products/${productId()}`, { 'If-None-Match': state.etag });
  log(answer, answer.status === 304 ? 'not modified, no query' : 'changed');
}

async function update() {
  if (!state.etag) { await read(); }
  const current = await call('GET', `/products/${productId()}`);
  const p = current.json;
  const answer = await call('PUT', `/products/${productId()}`, { 'If-Match': current.etag },
    { name: p.name, description: p.description, priceCents: p.priceCents + 100 });
  state.staleEtag = current.etag;
  state.etag = answer.etag;
  showProduct(answer);
  log(answer, 'evicted from Redis and every local level');
}

async function stale() {
  if (!state.staleEtag) { await update(); }
  const p = { name: 'Lost update', description: 'written from an old read', priceCents: 1 };
  const answer = await call('PUT', `/products/${productId()}`, { 'If-Match': state.staleEtag }, p);
  log(answer, answer.status === 412 ? 'refused: someone wrote since' : '');
}

async function stampede() {
  const readers = Math.min(500, Math.max(1, Number($('readers').value) || 200));
  const results = [];
  for (const protection of ['none', 'per-instance', 'fleet']) {
    const productId = 1 + Math.floor(Math.random() * 1000);
    const answer = await call('POST', '/stampedes', {}, { productId, readers, protection });
    results.push(answer.json);
  }
  drawLoads(results, readers);
}

function svg(tag, attributes, text) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attributes).forEach(([k, v]) => element.setAttribute(k, v));
  if (text !== undefined) { element.textContent = text; }
  return element;
}

function drawTimeline() {
  const chart = $('timeline');
  chart.replaceChildren();
  const last = state.reads.slice(-20);
  const max = Math.max(1, ...last.map((r) => r.ms));
  last.forEach((r, i) => {
    const height = Math.max(2, (r.ms / max) * 110);
    chart.append(svg('rect', { x: 10 + i * 29, y: 120 - height, width: 24, height,
      fill: colors[r.level] || colors.none, class: 'read-bar', 'data-level': r.level }));
  });
  chart.append(svg('text', { x: 10, y: 136 }, `the last ${last.length} answers, height = time (max ${max.toFixed(1)} ms)`));
}

function drawLoads(results, readers) {
  const chart = $('loads');
  chart.replaceChildren();
  results.forEach((result, i) => {
    const width = Math.max(2, (result.loads / readers) * 400);
    const y = 10 + i * 42;
    chart.append(svg('text', { x: 0, y: y + 18 }, result.protection));
    chart.append(svg('rect', { x: 100, y, width, height: 26, fill: i === 0 ? colors.miss : colors.local,
      class: 'load-bar', 'data-protection': result.protection, 'data-loads': result.loads }));
    chart.append(svg('text', { x: 106 + width, y: y + 18 }, `${result.loads} load${result.loads === 1 ? '' : 's'}`));
  });
  chart.append(svg('text', { x: 0, y: 145 }, `${readers} concurrent readers of one evicted product, per protection`));
}

async function refreshCounters() {
  const answer = await call('GET', '/cache-stats');
  const s = answer.json;
  const entries = [['database queries', s.databaseQueries], ['local level on', s.localEnabled ? 'yes' : 'no'],
    ['local entries', s.localSize], ['local hits', s.localHits], ['local misses', s.localMisses],
    ['redis hits', s.redisHits], ['redis misses', s.redisMisses], ['loads', s.loads],
    ['evictions by writes', s.evictions], ['redis failures', s.redisFailures]];
  $('counters').replaceChildren(...entries.flatMap(([k, v]) => {
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = String(v); dd.dataset.counter = k;
    return [dt, dd];
  }));
}

function action(id, run) {
  $(id).addEventListener('click', async () => {
    busy(1);
    try { await run(); await refreshCounters(); } finally { busy(-1); }
  });
}

action('read', read);
action('revalidate', revalidate);
action('update', update);
action('stale', stale);
action('stampede-all', stampede);
refreshCounters();
