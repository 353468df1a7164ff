// The live page: plays a use case from the browser, the way a REST client and a GraphQL
// client would, against the real API, and draws what each cost. No framework, no build.
'use strict';

const WAYS = {
  profile: ['REST', 'GraphQL'],
  feed: ['REST', 'REST /feed', 'GraphQL', 'GraphQL, no batching'],
  titles: ['REST', 'GraphQL'],
};

/** Counts what one play sends and receives. */
class Client {
  constructor() {
    this.roundTrips = 0;
    this.bytes = 0;
  }

  async get(path) {
    return this.exchange(path, { method: 'GET', headers: { Accept: 'application/json' } });
  }

  async graphQl(query) {
    const answer = await this.exchange('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
    if (answer.errors) {
      throw new Error(answer.errors[0].message);
    }
    return answer.data;
  }

  async exchange(path, init) {
    // no-store: the browser's cache must not answer in the server's place.
    const response = await fetch(path, { ...init, cache: 'no-store' });
    const body = await response.arrayBuffer();
    this.roundTrips++;
    this.bytes += body.byteLength;
    if (!response.ok) {
      throw new Error(`${init.method} ${path} answered ${response.status}`);
    }
    return JSON.parse(new TextDecoder().decode(body));
  }
}

function line(title, author, comments) {
  return `${title} | ${author} | ${comments.map((c) => c.body).join('; ')}`;
}

const PLAYS = {
  async profile(client, way) {
    if (way === 'REST') {
      const user = await client.get('/users/1');
      return [`${user.name} | ${user.postCount}`];
    }
    const { user } = await client.graphQl('{ user(id: 1) { name postCount } }');
    return [`${user.name} | ${user.postCount}`];
  },

  async feed(client, way, size) {
    if (way === 'REST') {
      const posts = (await client.get(`/posts?limit=${size}`)).items;
      const authors = new Map();
      for (const post of posts) {
        if (!authors.has(post.authorId)) {
          authors.set(post.authorId, (await client.get(`/users/${post.authorId}`)).name);
        }
      }
      const view = [];
      for (const post of posts) {
        const comments = (await client.get(`/posts/${post.id}/comments?limit=3`)).items;
        view.push(line(post.title, authors.get(post.authorId), comments));
      }
      return view;
    }
    if (way === 'REST /feed') {
      return (await client.get(`/feed?limit=${size}`)).items.map((item) => line(item.title, item.authorName, item.comments));
    }
    const field = (way === 'GraphQL') ? 'posts' : 'postsWithoutBatching';
    const data = await client.graphQl(`{ ${field}(first: ${size}) { edges { node { title author { name } `
      + 'comments(first: 3) { edges { node { body } } } } } } }');
    return data[field].edges.map(({ node }) => line(node.title, node.author.name, node.comments.edges.map((e) => e.node)));
  },

  async titles(client, way, size) {
    if (way === 'REST') {
      return (await client.get(`/posts?limit=${size}`)).items.map((post) => post.title);
    }
    const data = await client.graphQl(`{ posts(first: ${size}) { edges { node { title } } } }`);
    return data.posts.edges.map(({ node }) => node.title);
  },
};

async function sqlStatements() {
  const response = await fetch('/actuator/metrics/sql.statements', { cache: 'no-store' });
  const metric = await response.json();
  return metric.measurements[0].value;
}

async function play(useCase, size) {
  const rows = [];
  for (const way of WAYS[useCase]) {
    const client = new Client();
    const before = await sqlStatements();
    const started = performance.now();
    const view = await PLAYS[useCase](client, way, size);
    const millis = performance.now() - started;
    const statements = (await sqlStatements()) - before;
    rows.push({ way, roundTrips: client.roundTrips, bytes: client.bytes, statements, millis, view });
  }
  return rows;
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

function drawTable(rows) {
  const body = document.querySelector('#results tbody');
  body.replaceChildren();
  for (const result of rows) {
    const tr = document.createElement('tr');
    tr.dataset.way = result.way;
    tr.dataset.api = result.way.startsWith('REST') ? 'rest' : 'graphql';
    tr.dataset.roundTrips = result.roundTrips;
    tr.dataset.bytes = result.bytes;
    tr.dataset.statements = result.statements;
    tr.dataset.view = result.view.join('\n');
    cell(tr, result.way);
    cell(tr, String(result.roundTrips), 'number');
    cell(tr, result.bytes.toLocaleString('en'), 'number');
    cell(tr, String(result.statements), 'number');
    cell(tr, result.millis.toFixed(0), 'number');
    cell(tr, `${result.view.length} items: ${result.view[0] ?? ''}`, 'shows');
    body.appendChild(tr);
  }
}

function drawBars(id, rows, value) {
  const svg = document.getElementById(id);
  const ns = 'http://www.w3.org/2000/svg';
  svg.replaceChildren();
  const max = Math.max(1, ...rows.map(value));
  const height = 150 / Math.max(rows.length, 1);
  rows.forEach((row, i) => {
    const y = i * height + 4;
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 0);
    label.setAttribute('y', y + height / 2);
    label.textContent = row.way;
    svg.appendChild(label);
    const bar = document.createElementNS(ns, 'rect');
    const width = Math.max(1, (value(row) / max) * 240);
    bar.setAttribute('x', 130);
    bar.setAttribute('y', y);
    bar.setAttribute('width', width);
    bar.setAttribute('height', height - 8);
    bar.setAttribute('class', row.way.startsWith('REST') ? 'rest' : 'graphql');
    svg.appendChild(bar);
    const number = document.createElementNS(ns, 'text');
    number.setAttribute('x', 134 + width);
    number.setAttribute('y', y + height / 2);
    number.textContent = value(row).toLocaleString('en');
    svg.appendChild(number);
  });
}

document.getElementById('play-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = document.getElementById('play');
  const message = document.getElementById('message');
  const results = document.getElementById('results');
  button.disabled = true;
  message.textContent = '';
  results.dataset.status = 'playing';
  try {
    const rows = await play(document.getElementById('use-case').value, Number(document.getElementById('size').value));
    drawTable(rows);
    drawBars('chart-trips', rows, (row) => row.roundTrips);
    drawBars('chart-bytes', rows, (row) => row.bytes);
    drawBars('chart-sql', rows, (row) => row.statements);
    results.dataset.status = 'done';
  }
  catch (error) {
    message.textContent = error.message;
    results.dataset.status = 'failed';
  }
  finally {
    button.disabled = false;
  }
});
