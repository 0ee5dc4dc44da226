// mns-local console: plain browser JavaScript, no framework, no network beyond this server's own API.
// Everything shown is built with textContent (never innerHTML), so a message body cannot inject markup.

const API = '/__mns-local/console/api';
const POLL_MS = 1000;
const SIM_POLL_MS = 400;

const state = {
  info: undefined,
  queues: [],
  queuesJson: '',
  selected: undefined,
  view: 'welcome',
  tab: 'messages',
  messagesJson: '',
  messages: undefined,
  selectedMessage: undefined,
  detail: undefined,
  detailView: 'decoded',
  paused: false,
  simulation: undefined,
  busy: false,
};

// --- tiny render helper ---------------------------------------------------------------------------------

/** Creates an element: `h('div', { class: 'x', onclick: fn }, 'text', child, [more])`. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false || value === null) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    // CSSOM, not the style attribute: the page's CSP allows no inline style attributes.
    else if (key === 'style') el.style.cssText = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const $ = (id) => document.getElementById(id);

// --- API ------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(API + path, init);
  const text = await res.text();
  let doc;
  try {
    doc = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(res.status, 'BadResponse', `The server answered ${res.status} with a non-JSON body.`);
  }
  if (!res.ok) {
    const e = doc.error ?? {};
    throw new ApiError(res.status, e.code ?? 'Error', e.message ?? `HTTP ${res.status}`);
  }
  return doc;
}

const q = (name) => `/queues/${encodeURIComponent(name)}`;

// --- formatting -----------------------------------------------------------------------------------------

function time(ms) {
  if (typeof ms !== 'number' || ms <= 0) return '—';
  const d = new Date(ms);
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

function ago(ms) {
  if (typeof ms !== 'number' || ms <= 0) return '—';
  const s = Math.round((Date.now() - ms) / 1000);
  if (s < 1) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return time(ms);
}

function seconds(n) {
  if (n >= 86400 && n % 86400 === 0) return `${n / 86400} d`;
  if (n >= 3600 && n % 3600 === 0) return `${n / 3600} h`;
  if (n >= 60 && n % 60 === 0) return `${n / 60} min`;
  return `${n} s`;
}

function bytes(n) {
  return n >= 1024 ? `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB` : `${n} B`;
}

let toastTimer;
function toast(text, isError = false) {
  const el = $('toast');
  el.textContent = text;
  el.className = `toast show${isError ? ' error' : ''}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.className = 'toast';
  }, 3500);
}

function fail(error) {
  toast(error instanceof ApiError ? `${error.code}: ${error.message}` : String(error.message ?? error), true);
}

function chips(attrs) {
  return [
    h(
      'span',
      { class: 'chip chip-active', title: 'Active: receivable now' },
      h('b', {}, attrs.activeMessages),
      ' active',
    ),
    h(
      'span',
      {
        class: 'chip chip-inactive',
        title: 'Inactive: received, invisible until the visibility timeout ends',
      },
      h('b', {}, attrs.inactiveMessages),
      ' inactive',
    ),
    h(
      'span',
      { class: 'chip chip-delayed', title: 'Delayed: sent with a delay' },
      h('b', {}, attrs.delayMessages),
      ' delayed',
    ),
  ];
}

function statusPill(status) {
  if (status === 'success') return h('span', { class: 'pill pill-success' }, 'success');
  if (status === 'failure') return h('span', { class: 'pill pill-failure' }, 'failure');
  return h('span', { class: 'pill pill-neutral' }, 'no status');
}

/** A two-step button: the first click arms it, the second (within 4 s) runs `action`. */
function confirmButton(label, confirmLabel, testid, action) {
  let armed;
  const button = h('button', {
    type: 'button',
    class: 'btn btn-danger',
    'data-testid': testid,
    onclick: async () => {
      if (armed === undefined) {
        button.textContent = confirmLabel;
        button.classList.add('armed');
        armed = setTimeout(() => {
          armed = undefined;
          button.textContent = label;
          button.classList.remove('armed');
        }, 4000);
        return;
      }
      clearTimeout(armed);
      armed = undefined;
      button.textContent = label;
      button.classList.remove('armed');
      await action();
    },
  });
  button.textContent = label;
  return button;
}

