// The transactions module's live page: starts bounded load runs on the server, draws their
// samples as they stream in (Server-Sent Events), and shows Hermitage's anomaly matrix.
// Plain JavaScript, SVG drawn by hand: no build step, nothing from a CDN.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = {
  naive: '#d62728',
  pessimistic: '#1f77b4',
  optimistic: '#ff7f0e',
  'atomic-update': '#2ca02c',
  serializable: '#9467bd',
};
const KEPT_RUNS = 6;
const THROUGHPUT_WINDOW = 5; // samples, 200 ms apart: one second

const runs = []; // newest last: { summary, samples, done }

const $ = (id) => document.getElementById(id);
const cents = (value) => (value / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = (value) => (value > 0 ? '+' : '') + value.toLocaleString('en');

// ---- Load runs -------------------------------------------------------------------------

async function startRun(event) {
  event.preventDefault();
  const form = new FormData($('load-form'));
  const body = {
    strategy: form.get('strategy'),
    concurrency: Number(form.get('concurrency')),
    transfers: Number(form.get('transfers')),
    accounts: Number(form.get('accounts')),
  };
  showMessage(null);
  $('start').disabled = true;
  try {
    const response = await fetch('load-runs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      showMessage(`${response.status} ${answer.title}: ${answer.detail}`);
      $('start').disabled = false;
      return;
    }
    follow({ summary: answer, samples: [], done: false });
  } catch (failure) {
    showMessage(`Could not start the run: ${failure.message}`);
    $('start').disabled = false;
  }
}

function follow(run) {
  runs.push(run);
  if (runs.length > KEPT_RUNS) runs.shift();
  $('current').dataset.state = 'running';
  const stream = new EventSource(`load-runs/${run.summary.id}/events`);
  stream.addEventListener('sample', (event) => {
    run.samples.push(JSON.parse(event.data));
    render();
  });
  stream.addEventListener('done', (event) => {
    // Closed before the server ends the stream, so EventSource does not reconnect.
    stream.close();
    finish(run, JSON.parse(event.data));
  });
  stream.addEventListener('error', () => {
    if (run.done) return;
    // The stream broke before the end: fall back to polling the run.
    stream.close();
    poll(run);
  });
}

async function poll(run) {
  const response = await fetch(`load-runs/${run.summary.id}`, { headers: { Accept: 'application/json' } });
  const snapshot = await response.json();
  run.samples = snapshot.samples;
  if (snapshot.status === 'finished') {
    finish(run, snapshot);
  } else {
    render();
    setTimeout(() => poll(run), 500);
  }
}

function finish(run, summary) {
  run.summary = summary;
  run.done = true;
  $('current').dataset.state = 'finished';
  $('start').disabled = false;
  render();
}

function showMessage(text) {
  $('message').hidden = text === null;
  $('message').textContent = text ?? '';
}

// ---- Drawing ---------------------------------------------------------------------------

function throughputs(samples) {
  return samples.map((sample, i) => {
    const earlier = samples[Math.max(0, i - THROUGHPUT_WINDOW)];
    const millis = sample.elapsedMillis - earlier.elapsedMillis;
    return [sample.elapsedMillis, millis > 0 ? ((sample.completed - earlier.completed) * 1000) / millis : 0];
  });
}

function overallThroughput(run) {
  const last = run.samples.at(-1);
  return last && last.elapsedMillis > 0 ? (last.completed * 1000) / last.elapsedMillis : 0;
}

function render() {
  const current = runs.at(-1);
  if (!current) return;
  renderCounters(current);
  const series = (values, dashed) =>
    runs.map((run) => ({
      id: run.summary.id,
      color: COLORS[run.summary.strategy],
      dashed: dashed ?? false,
      points: values(run),
      run,
    }));
  const drift = series((run) => run.samples.map((s) => [s.elapsedMillis, s.total - run.summary.startTotal]));
  drawChart($('chart-drift'), drift, { zeroLine: true });
  // The drawn totals, for the browser test and for anyone inspecting the page.
  $('chart-drift').querySelectorAll('polyline').forEach((line) => {
    const run = runs.find((r) => String(r.summary.id) === line.dataset.runId);
    line.dataset.startTotal = run.summary.startTotal;
    line.dataset.totals = run.samples.map((s) => s.total).join(',');
  });
  drawChart($('chart-throughput'), series((run) => throughputs(run.samples)), {});
  drawChart(
    $('chart-retries'),
    [
      ...series((run) => run.samples.map((s) => [s.elapsedMillis, s.retries])),
      ...series((run) => run.samples.map((s) => [s.elapsedMillis, s.conflicted]), true),
    ],
    {},
  );
  renderLegend();
  renderTable();
}

function renderCounters(run) {
  const last = run.samples.at(-1);
  const s = run.summary;
  $('c-run').textContent = `#${s.id} ${s.strategy}`;
  $('c-run-label').textContent = run.done ? 'run, finished' : 'run, running';
  if (!last) return;
  const drift = last.total - s.startTotal;
  $('c-throughput').textContent = Math.round(overallThroughput(run)).toLocaleString('en');
  $('c-completed').textContent = `${last.completed} / ${s.transfers}`;
  $('c-accepted').textContent = last.accepted;
  $('c-rejected').textContent = last.rejected;
  $('c-retries').textContent = last.retries;
  $('c-conflicted').textContent = last.conflicted;
  $('c-failed').textContent = last.failed;
  $('c-total').textContent = cents(last.total);
  $('c-drift').textContent = drift === 0 ? '0' : signed(drift) + ' cents';
  $('c-drift').className = drift === 0 ? 'ok' : 'bad';
}

function renderLegend() {
  const legend = $('legend');
  legend.replaceChildren(
    ...runs.map((run) => {
      const item = document.createElement('li');
      item.style.setProperty('--color', COLORS[run.summary.strategy]);
      item.textContent = `#${run.summary.id} ${run.summary.strategy}`;
      return item;
    }),
  );
}

function renderTable() {
  const body = $('runs').tBodies[0];
  body.replaceChildren(
    ...runs
      .slice()
      .reverse()
      .map((run) => {
        const s = run.summary;
        const last = run.samples.at(-1);
        const total = last ? last.total : s.startTotal;
        const drift = total - s.startTotal;
        const row = document.createElement('tr');
        row.dataset.runId = s.id;
        row.dataset.strategy = s.strategy;
        row.dataset.status = run.done ? 'finished' : 'running';
        row.dataset.startTotal = s.startTotal;
        row.dataset.total = total;
        const cells = [
          `#${s.id}`,
          s.strategy,
          s.concurrency,
          last ? last.completed : 0,
          Math.round(overallThroughput(run)),
          last ? last.retries : 0,
          last ? last.conflicted : 0,
          last ? last.rejected : 0,
          cents(s.startTotal),
          cents(total),
          signed(drift),
          drift === 0 ? 'conserved' : drift > 0 ? 'created' : 'destroyed',
        ];
        cells.forEach((text, i) => {
          const cell = document.createElement('td');
          cell.textContent = text;
          if (i === 1) cell.style.color = COLORS[s.strategy];
          if (i >= 10) cell.className = drift === 0 ? 'ok' : 'bad';
          row.append(cell);
        });
        return row;
      }),
  );
}

// A line chart in an SVG: time on x (seconds), the series on y, axes with a few ticks.
function drawChart(svg, series, { zeroLine }) {
  const width = 460;
  const height = 220;
  const left = 56;
  const right = 10;
  const top = 10;
  const bottom = 28;
  const all = series.flatMap((line) => line.points);
  const maxX = Math.max(1000, ...all.map(([x]) => x));
  let minY = Math.min(0, ...all.map(([, y]) => y));
  let maxY = Math.max(0, ...all.map(([, y]) => y));
  if (minY === maxY) {
    minY -= 1;
    maxY += 1;
  }
  const pad = (maxY - minY) * 0.08;
  minY = minY < 0 ? minY - pad : minY;
  maxY += pad;
  const x = (value) => left + ((width - left - right) * value) / maxX;
  const y = (value) => top + ((height - top - bottom) * (maxY - value)) / (maxY - minY);

  svg.replaceChildren();
  svg.append(element('line', { x1: left, y1: top, x2: left, y2: height - bottom, class: 'axis' }));
  svg.append(element('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: 'axis' }));
  ticks(minY, maxY, 4).forEach((value) => {
    svg.append(element('line', { x1: left, y1: y(value), x2: width - right, y2: y(value), class: 'grid' }));
    svg.append(text(compact(value), { x: left - 6, y: y(value) + 4, class: 'tick', 'text-anchor': 'end' }));
  });
  ticks(0, maxX / 1000, 6).forEach((seconds) => {
    svg.append(text(`${seconds}s`, { x: x(seconds * 1000), y: height - 10, class: 'tick', 'text-anchor': 'middle' }));
  });
  if (zeroLine) {
    svg.append(element('line', { x1: left, y1: y(0), x2: width - right, y2: y(0), class: 'zero' }));
  }
  series.forEach((line) => {
    if (line.points.length === 0) return;
    const polyline = element('polyline', {
      points: line.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' '),
      stroke: line.color,
      class: line.dashed ? 'series dashed' : 'series',
    });
    polyline.dataset.runId = line.id;
    polyline.dataset.strategy = line.run.summary.strategy;
    svg.append(polyline);
  });
}

function ticks(from, to, count) {
  const raw = (to - from) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const values = [];
  for (let value = Math.ceil(from / step) * step; value <= to + step * 1e-9; value += step) {
    values.push(Number(value.toPrecision(12)));
  }
  return values;
}

function compact(value) {
  return Math.abs(value) >= 10000 ? `${Math.round(value / 1000)}k` : String(value);
}

function element(name, attributes) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  return node;
}

function text(content, attributes) {
  const node = element('text', attributes);
  node.textContent = content;
  return node;
}

// ---- Hermitage -------------------------------------------------------------------------

async function loadMatrix() {
  const response = await fetch('hermitage.json');
  const matrix = await response.json();
  $('matrices').replaceChildren(...matrix.databases.map((database) => table(matrix, database)));
}

function table(matrix, database) {
  const table = document.createElement('table');
  table.className = 'matrix';
  table.dataset.database = database.name;
  table.dataset.test = database.method;
  const caption = table.createCaption();
  caption.textContent = database.name;
  const head = table.createTHead().insertRow();
  ['anomaly', '', ...database.levels.map((level) => matrix.levels[level])].forEach((label) => {
    const th = document.createElement('th');
    th.textContent = label;
    head.append(th);
  });
  const body = table.createTBody();
  database.rows.forEach((row) => {
    const anomaly = matrix.anomalies[row.anomaly];
    const tr = body.insertRow();
    tr.insertCell().textContent = anomaly.code;
    tr.insertCell().textContent = anomaly.description;
    row.outcomes.forEach((outcome, i) => {
      const level = database.levels[i];
      // JUnit's display name of the parameterized case that asserts this cell.
      const testCase = `${row.anomaly} at ${level} is ${outcome}`;
      const cell = tr.insertCell();
      cell.className = `outcome ${outcome.toLowerCase()}`;
      cell.dataset.anomaly = row.anomaly;
      cell.dataset.level = level;
      cell.dataset.outcome = outcome;
      const link = document.createElement('a');
      link.href = '#proof';
      link.textContent = matrix.outcomes[outcome];
      link.title = `${matrix.test.class}#${database.method}: ${testCase}`;
      link.addEventListener('click', () => showProof(matrix, database, anomaly, testCase));
      cell.append(link);
    });
  });
  return table;
}

function showProof(matrix, database, anomaly, testCase) {
  const proof = $('proof');
  proof.hidden = false;
  proof.replaceChildren();
  const line = (label, content) => {
    const p = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = `${label} `;
    const code = document.createElement('code');
    code.textContent = content;
    p.append(strong, code);
    proof.append(p);
  };
  line('Asserted by', `${matrix.test.class}#${database.method} [${testCase}]`);
  line('in', matrix.test.file);
  line('Interleaving', `${matrix.scenarios.class}#${anomaly.scenario} (${anomaly.code}, ${anomaly.description})`);
  line('in', matrix.scenarios.file);
  line('Run it', matrix.test.command);
}

// ---- Start -----------------------------------------------------------------------------

$('load-form').addEventListener('submit', startRun);
loadMatrix().catch((failure) => showMessage(`Could not load the anomaly matrix: ${failure.message}`));
