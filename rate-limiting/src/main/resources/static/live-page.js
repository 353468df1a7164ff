// The live page of rate-limiting: sends traffic to the five limited routes of the public API
// with one API key and draws what each algorithm answered. Plain browser JavaScript, no build
// step, no library: everything it knows comes from the responses' status and headers.
'use strict';

const POLICIES = [
	{
		name: 'fixed-window', title: 'Fixed window', state: 'left in this window', windows: true,
		explain: 'A counter per calendar window; forgets everything at the edge.',
	},
	{
		name: 'sliding-window-log', title: 'Sliding window log', state: 'left in the last window',
		explain: 'The time of every admitted request; exact, memory grows with the limit.',
	},
	{
		name: 'sliding-window-counter', title: 'Sliding window counter', state: 'left (weighted estimate)', windows: true,
		explain: 'This window\'s count plus the previous one\'s, weighted by overlap.',
	},
	{
		name: 'token-bucket', title: 'Token bucket', state: 'tokens left',
		explain: 'Tokens refill at the rate up to the limit; a full bucket allows a burst.',
	},
	{
		name: 'leaky-bucket', title: 'Leaky bucket (queue)', state: 'queued', queue: true,
		explain: 'Requests wait their turn in a queue drained at the rate; a full queue rejects.',
	},
];

// A browser opens at most 6 connections to one server. An admitted leaky-bucket request holds
// its connection while it waits in the queue, so more than 4 at once would starve the others.
const LEAKY_IN_FLIGHT = 4;
const HISTORY_MS = 15_000;
const BIN_MS = 250;
const BLOCK = 3;

const CHART = { width: 900, height: 110, stateTop: 4, stateBottom: 34, baseline: 75 };

let clientKey = newClientKey();
let generation = 0;
let inFlight = 0;
const views = new Map();