// --- header and queue list ------------------------------------------------------------------------------

function renderServerInfo() {
  const i = state.info;
  $('server-info').replaceChildren(
    h('span', {}, 'endpoint ', h('code', { 'data-testid': 'endpoint' }, i.endpoint)),
    h('span', {}, 'region ', h('b', {}, i.region)),
    h('span', {}, 'account ', h('b', {}, i.accountId)),
    h('span', {}, 'auth ', h('b', {}, i.auth ? 'signed requests' : 'off')),
    h('span', {}, 'storage ', h('b', {}, i.storage === 'sqlite' ? 'SQLite' : 'in memory')),
  );
}

function renderQueueList() {
  $('queue-count').textContent = String(state.queues.length);
  const list = $('queue-list');
  if (state.queues.length === 0) {
    list.replaceChildren(
      h('li', { class: 'empty-note' }, 'No queues yet. Create one above, or simulate a VOD upload.'),
    );
    return;
  }
  list.replaceChildren(
    ...state.queues.map((attrs) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `queue-item${state.view === 'queue' && state.selected === attrs.name ? ' selected' : ''}`,
            'data-testid': 'queue-item',
            'data-queue': attrs.name,
            onclick: () => openQueue(attrs.name),
          },
          h('div', { class: 'queue-name' }, attrs.name),
          h('div', { class: 'queue-counts' }, chips(attrs)),
        ),
      ),
    ),
  );
}

// --- views ----------------------------------------------------------------------------------------------

function renderWelcome() {
  $('main').replaceChildren(
    h(
      'div',
      { class: 'welcome' },
      h('h1', {}, 'Look inside mns-local'),
      h(
        'p',
        {},
        'Pick a queue to peek at its messages — decoded as VOD events, without changing their visibility or ' +
          'DequeueCount — send messages and sample events, or play a VOD upload into a region’s queue.',
      ),
    ),
  );
}

function openQueue(name) {
  state.view = 'queue';
  state.selected = name;
  state.selectedMessage = undefined;
  state.detail = undefined;
  state.messagesJson = '';
  state.messages = undefined;
  renderQueueList();
  renderQueueView();
  void refresh();
}

function renderQueueView() {
  const name = state.selected;
  const tabs = [
    ['messages', 'Messages'],
    ['send', 'Send'],
  ];
  $('main').replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'queue-title', 'data-testid': 'queue-title' }, name),
      h('div', { class: 'head-counts', id: 'head-counts', 'data-testid': 'queue-counts' }),
      h('div', { class: 'spacer' }),
      confirmButton('Purge', 'Click again to purge', 'purge-queue', async () => {
        try {
          const r = await api('POST', `${q(name)}/purge`);
          toast(`Purged ${r.purged} message${r.purged === 1 ? '' : 's'} from ${name}`);
          state.selectedMessage = undefined;
          state.detail = undefined;
          await refresh();
        } catch (e) {
          fail(e);
        }
      }),
      confirmButton('Delete queue', 'Click again to delete', 'delete-queue', async () => {
        try {
          await api('DELETE', q(name));
          toast(`Deleted queue ${name}`);
          state.view = 'welcome';
          state.selected = undefined;
          renderWelcome();
          await refresh();
        } catch (e) {
          fail(e);
        }
      }),
    ),
    h(
      'section',
      { class: 'card' },
      h('div', { class: 'card-head' }, 'Attributes'),
      h(
        'div',
        { class: 'card-body' },
        h('div', { class: 'attrs', id: 'queue-attrs', 'data-testid': 'queue-attrs' }),
      ),
    ),
    h(
      'nav',
      { class: 'tabs' },
      tabs.map(([id, label]) =>
        h(
          'button',
          {
            type: 'button',
            class: `tab${state.tab === id ? ' selected' : ''}`,
            'data-testid': `tab-${id}`,
            onclick: () => {
              state.tab = id;
              renderQueueView();
              void refresh();
            },
          },
          label,
        ),
      ),
    ),
    state.tab === 'messages' ? messagesSkeleton() : sendPanel(name),
  );
  renderQueueAttributes();
  renderMessages();
}

