// The live page of security/jwt: drives the module's own API and draws what it answers.
// Every value from the server reaches the page through textContent, never innerHTML.
(() => {
	'use strict';

	const state = { access: null, refresh: null, previousRefresh: null, expiresAt: 0 };
	const $ = (id) => document.getElementById(id);

	function base64UrlDecode(part) {
		const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
		const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - base64.length % 4) % 4)), (c) => c.charCodeAt(0));
		return new TextDecoder().decode(bytes);
	}

	function base64UrlEncode(text) {
		const bytes = new TextEncoder().encode(text);
		return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}

	function busy(delta) {
		const body = document.body;
		body.dataset.busy = String(Number(body.dataset.busy) + delta);
	}

	function logExchange(method, path, status, note) {
		const item = document.createElement('li');
		item.className = 'status-' + String(status).charAt(0);
		item.dataset.status = String(status);
		item.textContent = method + ' ' + path + ' -> ' + status + (note ? '  ' + note : '');
		$('exchanges').prepend(item);
	}

	async function call(method, path, { token, body, note } = {}) {
		busy(1);
		try {
			const headers = { Accept: 'application/json' };
			if (token) {
				headers.Authorization = 'Bearer ' + token;
			}
			if (body !== undefined) {
				headers['Content-Type'] = 'application/json';
			}
			const response = await fetch(path, {
				method, headers, body: body === undefined ? undefined : JSON.stringify(body)
			});
			const text = await response.text();
			const json = text ? JSON.parse(text) : null;
			const detail = json && response.status >= 400 ? (json.detail || json.title) : null;
			logExchange(method, path, response.status, note || detail);
			return { status: response.status, json };
		}
		finally {
			busy(-1);
		}
	}

	function showToken(token) {
		const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(base64UrlDecode(part)));
		const rows = $('claims').querySelector('tbody');
		rows.replaceChildren();
		const add = (part, claim, value) => {
			const row = document.createElement('tr');
			for (const text of [part, claim, typeof value === 'string' ? value : JSON.stringify(value)]) {
				const cell = document.createElement('td');
				cell.textContent = text;
				row.append(cell);
			}
			row.dataset.claim = claim;
			rows.append(row);
		};
		for (const [claim, value] of Object.entries(header)) {
			add('header', claim, value);
		}
		for (const [claim, value] of Object.entries(payload)) {
			add('payload', claim, (claim === 'iat' || claim === 'exp') ? new Date(value * 1000).toISOString() : value);
		}
		state.expiresAt = payload.exp * 1000;
	}

	function tokens(pair) {
		state.previousRefresh = state.refresh;
		state.access = pair.accessToken;
		state.refresh = pair.refreshToken;
		showToken(state.access);
		for (const id of ['me', 'admin', 'refresh', 'forge', 'add-note']) {
			$(id).disabled = false;
		}
		$('replay').disabled = state.previousRefresh === null;
	}

	async function registerAndLogIn(event) {
		event.preventDefault();
		const username = $('username').value;
		const password = $('password').value;
		await call('POST', '/auth/register', { body: { username, password, displayName: username } });
		const login = await call('POST', '/auth/login', { body: { username, password } });
		if (login.status === 200) {
			state.refresh = null;
			tokens(login.json);
			await listNotes();
		}
	}

	async function refresh() {
		const answer = await call('POST', '/auth/refresh', { body: { refreshToken: state.refresh } });
		if (answer.status === 200) {
			tokens(answer.json);
		}
	}

	async function replay() {
		await call('POST', '/auth/refresh', {
			body: { refreshToken: state.previousRefresh }, note: 'reuse detected: the whole family is revoked'
		});
		await call('POST', '/auth/refresh', {
			body: { refreshToken: state.refresh }, note: 'the current refresh token died with its family'
		});
	}

	async function forge() {
		const payload = JSON.parse(base64UrlDecode(state.access.split('.')[1]));
		payload.roles = ['ADMIN', 'USER'];
		const forged = base64UrlEncode(JSON.stringify({ alg: 'none', typ: 'at+jwt' })) + '.'
			+ base64UrlEncode(JSON.stringify(payload)) + '.';
		await call('GET', '/admin/users', { token: forged, note: 'forged alg: none' });
	}

	async function listNotes() {
		const answer = await call('GET', '/notes', { token: state.access });
		const list = $('note-list');
		list.replaceChildren();
		if (answer.status === 200) {
			for (const note of answer.json) {
				const item = document.createElement('li');
				item.textContent = note.title + ' — ' + note.body;
				list.append(item);
			}
		}
	}

	async function addNote(event) {
		event.preventDefault();
		await call('POST', '/notes', {
			token: state.access, body: { title: $('note-title').value, body: $('note-body').value }
		});
		await listNotes();
	}

	function tick() {
		$('expires').textContent = state.expiresAt
			? Math.max(0, Math.round((state.expiresAt - Date.now()) / 1000)) + ' s' : '—';
	}

	$('username').value = 'alice' + Math.random().toString(16).slice(2, 8);
	$('password').value = 'correct horse battery staple';
	$('login-form').addEventListener('submit', registerAndLogIn);
	$('note-form').addEventListener('submit', addNote);
	$('me').addEventListener('click', () => call('GET', '/me', { token: state.access }));
	$('admin').addEventListener('click', () => call('GET', '/admin/users', { token: state.access }));
	$('anonymous').addEventListener('click', () => call('GET', '/me'));
	$('refresh').addEventListener('click', refresh);
	$('replay').addEventListener('click', replay);
	$('forge').addEventListener('click', forge);
	setInterval(tick, 1000);
	document.body.dataset.ready = 'true';
})();
