// The operator console: signs in with Keycloak (authorization code + PKCE), then reads /console/events (server-sent
// events, read with fetch so that the token travels in a header) and draws imports, failures, an image's timeline and
// the tail of all events from them. Plain DOM, no build step; every text from an event goes in as text, never HTML.
'use strict';

const KEPT_EVENTS = 20000;
const TAIL_ROWS = 200;
const FINISHED_ROWS = 25;
const FAILURE_ROWS = 20;

const state = {
  config: null,
  tokens: null,
  lastId: null,
  seen: new Set(),
  events: [],
  tasks: new Map(), // task id -> {task, method, project, user, attempt, resumed, rates, endedAt}
  images: new Map(), // image id -> latest image snapshot
  failures: [],
  renderQueued: false,
};

const $ = (selector) => document.querySelector(selector);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// ---------------------------------------------------------------- signing in

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(48)));
}

function redirectUri() {
  return location.origin + location.pathname;
}

function endpoint(name) {
  return state.config.authority + '/protocol/openid-connect/' + name;
}

async function signIn() {
  const verifier = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const requestState = randomString();
  sessionStorage.setItem('glimpse.pkce', JSON.stringify({ verifier, state: requestState }));
  const query = new URLSearchParams({
    client_id: state.config.clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri(),
    state: requestState,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(endpoint('auth') + '?' + query);
}

async function tokenRequest(parameters) {
  const response = await fetch(endpoint('token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: state.config.clientId, ...parameters }),
  });
  if (!response.ok) throw new Error('Keycloak answered ' + response.status);
  const tokens = await response.json();
  state.tokens = tokens;
  sessionStorage.setItem('glimpse.refresh', tokens.refresh_token || '');
  sessionStorage.setItem('glimpse.id', tokens.id_token || '');
  const refreshIn = Math.max(5, (tokens.expires_in || 60) - 20) * 1000;
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => refresh().catch(() => signIn()), refreshIn);
  showUser();
}

function refresh() {
  const refreshToken = sessionStorage.getItem('glimpse.refresh');
  if (!refreshToken) return Promise.reject(new Error('no session'));
  return tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
}

async function completeSignIn(parameters) {
  const pending = JSON.parse(sessionStorage.getItem('glimpse.pkce') || '{}');
  sessionStorage.removeItem('glimpse.pkce');
  history.replaceState(null, '', location.pathname);
  if (!pending.verifier || pending.state !== parameters.get('state')) throw new Error('sign-in state mismatch');
  await tokenRequest({
    grant_type: 'authorization_code',
    code: parameters.get('code'),
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
}

function claims() {
  try {
    return JSON.parse(atob(state.tokens.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch (e) {
    return {};
  }
}

function showUser() {
  $('#user-name').textContent = 'Signed in as ' + (claims().preferred_username || 'unknown');
  $('#user').hidden = false;
}

function signOut() {
  const idToken = sessionStorage.getItem('glimpse.id');
  sessionStorage.clear();
  const query = new URLSearchParams({ client_id: state.config.clientId, post_logout_redirect_uri: redirectUri() });
  if (idToken) query.set('id_token_hint', idToken);
  location.assign(endpoint('logout') + '?' + query);
}

// ---------------------------------------------------------------- the event stream

function setConnection(stateName, text) {
  const status = $('#connection');
  status.dataset.state = stateName;
  status.textContent = text;
}

function refuse(reason) {
  $('#console').hidden = true;
  $('#refused').hidden = false;
  $('#refused-reason').textContent = reason;
  setConnection('refused', 'Not connected');
}

async function follow() {
  for (;;) {
    try {
      const headers = { Authorization: 'Bearer ' + state.tokens.access_token };
      if (state.lastId) headers['Last-Event-ID'] = state.lastId;
      const response = await fetch('events', { headers, cache: 'no-store' });
      if (response.status === 403) {
        const body = await response.json().catch(() => ({}));
        refuse(body.message || 'The operator console needs the ' + state.config.role + ' role.');
        return;
      }
      if (response.status === 401) {
        await refresh();
        continue;
      }
      if (!response.ok) throw new Error('events answered ' + response.status);
      $('#console').hidden = false;
      setConnection('live', 'Live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          received(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      // The gateway went away or the network did: reconnect and catch up from the last event seen.
    }
    setConnection('reconnecting', 'Reconnecting…');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function received(block) {
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (!data) return;
  const event = JSON.parse(data);
  if (state.seen.has(event.id)) return;
  state.seen.add(event.id);
  state.lastId = event.id;
  apply(event);
  if (!state.renderQueued) {
    state.renderQueued = true;
    requestAnimationFrame(render);
  }
}

// ---------------------------------------------------------------- what the events mean

function methodOf(task) {
  const request = (task.input || {}).import_req || {};
  return (request.method || {}).name || task.type || '';
}

function apply(event) {
  state.events.push(event);
  if (state.events.length > KEPT_EVENTS) {
    const dropped = state.events.splice(0, state.events.length - KEPT_EVENTS);
    dropped.forEach((old) => state.seen.delete(old.id));
  }
  const data = event.data || {};
  if (data.image && data.image.id) state.images.set(data.image.id, data.image);
  if (event.type === 'image.delete' && data.image) state.images.set(data.image.id, { ...data.image, status: 'deleted' });
  if (!data.task || !data.task.id) return;
  const task = data.task;
  const known = state.tasks.get(task.id) || { rates: new Map() };
  const time = Date.parse(event.time);
  for (const phase of task.progress || []) {
    const key = phase.phase + '/' + (phase.store || '');
    const before = known.rates.get(key);
    const rate = before && time > before.time ? ((phase.bytes_done - before.bytes) * 1000) / (time - before.time) : 0;
    known.rates.set(key, { time, bytes: phase.bytes_done, rate: Math.max(0, rate) });
  }
  Object.assign(known, {
    task,
    method: methodOf(task),
    project: (data.actor || {}).project_id || task.owner,
    user: (data.actor || {}).user_id || task.user_id,
    attempt: Math.max(known.attempt || 1, task.attempt || 1),
    updated: time,
  });
  if (task.status === 'success' || task.status === 'failure') known.endedAt = known.endedAt || time;
  if (event.type === 'task.failure' && !known.failureRecorded) {
    known.failureRecorded = true;
    state.failures.unshift({ task, reason: data.reason || task.message, time, resumed: known.attempt > 1 });
    state.failures.length = Math.min(state.failures.length, FAILURE_ROWS);
  }
  state.tasks.set(task.id, known);
}

// ---------------------------------------------------------------- drawing

function mebibytes(bytes) {
  return (bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0) + ' MiB';
}

function imageCell(imageId) {
  const image = state.images.get(imageId) || {};
  return element('td', {},
    element('div', {}, image.name || '(no name)'),
    element('div', { class: 'id' }, imageId || ''),
    element('span', { class: 'badge', 'data-field': 'image-status' }, image.status || 'unknown'));
}

function phasesCell(entry) {
  const cell = element('td');
  for (const phase of entry.task.progress || []) {
    const label = phase.phase + (phase.store ? ' → ' + phase.store : '');
    const total = phase.bytes_total;
    const done = phase.bytes_done;
    const rate = (entry.rates.get(phase.phase + '/' + (phase.store || '')) || {}).rate || 0;
    const isPercent = phase.phase === 'convert';
    const bar = element('progress', {
      max: total || 1,
      value: total ? Math.min(done, total) : phase.state === 'done' ? 1 : 0,
      'aria-label': label,
      'data-phase': phase.phase,
      'data-store': phase.store || '',
      'data-state': phase.state,
    });
    let words = phase.state;
    if (!isPercent && total) words += ' · ' + Math.floor((100 * done) / total) + '% of ' + mebibytes(total);
    else if (!isPercent) words += ' · ' + mebibytes(done);
    else words += ' · ' + done + '%';
    if (phase.state === 'running' && rate > 0 && !isPercent) words += ' · ' + mebibytes(rate) + '/s';
    cell.append(element('div', { class: 'phase' }, element('span', {}, label), bar, element('span', {}, words)));
  }
  return cell;
}

function who(entry) {
  return element('td', {}, element('div', {}, entry.project || ''), element('div', { class: 'id' }, entry.user || ''));
}

function methodCell(entry) {
  return element('td', {}, entry.method, entry.attempt > 1 ? ' ' : null,
    entry.attempt > 1 ? element('span', { class: 'badge resumed' }, 'resumed (attempt ' + entry.attempt + ')') : null);
}

function fill(tableId, rows) {
  const table = $('#' + tableId);
  const body = table.querySelector('tbody');
  body.replaceChildren(...rows);
  table.hidden = rows.length === 0;
  const empty = $('#' + tableId + '-empty');
  if (empty) empty.hidden = rows.length > 0;
}

function render() {
  state.renderQueued = false;
  const entries = [...state.tasks.values()].filter((entry) => entry.task.image_id);
  const running = entries.filter((entry) => !entry.endedAt).sort((a, b) => b.updated - a.updated);
  fill('in-flight', running.map((entry) => element('tr', { 'data-image-id': entry.task.image_id, 'data-task-id': entry.task.id },
    imageCell(entry.task.image_id), methodCell(entry), who(entry),
    element('td', {}, element('div', {}, entry.task.status), element('div', {}, entry.task.message || '')),
    phasesCell(entry))));
  const ended = entries.filter((entry) => entry.endedAt).sort((a, b) => b.endedAt - a.endedAt).slice(0, FINISHED_ROWS);
  fill('finished', ended.map((entry) => element('tr', { 'data-image-id': entry.task.image_id, 'data-task-id': entry.task.id },
    imageCell(entry.task.image_id), methodCell(entry), who(entry),
    element('td', {}, element('div', { class: 'outcome-' + entry.task.status, 'data-field': 'outcome' }, entry.task.status),
      element('div', { 'data-field': 'message' }, entry.task.message || '')),
    phasesCell(entry),
    element('td', {}, new Date(entry.endedAt).toISOString().replace('T', ' ').slice(0, 19)))));
  const failures = $('#failures');
  failures.replaceChildren(...state.failures.map((failure) => element('li', { 'data-image-id': failure.task.image_id },
    element('strong', {}, failure.task.image_id || failure.task.id), ' — ',
    element('span', { 'data-field': 'reason' }, failure.reason || 'no reason given'),
    failure.resumed ? element('span', { class: 'badge resumed' }, 'after a resume') : null)));
  failures.hidden = state.failures.length === 0;
  $('#failures-empty').hidden = state.failures.length > 0;
  renderTimeline();
  renderTail();
}

function summary(event) {
  const data = event.data || {};
  if (data.image) return (data.image.name || '') + ' · ' + data.image.status;
  if (data.member) return 'member ' + data.member.member_id + ' · ' + data.member.status;
  if (data.verification) return 'signature ' + data.verification.outcome + (data.verification.reason ? ': ' + data.verification.reason : '');
  if (data.task) {
    const bytes = (data.task.progress || []).map((p) => p.phase + (p.store ? '→' + p.store : '') + ' ' + p.state).join(', ');
    return data.task.status + (data.store ? ' · ' + data.store : '') + (data.reason ? ' · ' + data.reason : '') + (bytes ? ' · ' + bytes : '');
  }
  if (data.resource) return 'metadefs ' + (data.namespace || '') + (data.name && data.name !== data.namespace ? ' / ' + data.name : '');
  return typeof data === 'string' ? data : '';
}

function eventRow(event) {
  const actor = (event.data || {}).actor || {};
  return element('tr', { 'data-type': event.type },
    element('td', { class: 'id' }, event.time.replace('T', ' ').slice(0, 23)),
    element('td', {}, event.type || ''),
    element('td', { class: 'id' }, event.key || ''),
    element('td', {}, element('div', {}, actor.project_id || ''), element('div', { class: 'id' }, actor.user_id || '')),
    element('td', {}, summary(event)));
}

function renderTimeline() {
  const imageId = $('#timeline-image').value.trim();
  const list = $('#timeline');
  if (!imageId) {
    list.replaceChildren();
    return;
  }
  const events = state.events.filter((event) => event.key === imageId)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || ((a.data || {}).sequence || 0) - ((b.data || {}).sequence || 0));
  list.replaceChildren(...events.map((event) => element('li', { 'data-type': event.type },
    element('span', { class: 'id' }, event.time.replace('T', ' ').slice(0, 23)), ' ',
    element('strong', {}, event.type), ' — ', summary(event))));
}

function renderTail() {
  const filters = Object.fromEntries(new FormData($('#tail-filters')));
  const matches = (value, wanted) => !wanted || String(value || '').toLowerCase().includes(wanted.trim().toLowerCase());
  const rows = [];
  for (let i = state.events.length - 1; i >= 0 && rows.length < TAIL_ROWS; i--) {
    const event = state.events[i];
    const data = event.data || {};
    const method = data.task ? methodOf(data.task) : '';
    if (!matches((data.actor || {}).project_id, filters.project)) continue;
    if (!matches(event.key, filters.image)) continue;
    if (filters.method && !matches(method, filters.method)) continue;
    if (!matches(event.type, filters.type)) continue;
    rows.push(eventRow(event));
  }
  $('#tail tbody').replaceChildren(...rows);
}

// ---------------------------------------------------------------- start

async function start() {
  state.config = await (await fetch('config.json', { cache: 'no-store' })).json();
  $('#sign-out').addEventListener('click', signOut);
  $('#timeline-form').addEventListener('submit', (e) => { e.preventDefault(); renderTimeline(); });
  $('#tail-filters').addEventListener('input', renderTail);
  const parameters = new URLSearchParams(location.search);
  try {
    if (parameters.has('code')) await completeSignIn(parameters);
    else if (parameters.has('error')) throw new Error(parameters.get('error_description') || parameters.get('error'));
    else await refresh();
  } catch (e) {
    if (parameters.has('error')) {
      refuse('Sign-in failed: ' + e.message);
      return;
    }
    await signIn();
    return;
  }
  setConnection('connecting', 'Connecting…');
  follow();
}

start();