function renderQueueAttributes() {
  const attrs = state.queues.find((x) => x.name === state.selected);
  const box = $('queue-attrs');
  const counts = $('head-counts');
  if (box === null || counts === null) return;
  if (attrs === undefined) {
    box.replaceChildren(h('div', { class: 'muted' }, 'This queue no longer exists.'));
    counts.replaceChildren();
    return;
  }
  counts.replaceChildren(...chips(attrs));
  const item = (label, value) =>
    h('div', {}, h('div', { class: 'attr-name' }, label), h('div', { class: 'attr-value' }, value));
  box.replaceChildren(
    item('Visibility timeout', seconds(attrs.visibilityTimeout)),
    item('Delay', seconds(attrs.delaySeconds)),
    item('Retention', seconds(attrs.messageRetentionPeriod)),
    item('Polling wait', seconds(attrs.pollingWaitSeconds)),
    item('Max message size', bytes(attrs.maximumMessageSize)),
    item('Logging', attrs.loggingEnabled ? 'on' : 'off'),
    item('Created', time(attrs.createTime * 1000)),
    item('Modified', time(attrs.lastModifyTime * 1000)),
  );
}

function messagesSkeleton() {
  return h(
    'div',
    { class: 'split' },
    h(
      'section',
      { class: 'card' },
      h(
        'div',
        { class: 'card-head' },
        'Messages',
        h('span', { class: 'hint', id: 'messages-hint' }, 'peeked — visibility and DequeueCount unchanged'),
      ),
      h('div', { class: 'table-wrap', id: 'message-list', 'data-testid': 'message-list' }),
    ),
    h('section', { class: 'card', id: 'message-detail', 'data-testid': 'message-detail' }),
  );
}

function eventCell(decoded) {
  if (decoded.kind === 'vod-event') {
    return [
      h('span', { class: 'event-type' }, decoded.eventType),
      decoded.known ? undefined : [' ', h('span', { class: 'pill pill-neutral' }, 'unknown type')],
      decoded.encoding === 'base64' ? [' ', h('span', { class: 'pill pill-neutral' }, 'base64')] : undefined,
    ];
  }
  if (decoded.kind === 'dead-letter') {
    const inner = decoded.original;
    return [
      h('span', { class: 'pill pill-dlq' }, 'dead letter'),
      ' ',
      h(
        'span',
        { class: 'event-type' },
        inner.kind === 'vod-event' ? inner.eventType : (inner.eventType ?? 'invalid body'),
      ),
    ];
  }
  return [
    h('span', { class: 'pill pill-invalid' }, 'not a VOD event'),
    ' ',
    h('span', { class: 'small muted' }, decoded.code),
  ];
}