function newClientKey() {
	// getRandomValues, not randomUUID: the latter needs a secure context (https or localhost).
	const bytes = crypto.getRandomValues(new Uint8Array(4));
	return 'page-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One limiter's column: its answers, its last reported state and its DOM. */
class AlgorithmView {

	constructor(policy, element) {
		this.policy = policy;
		this.element = element;
		this.slots = policy.queue ? new Slots(LEAKY_IN_FLIGHT) : Slots.unlimited();
		// The browser's own queue outlives a key change: not part of reset().
		this.waitingInBrowser = 0;
		this.reset();
	}

	reset() {
		this.answers = [];
		this.samples = [];
		this.admitted = 0;
		this.rejected = 0;
		this.errors = 0;
		this.quota = null;
		this.windowSeconds = null;
		this.remaining = null;
		this.resetSeconds = null;
		this.retryAfter = null;
		this.retryUntil = 0;
		this.lastWaitMs = null;
	}

	async send() {
		const sentFor = generation;
		this.waitingInBrowser++;
		changeInFlight(+1);
		await this.slots.acquire();
		this.waitingInBrowser--;
		const started = performance.now();
		try {
			const response = await fetch('api/' + this.policy.name, {
				headers: { 'X-API-Key': clientKey, 'Accept': 'application/json, application/problem+json' },
				cache: 'no-store',
			});
			await response.text();
			if (sentFor === generation) {
				this.record(response, performance.now() - started);
			}
		}
		catch (failure) {
			if (sentFor === generation) {
				this.errors++;
				setStatus(this.policy.title + ': ' + failure.message);
			}
		}
		finally {
			this.slots.release();
			changeInFlight(-1);
		}
	}

	record(response, elapsedMs) {
		const now = Date.now();
		const policy = parseFields(response.headers.get('RateLimit-Policy'));
		const limit = parseFields(response.headers.get('RateLimit'));
		if (policy.q !== undefined) {
			this.quota = policy.q;
			this.windowSeconds = policy.w;
		}
		if (limit.r !== undefined) {
			this.remaining = limit.r;
			this.resetSeconds = limit.t;
			this.samples.push({ at: now, remaining: limit.r });
		}
		if (response.status === 429) {
			this.rejected++;
			this.retryAfter = Number(response.headers.get('Retry-After'));
			this.retryUntil = now + this.retryAfter * 1000;
			this.answers.push({ at: now, admitted: false });
		}
		else if (response.ok) {
			if (limit.r === undefined) {
				setStatus(this.policy.title + ': admitted without a RateLimit header, so the limiter could not reach '
					+ 'Redis and failed open.');
			}
			this.admitted++;
			this.lastWaitMs = elapsedMs;
			this.answers.push({ at: now, admitted: true });
		}
		else {
			this.errors++;
			setStatus(this.policy.title + ' answered ' + response.status);
		}
	}

	/** The state a learner cares about: free permits, or for the queue its level. */
	stateValue(remaining) {
		return this.policy.queue ? this.quota - remaining : remaining;
	}

	render(now) {
		const el = this.element;
		el.querySelector('.admitted').textContent = this.admitted;
		el.querySelector('.rejected').textContent = this.rejected;
		el.querySelector('.errors').textContent = this.errors;
		el.querySelector('.errors-text').hidden = this.errors === 0;
		el.querySelector('.policy').textContent = (this.quota === null)
			? ''
			: this.quota + ' per ' + this.windowSeconds + ' s';
		this.renderState();
		this.renderCountdown(now);
		this.renderChart(now);
	}

	renderState() {
		const el = this.element;
		const fill = el.querySelector('.gauge-fill');
		if (this.remaining === null || this.quota === null) {
			el.querySelector('.state-value').textContent = '–';
			fill.setAttribute('width', '0');
			return;
		}
		const value = this.stateValue(this.remaining);
		let text = value + ' of ' + this.quota;
		if (this.policy.queue) {
			text += (value === 0) ? ', empty' : ', empty in ' + this.resetSeconds + ' s';
			if (this.waitingInBrowser > 0) {
				text += '; ' + this.waitingInBrowser + ' waiting in the browser';
			}
			if (this.lastWaitMs !== null) {
				text += '; last one served after ' + (this.lastWaitMs / 1000).toFixed(1) + ' s';
			}
		}
		else {
			text += ', all back in ' + this.resetSeconds + ' s';
		}
		el.querySelector('.state-value').textContent = text;
		fill.setAttribute('width', String(100 * value / this.quota));
	}

	renderCountdown(now) {
		const retry = this.element.querySelector('.retry');
		const left = this.retryUntil - now;
		retry.hidden = left <= 0;
		if (left > 0) {
			retry.querySelector('.retry-after').textContent = this.retryAfter;
			retry.querySelector('.countdown').textContent = (left / 1000).toFixed(1);
		}
	}

	renderChart(now) {
		const from = now - HISTORY_MS;
		const x = (t) => (t - from) / HISTORY_MS * CHART.width;
		const parts = [];
		if (this.policy.windows && this.windowSeconds) {
			const size = this.windowSeconds * 1000;
			for (let edge = Math.ceil(from / size) * size; edge <= now; edge += size) {
				parts.push(line('edge', x(edge), 0, x(edge), CHART.height));
			}
		}
		parts.push(line('baseline', 0, CHART.baseline, CHART.width, CHART.baseline));
		parts.push(text(4, CHART.stateTop + 10, this.policy.state));
		parts.push(text(4, CHART.baseline - 4, 'admitted'));
		parts.push(text(4, CHART.baseline + 12, 'rejected'));
		for (let ago = 5; ago < HISTORY_MS / 1000; ago += 5) {
			parts.push(text(x(now - ago * 1000) + 3, CHART.stateTop + 10, '−' + ago + ' s'));
		}
		parts.push(this.stateLine(from, now, x));
		const bins = new Map();
		const binWidth = BIN_MS / HISTORY_MS * CHART.width;
		for (const answer of this.answers) {
			if (answer.at < from) {
				continue;
			}
			const bin = Math.floor(answer.at / BIN_MS);
			const stack = bins.get(bin) || { admitted: 0, rejected: 0 };
			const left = x(bin * BIN_MS) + 0.5;
			if (answer.admitted) {
				// Stacked up from the line; squeezed when a bin holds more than fits.
				const y = CHART.baseline - (++stack.admitted) * BLOCK;
				parts.push(block('admitted', left, Math.max(y, CHART.stateBottom + 2), binWidth - 1));
			}
			else {
				const y = CHART.baseline + (stack.rejected++) * BLOCK + 1;
				parts.push(block('rejected', left, Math.min(y, CHART.height - BLOCK), binWidth - 1));
			}
			bins.set(bin, stack);
		}
		this.element.querySelector('.chart').innerHTML = parts.join('');
		this.answers = this.answers.filter((answer) => answer.at >= from);
		this.samples = this.samples.filter((sample, i, all) => sample.at >= from || all[i + 1]?.at >= from);
	}

	stateLine(from, now, x) {
		if (this.samples.length === 0 || !this.quota) {
			return '';
		}
		const y = (sample) => CHART.stateBottom
			- this.stateValue(sample.remaining) / this.quota * (CHART.stateBottom - CHART.stateTop);
		const points = [];
		for (const [i, sample] of this.samples.entries()) {
			const at = Math.max(sample.at, from);
			const next = (i + 1 < this.samples.length) ? this.samples[i + 1].at : now;
			points.push(x(at).toFixed(1) + ',' + y(sample).toFixed(1), x(next).toFixed(1) + ',' + y(sample).toFixed(1));
		}
		return '<polyline class="state-line" points="' + points.join(' ') + '"></polyline>';
	}

}

/** A counting semaphore for the page's own requests. */
class Slots {

	static unlimited() {
		return new Slots(Infinity);
	}

	constructor(size) {
		this.free = size;
		this.waiting = [];
	}

	acquire() {
		if (this.free > 0) {
			this.free--;
			return Promise.resolve();
		}
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	release() {
		const next = this.waiting.shift();
		if (next) {
			next();
		}
		else {
			this.free++;
		}
	}

}

/** Parses a structured header like {@code "name";r=9;t=5} into {r: 9, t: 5}. */
function parseFields(header) {
	const fields = {};
	if (header) {
		for (const match of header.matchAll(/;\s*([a-z]+)=(\d+)/g)) {
			fields[match[1]] = Number(match[2]);
		}
	}
	return fields;
}

function line(css, x1, y1, x2, y2) {
	return '<line class="' + css + '" x1="' + x1.toFixed(1) + '" y1="' + y1 + '" x2="' + x2.toFixed(1) + '" y2="'
		+ y2 + '"></line>';
}

function block(css, x, y, width) {
	return '<rect class="mark ' + css + '" x="' + x.toFixed(1) + '" y="' + y.toFixed(1) + '" width="'
		+ Math.max(1, width).toFixed(1) + '" height="' + (BLOCK - 1) + '"></rect>';
}

function text(x, y, content) {
	return '<text x="' + x + '" y="' + y + '">' + content + '</text>';
}

function setStatus(message) {
	document.getElementById('status').textContent = message;
}

function changeInFlight(delta) {
	inFlight += delta;
	document.body.dataset.inFlight = String(inFlight);
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function all() {
	return Array.from(views.values());
}

/**
 * Sends n requests to every limiter: one limiter after the other, each one's n at once, so
 * each burst lands within a fraction of a second; {@code first} names the limiter a slow
 * burst would change most. The leaky bucket's go last: its admitted requests hold
 * connections while they wait, which would slow the other bursts down.
 */
async function burst(n, label, first) {
	const leaky = all().filter((view) => view.policy.queue);
	const others = all().filter((view) => !view.policy.queue)
		.sort((a, b) => (b.policy.name === first) - (a.policy.name === first));
	for (const view of others) {
		await Promise.all(Array.from({ length: n }, () => view.send()));
	}
	setStatus(label + ' sent; the leaky bucket serves its queue at its rate.');
	await Promise.all(leaky.flatMap((view) => Array.from({ length: n }, () => view.send())));
}

async function steady(perSecond, seconds) {
	const sent = [];
	for (let i = 0; i < perSecond * seconds; i++) {
		setStatus('Steady ' + perSecond + '/s: request ' + (i + 1) + ' of ' + perSecond * seconds);
		sent.push(...all().map((view) => view.send()));
		await sleep(1000 / perSecond);
	}
	await Promise.all(sent);
}

/**
 * 10 requests just before a calendar window edge and 10 just after. The edge comes from this
 * browser's clock; on localhost that is Redis's clock too.
 */
async function acrossEdge() {
	const windowMs = (all().find((view) => view.windowSeconds)?.windowSeconds ?? 5) * 1000;
	const lead = 800;
	let edge = Math.ceil(Date.now() / windowMs) * windowMs;
	if (edge - Date.now() < lead + 200) {
		edge += windowMs;
	}
	while (Date.now() < edge - lead) {
		setStatus('Waiting for the window edge: ' + ((edge - Date.now()) / 1000).toFixed(1) + ' s');
		await sleep(Math.min(100, edge - lead - Date.now()));
	}
	// The fixed window first: all of its 10 must land before the edge.
	const before = burst(10, 'Before the edge', 'fixed-window');
	await sleep(Math.max(0, edge + 100 - Date.now()));
	await Promise.all([before, burst(10, 'After the edge', 'fixed-window')]);
}

let running = 0;

function action(id, label, run) {
	document.getElementById(id).addEventListener('click', async () => {
		setStatus(label + '…');
		document.body.dataset.running = String(++running);
		try {
			await run();
		}
		finally {
			document.body.dataset.running = String(--running);
		}
		setStatus(label + ': done. ' + all().map((view) => view.policy.title + ' ' + view.admitted + '/'
			+ (view.admitted + view.rejected)).join(', ') + ' admitted.');
	});
}

function start() {
	const template = document.getElementById('algorithm-template');
	const main = document.getElementById('algorithms');
	for (const policy of POLICIES) {
		const element = template.content.firstElementChild.cloneNode(true);
		element.dataset.policy = policy.name;
		element.querySelector('.title').textContent = policy.title;
		element.querySelector('.explain').textContent = policy.explain;
		element.querySelector('.state-label').textContent = policy.state;
		element.querySelector('.chart').setAttribute('aria-label', policy.title + ': admitted and rejected over time');
		main.appendChild(element);
		views.set(policy.name, new AlgorithmView(policy, element));
	}
	document.getElementById('client-key').textContent = clientKey;
	document.getElementById('new-key').addEventListener('click', () => {
		clientKey = newClientKey();
		generation++;
		all().forEach((view) => view.reset());
		document.getElementById('client-key').textContent = clientKey;
		setStatus('New key: every algorithm starts afresh.');
	});
	action('one', '1 request', () => Promise.all(all().map((view) => view.send())));
	// The token bucket first: refilling a token every 0.5 s, a slow burst would change it.
	action('burst', 'Burst of 20', () => burst(20, 'Burst of 20', 'token-bucket'));
	action('steady', 'Steady 5/s for 4 s', () => steady(5, 4));
	action('edge', 'Burst across a window edge', acrossEdge);
	const render = () => all().forEach((view) => view.render(Date.now()));
	render();
	setInterval(render, 100);
}

start();
