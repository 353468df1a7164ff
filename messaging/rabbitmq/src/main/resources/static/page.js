'use strict';

// The live page: places orders through POST /api/orders and polls the public API
// (/api/queues, /api/publications, /api/orders/{id}, /api/dead-letters) twice a second.

const recentOrders = [];
let polling = false;

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

async function placeOrders(event) {
  event.preventDefault();
  const order = {
    customer: 'live-page',
    sku: document.getElementById('sku').value,
    quantity: 1,
    region: document.getElementById('region').value,
    priority: document.getElementById('priority').value,
  };
  const count = Math.max(1, Math.min(50, Number(document.getElementById('count').value) || 1));
  let placed = 0;
  for (let i = 0; i < count; i++) {
    const response = await api('POST', '/api/orders', order);
    if (response.status === 201) {
      recentOrders.unshift(response.json.id);
      placed++;
    }
  }
  recentOrders.splice(10);
  document.getElementById('place-status').textContent =
    `${placed} order(s) placed with routing key order.${order.region}.${order.priority}`;
  await refresh();
}

async function restock() {
  const response = await api('PUT', '/api/stock/LAMP', { available: 10 });
  document.getElementById('place-status').textContent = `LAMP in stock: ${response.json.available}`;
}

async function replay(id) {
  const response = await api('POST', `/api/dead-letters/${id}/replay`);
  document.getElementById('place-status').textContent = response.status === 200
    ? `dead letter #${id} replayed to ${response.json.queue}`
    : `dead letter #${id}: ${response.json.title}`;
  await refresh();
}

async function drawQueues() {
  const queues = (await api('GET', '/api/queues')).json;
  for (const queue of queues) {
    const group = document.querySelector(`g.queue[data-queue="${queue.name}"]`);
    if (!group) {
      continue;
    }
    const d = queue.deliveries;
    group.querySelector('text.stats').textContent =
      `${queue.ready} · ${d.applied} / ${d.duplicate} / ${d.retried} / ${d['dead-lettered']}`;
    group.dataset.applied = d.applied;
    group.dataset.ready = queue.ready;
    group.classList.toggle('busy', queue.ready > 0);
  }
}

async function drawPublications() {
  const p = (await api('GET', '/api/publications')).json;
  const element = document.getElementById('publications');
  element.dataset.confirmed = p.confirmed;
  element.dataset.returned = p.returned;
  element.textContent = `confirmed ${p.confirmed} · pending ${p.pending} · returned (unroutable) ${p.returned}`;
}

async function drawOrders() {
  const body = document.querySelector('#orders tbody');
  const rows = [];
  for (const id of recentOrders) {
    const o = (await api('GET', `/api/orders/${id}`)).json;
    const row = document.createElement('tr');
    row.dataset.orderId = o.id;
    row.dataset.status = o.status;
    row.dataset.appliedBy = o.appliedBy.join(',');
    cell(row, o.id.substring(0, 8));
    cell(row, `order.${o.region}.${o.priority}`);
    cell(row, o.publication, o.publication);
    cell(row, o.status, o.status);
    cell(row, o.appliedBy.join(', '));
    rows.push(row);
  }
  body.replaceChildren(...rows);
}

async function drawDeadLetters() {
  const letters = (await api('GET', '/api/dead-letters?limit=20')).json;
  const body = document.querySelector('#dead-letters tbody');
  const rows = letters.map((letter) => {
    const row = document.createElement('tr');
    row.dataset.id = letter.id;
    row.dataset.replayed = letter.replayedAt ? 'true' : 'false';
    cell(row, String(letter.id));
    cell(row, letter.queue);
    cell(row, String(letter.attempts));
    cell(row, letter.reason);
    const action = cell(row, '');
    if (!letter.replayedAt) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'replay';
      button.textContent = 'Replay';
      button.addEventListener('click', () => replay(letter.id));
      action.appendChild(button);
    }
    else {
      action.textContent = 'replayed';
    }
    return row;
  });
  body.replaceChildren(...rows);
}

async function refresh() {
  if (polling) {
    return;
  }
  polling = true;
  try {
    await drawQueues();
    await drawPublications();
    await drawOrders();
    await drawDeadLetters();
    document.body.dataset.refreshed = String(Date.now());
  }
  finally {
    polling = false;
  }
}

document.getElementById('place-form').addEventListener('submit', placeOrders);
document.getElementById('restock').addEventListener('click', restock);
refresh();
setInterval(refresh, 500);