function renderMessages() {
  const list = $('message-list');
  if (list === null) return;
  const data = state.messages;
  if (data === undefined) {
    list.replaceChildren(h('div', { class: 'empty-note' }, 'Loading…'));
    return;
  }
  $('messages-hint').textContent =
    data.total > data.messages.length
      ? `peeked ${data.messages.length} of ${data.total} — visibility and DequeueCount unchanged`
      : 'peeked — visibility and DequeueCount unchanged';
  if (data.messages.length === 0) {
    list.replaceChildren(
      h('div', { class: 'empty-note', 'data-testid': 'no-messages' }, 'No messages in this queue.'),
    );
  } else {
    list.replaceChildren(
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'State'),
            h('th', {}, 'Event'),
            h('th', {}, 'Media id'),
            h('th', {}, 'Status'),
            h('th', {}, 'Deq.'),
            h('th', {}, 'Enqueued'),
          ),
        ),
        h(
          'tbody',
          {},
          data.messages.map((m) => {
            const d = m.decoded.kind === 'dead-letter' ? m.decoded.original : m.decoded;
            return h(
              'tr',
              {
                class: `row${state.selectedMessage === m.id ? ' selected' : ''}`,
                'data-testid': 'message-row',
                'data-message-id': m.id,
                onclick: () => selectMessage(m.id),
              },
              h('td', {}, h('span', { class: `chip chip-${m.state}` }, m.state)),
              h('td', {}, eventCell(m.decoded)),
              h('td', { class: 'mono ellipsis' }, d.kind === 'vod-event' ? (d.mediaId ?? '—') : '—'),
              h('td', {}, d.kind === 'vod-event' ? statusPill(d.status) : '—'),
              h('td', { class: 'mono', 'data-testid': 'dequeue-count' }, m.dequeueCount),
              h('td', { class: 'small muted', title: time(m.enqueueTime) }, ago(m.enqueueTime)),
            );
          }),
        ),
      ),
    );
  }
  renderDetail();
}

async function selectMessage(id) {
  state.selectedMessage = id;
  renderMessages();
  await loadDetail();
}

async function loadDetail() {
  const id = state.selectedMessage;
  if (id === undefined || state.selected === undefined) return;
  try {
    const detail = await api('GET', `${q(state.selected)}/messages/${encodeURIComponent(id)}`);
    if (state.selectedMessage === id) state.detail = detail;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      state.selectedMessage = undefined;
      state.detail = undefined;
    } else fail(e);
  }
  renderDetail();
}

function fieldList(view) {
  const rows = [
    ['EventType', view.eventType],
    ['Media id', view.mediaId ?? '—'],
    ['EventTime', view.eventTime ?? '—'],
    view.error === undefined ? undefined : ['Error', view.error],
    ...view.fields.map((f) => [f.name, f.value]),
  ].filter((r) => r !== undefined);
  return h(
    'dl',
    { class: 'kv', 'data-testid': 'event-fields' },
    rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function issueList(view) {
  return [
    h(
      'div',
      { class: 'detail-title' },
      h('span', { class: 'pill pill-invalid' }, 'not a valid VOD event'),
      h('span', { class: 'mono small', 'data-testid': 'issue-code' }, view.code),
      view.eventType === undefined
        ? undefined
        : h('span', { class: 'small muted' }, `EventType ${view.eventType}`),
    ),
    h(
      'ul',
      { class: 'issues', 'data-testid': 'issues' },
      view.issues.map((i) =>
        h('li', {}, i.path === '' ? undefined : [h('code', {}, i.path), ' '], i.message),
      ),
      view.moreIssues > 0 ? h('li', { class: 'muted' }, `…and ${view.moreIssues} more`) : undefined,
    ),
  ];
}

function decodedBlock(view) {
  if (view.kind === 'invalid') return issueList(view);
  return [
    h(
      'div',
      { class: 'detail-title' },
      h('span', { class: 'event-type', 'data-testid': 'event-type' }, view.eventType),
      statusPill(view.status),
      view.known
        ? h('span', { class: 'pill pill-neutral' }, 'schema valid')
        : h('span', { class: 'pill pill-neutral' }, 'unknown type: fields kept'),
    ),
    fieldList(view),
  ];
}

function renderDetail() {
  const box = $('message-detail');
  if (box === null) return;
  const d = state.detail;
  if (state.selectedMessage === undefined || d === undefined || d.id !== state.selectedMessage) {
    box.replaceChildren(
      h('div', { class: 'card-head' }, 'Message'),
      h(
        'div',
        { class: 'card-body muted' },
        state.selectedMessage === undefined ? 'Select a message to decode it.' : 'Loading…',
      ),
    );
    return;
  }
  const views = [
    ['decoded', 'Decoded'],
    ['raw', 'Raw'],
    ['base64', 'Base64'],
    d.json === undefined ? undefined : ['json', 'JSON'],
  ].filter((v) => v !== undefined);
  if (!views.some(([id]) => id === state.detailView)) state.detailView = 'decoded';
  let body;
  if (state.detailView === 'raw') body = h('pre', { class: 'code', 'data-testid': 'raw-view' }, d.raw);
  else if (state.detailView === 'base64') {
    body = [
      h('div', { class: 'note' }, 'Base64 of the body’s UTF-8 bytes (how base64-encoding clients send it)'),
      h('pre', { class: 'code', 'data-testid': 'base64-view' }, d.base64),
      d.base64Decoded === undefined
        ? undefined
        : [
            h('div', { class: 'note' }, 'The body is base64; decoded:'),
            h('pre', { class: 'code' }, d.base64Decoded),
          ],
    ];
  } else if (state.detailView === 'json')
    body = h('pre', { class: 'code', 'data-testid': 'json-view' }, d.json);
  else if (d.decoded.kind === 'dead-letter') {
    const e = d.decoded;
    body = [
      h(
        'div',
        { class: 'detail-title' },
        h('span', { class: 'pill pill-dlq', 'data-testid': 'dead-letter' }, 'vodmns dead letter'),
        h('span', { class: 'small muted' }, `reason ${e.reason}`),
      ),
      h(
        'dl',
        { class: 'kv', 'data-testid': 'dead-letter-fields' },
        [
          ['Source queue', e.sourceQueue],
          ['Reason', e.reason],
          ['Error', e.error],
          ['Original message', e.originalMessageId],
          ['Deliveries', String(e.originalDequeueCount)],
          ['Dead-lettered', e.deadLetteredAt ?? '—'],
        ].map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
      h('div', { class: 'nested' }, h('div', { class: 'note' }, 'Original body'), decodedBlock(e.original)),
    ];
  } else body = decodedBlock(d.decoded);
  box.replaceChildren(
    h(
      'div',
      { class: 'card-head' },
      'Message ',
      h('span', { class: 'mono small muted', 'data-testid': 'detail-id' }, d.id),
    ),
    h(
      'div',
      { class: 'card-body' },
      h(
        'dl',
        { class: 'kv' },
        h('dt', {}, 'State'),
        h('dd', {}, d.state),
        h('dt', {}, 'DequeueCount'),
        h('dd', { 'data-testid': 'detail-dequeue-count' }, String(d.dequeueCount)),
        h('dt', {}, 'Priority'),
        h('dd', {}, String(d.priority)),
        h('dt', {}, 'Size'),
        h('dd', {}, bytes(d.size)),
        h('dt', {}, 'Body MD5'),
        h('dd', {}, d.bodyMd5),
      ),
    ),
    h(
      'nav',
      { class: 'tabs' },
      views.map(([id, label]) =>
        h(
          'button',
          {
            type: 'button',
            class: `tab${state.detailView === id ? ' selected' : ''}`,
            'data-testid': `view-${id}`,
            onclick: () => {
              state.detailView = id;
              renderDetail();
            },
          },
          label,
        ),
      ),
    ),
    h('div', { class: 'card-body' }, body),
  );
}

function sendPanel(name) {
  const types = state.info?.eventTypes ?? [];
  const sample = h(
    'form',
    {
      class: 'card-body',
      'data-testid': 'sample-form',
      onsubmit: async (ev) => {
        ev.preventDefault();
        const f = new FormData(ev.target);
        const body = { eventType: f.get('eventType'), outcome: f.get('outcome') };
        const seed = String(f.get('seed') ?? '').trim();
        if (seed !== '') body.seed = Number(seed);
        try {
          const r = await api('POST', `${q(name)}/samples`, body);
          toast(`Sent a sample ${r.eventType} (seed ${r.seed}) to ${name}`);
          await refresh();
        } catch (e) {
          fail(e);
        }
      },
    },
    h(
      'div',
      { class: 'form-grid' },
      h(
        'label',
        {},
        'Event type',
        h(
          'select',
          { name: 'eventType', 'data-testid': 'sample-type' },
          types.map((t) => h('option', { value: t }, t)),
        ),
      ),
      h(
        'label',
        {},
        'Outcome',
        h(
          'select',
          { name: 'outcome', 'data-testid': 'sample-outcome' },
          h('option', { value: 'success' }, 'success'),
          h('option', { value: 'failure' }, 'failure'),
        ),
      ),
      h(
        'label',
        {},
        'Seed (optional)',
        h('input', { name: 'seed', type: 'number', min: 0, placeholder: 'random' }),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'submit', class: 'btn btn-primary', 'data-testid': 'send-sample' },
        'Send sample event',
      ),
      h('span', { class: 'note' }, 'Built by @vodmns/core’s event factories, exactly as VOD sends it.'),
    ),
  );
  const raw = h(
    'form',
    {
      class: 'card-body',
      'data-testid': 'send-form',
      onsubmit: async (ev) => {
        ev.preventDefault();
        const f = new FormData(ev.target);
        const body = { body: String(f.get('body') ?? '') };
        const delay = String(f.get('delaySeconds') ?? '').trim();
        const priority = String(f.get('priority') ?? '').trim();
        if (delay !== '') body.delaySeconds = Number(delay);
        if (priority !== '') body.priority = Number(priority);
        try {
          const r = await api('POST', `${q(name)}/messages`, body);
          toast(`Sent message ${r.messageId}`);
          await refresh();
        } catch (e) {
          fail(e);
        }
      },
    },
    h(
      'div',
      { class: 'field' },
      'Body',
      h('textarea', {
        name: 'body',
        rows: 8,
        'data-testid': 'send-body',
        placeholder: '{"EventType":"FileUploadComplete", …}',
      }),
    ),
    h(
      'div',
      { class: 'form-grid' },
      h(
        'label',
        {},
        'Delay (s)',
        h('input', {
          name: 'delaySeconds',
          type: 'number',
          min: 0,
          max: 604800,
          placeholder: 'queue default',
        }),
      ),
      h(
        'label',
        {},
        'Priority (1–16)',
        h('input', { name: 'priority', type: 'number', min: 1, max: 16, placeholder: '8' }),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'submit', class: 'btn btn-primary', 'data-testid': 'send-message' },
        'Send message',
      ),
    ),
  );
  return h(
    'div',
    {},
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, 'Sample VOD event'), sample),
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, 'Raw message'), raw),
  );
}

// --- simulate -------------------------------------------------------------------------------------------

function openSimulate() {
  state.view = 'simulate';
  renderQueueList();
  const regions = state.info?.storageRegions ?? [];
  const outcomes = state.info?.outcomes ?? ['success'];
  const form = h(
    'form',
    {
      class: 'card-body',
      'data-testid': 'simulate-form',
      onsubmit: async (ev) => {
        ev.preventDefault();
        const f = new FormData(ev.target);
        const body = {
          storageRegion: f.get('storageRegion'),
          outcome: f.get('outcome'),
          uploads: Number(f.get('uploads')),
          paceMs: Number(f.get('paceMs')),
          seed: Number(f.get('seed')),
        };
        const queueName = String(f.get('queueName') ?? '').trim();
        if (queueName !== '') body.queueName = queueName;
        try {
          state.simulation = await api('POST', '/simulations', body);
          renderSimulation();
          void pollSimulation(state.simulation.id);
          await refresh();
        } catch (e) {
          fail(e);
        }
      },
    },
    h(
      'div',
      { class: 'form-grid' },
      h(
        'label',
        {},
        'Storage region',
        h(
          'select',
          { name: 'storageRegion', 'data-testid': 'sim-region' },
          regions.map((r) =>
            h('option', { value: r.id, selected: r.id === 'cn-beijing' }, `${r.id} — ${r.name}`),
          ),
        ),
      ),
      h(
        'label',
        {},
        'Outcome',
        h(
          'select',
          { name: 'outcome', 'data-testid': 'sim-outcome' },
          outcomes.map((o) => h('option', { value: o }, o)),
        ),
      ),
      h(
        'label',
        {},
        'Uploads (1–10)',
        h('input', { name: 'uploads', type: 'number', min: 1, max: 10, value: 1 }),
      ),
      h(
        'label',
        {},
        'Pace between events (ms)',
        h('input', {
          name: 'paceMs',
          type: 'number',
          min: 0,
          max: 5000,
          value: 400,
          'data-testid': 'sim-pace',
        }),
      ),
      h('label', {}, 'Seed', h('input', { name: 'seed', type: 'number', min: 0, value: 1 })),
      h(
        'label',
        {},
        'Queue (optional)',
        h('input', { name: 'queueName', placeholder: 'routed: vod-events-<region>' }),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn btn-accent', 'data-testid': 'sim-play' }, '▶ Play upload'),
      h(
        'span',
        { class: 'note' },
        'Routing and scenario from @vodmns/core; delivered with VOD’s policy (3 attempts, then discarded).',
      ),
    ),
  );
  $('main').replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Simulate a VOD upload')),
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, 'Scenario'), form),
    h('section', { class: 'card', id: 'simulation', 'data-testid': 'simulation' }),
  );
  renderSimulation();
}

function renderSimulation() {
  const box = $('simulation');
  if (box === null) return;
  const s = state.simulation;
  if (s === undefined) {
    box.replaceChildren(
      h('div', { class: 'card-head' }, 'Deliveries'),
      h('div', { class: 'card-body muted' }, 'Nothing played yet.'),
    );
    return;
  }
  const done = s.deliveries.filter((d) => d.outcome !== 'pending').length;
  const outcomePill = (o) =>
    h(
      'span',
      {
        class: `pill ${o === 'delivered' ? 'pill-success' : o === 'discarded' ? 'pill-failure' : 'pill-pending'}`,
      },
      o,
    );
  box.replaceChildren(
    h(
      'div',
      { class: 'card-head' },
      'Deliveries',
      h('span', { class: 'hint', 'data-testid': 'sim-progress' }, `${done} of ${s.total} · ${s.state}`),
    ),
    h(
      'div',
      { class: 'card-body' },
      h(
        'div',
        { class: 'route', 'data-testid': 'sim-route' },
        h('span', {}, 'storage ', h('b', {}, s.storageRegion)),
        h('span', { class: 'arrow' }, '→'),
        h('span', {}, 'queue region ', h('b', {}, s.queueRegion)),
        h('span', { class: 'arrow' }, '→'),
        h(
          'button',
          { type: 'button', class: 'btn btn-small', onclick: () => openQueue(s.queueName) },
          s.queueName,
        ),
      ),
      h('div', { class: 'note' }, s.reason),
      h(
        'div',
        { class: 'progress' },
        h('div', { class: 'progress-bar', style: `width:${s.total === 0 ? 0 : (100 * done) / s.total}%` }),
      ),
    ),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, '#'),
          h('th', {}, 'Event'),
          h('th', {}, 'Media id'),
          h('th', {}, 'Outcome'),
          h('th', {}, 'Attempts'),
          h('th', {}, 'Last error'),
        ),
      ),
      h(
        'tbody',
        {},
        s.deliveries.map((d) =>
          h(
            'tr',
            { 'data-testid': 'sim-delivery', 'data-outcome': d.outcome },
            h('td', { class: 'mono' }, d.index + 1),
            h('td', { class: 'event-type' }, d.eventType),
            h('td', { class: 'mono ellipsis' }, d.mediaId ?? '—'),
            h('td', {}, outcomePill(d.outcome)),
            h('td', { class: 'mono' }, d.attempts),
            h('td', { class: 'small muted' }, d.lastError ?? ''),
          ),
        ),
      ),
    ),
  );
}

async function pollSimulation(id) {
  while (state.simulation?.id === id && state.simulation.state === 'running') {
    await new Promise((r) => setTimeout(r, SIM_POLL_MS));
    try {
      state.simulation = await api('GET', `/simulations/${encodeURIComponent(id)}`);
    } catch (e) {
      fail(e);
      return;
    }
    if (state.view === 'simulate') renderSimulation();
  }
}

// --- live refresh ---------------------------------------------------------------------------------------

function setLive(kind, text) {
  $('live-dot').className = `dot ${kind}`;
  $('live-text').textContent = text;
}

async function refresh() {
  try {
    const { queues } = await api('GET', '/queues');
    const json = JSON.stringify(queues);
    state.queues = queues;
    if (json !== state.queuesJson) {
      state.queuesJson = json;
      renderQueueList();
      if (state.view === 'queue') renderQueueAttributes();
    }
    if (state.view === 'queue' && state.tab === 'messages' && queues.some((x) => x.name === state.selected)) {
      const data = await api('GET', `${q(state.selected)}/messages?limit=100`);
      const mjson = JSON.stringify(data);
      if (mjson !== state.messagesJson) {
        state.messagesJson = mjson;
        state.messages = data;
        if (
          state.selectedMessage !== undefined &&
          !data.messages.some((m) => m.id === state.selectedMessage)
        ) {
          state.selectedMessage = undefined;
          state.detail = undefined;
        }
        renderMessages();
        if (state.selectedMessage !== undefined) await loadDetail();
      }
    } else if (state.view === 'queue' && state.tab === 'messages') {
      state.messages = { total: 0, messages: [] };
      renderMessages();
    }
    setLive(state.paused ? '' : 'on', state.paused ? 'paused' : `live · ${new Date().toLocaleTimeString()}`);
  } catch (e) {
    setLive('error', e instanceof ApiError ? `${e.code}` : 'server unreachable');
  }
}

async function loop() {
  for (;;) {
    if (!state.paused) await refresh();
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

// --- start ----------------------------------------------------------------------------------------------

async function start() {
  $('pause').addEventListener('click', () => {
    state.paused = !state.paused;
    $('pause').textContent = state.paused ? 'Resume' : 'Pause';
    setLive(state.paused ? '' : 'on', state.paused ? 'paused' : 'live');
  });
  $('nav-simulate').addEventListener('click', openSimulate);
  $('create-queue').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const name = String(f.get('name') ?? '').trim();
    const attributes = {};
    for (const key of [
      'visibilityTimeout',
      'delaySeconds',
      'messageRetentionPeriod',
      'pollingWaitSeconds',
      'maximumMessageSize',
    ]) {
      const v = String(f.get(key) ?? '').trim();
      if (v !== '') attributes[key] = Number(v);
    }
    try {
      const r = await api('POST', '/queues', { name, attributes });
      toast(r.result === 'created' ? `Created queue ${name}` : `Queue ${name} already exists`);
      ev.target.reset();
      await refresh();
      openQueue(name);
    } catch (e) {
      fail(e);
    }
  });
  try {
    state.info = await api('GET', '/info');
  } catch (e) {
    setLive('error', 'server unreachable');
    fail(e);
    return;
  }
  renderServerInfo();
  renderWelcome();
  document.body.setAttribute('data-ready', 'true');
  void loop();
}

void start();
