// Precinct's operator console: plain JavaScript, no build step, no library. It calls only the edge's existing routes
// (/admin/projections, /admin/dead-letters, /api/v1/commands) with the operator's token, and builds every piece of
// the page with textContent, never innerHTML, since dead letters carry whatever a client or a broken producer sent.
'use strict';

(() => {
  const ADMIN_TOKEN = 'precinct.console.adminToken';
  const READER_TOKEN = 'precinct.console.readerToken';
  const POLL_MS = 2000;

  const byId = (id) => document.getElementById(id);
  let pollTimer = null;
  let refreshing = false;
  // What the last refresh showed, so that the polling announces changes rather than every refresh.
  let knownDeadLetters = null;
  const knownPhases = new Map();
  // Changes one refresh noticed, shown (and read out) together so that none overwrites another.
  let notices = [];
  // Event positions learned from re-drives in this tab: GET /api/v1/commands does not give a command's position.
  const positions = new Map();

  // --- small helpers -------------------------------------------------------------------------------------------

  function element(tag, properties = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(properties)) {
      if (value === undefined || value === null) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'scope' || key === 'type')
        node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function announce(message) {
    byId('announcer').textContent = message;
  }

  function adminToken() {
    return sessionStorage.getItem(ADMIN_TOKEN);
  }

  function readerToken() {
    return sessionStorage.getItem(READER_TOKEN) || adminToken();
  }

  function utc(iso) {
    if (!iso) return 'not known';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace(/Z$/, '') + ' UTC';
  }

  function problemText(result) {
    if (result.body && typeof result.body === 'object' && (result.body.detail || result.body.title))
      return result.body.detail || result.body.title;
    return 'HTTP ' + result.status;
  }

  async function call(method, path, token) {
    const response = await fetch(path, {
      method,
      headers: {'Authorization': 'Bearer ' + token, 'Accept': 'application/json'},
      cache: 'no-store',
      credentials: 'omit',
    });
    const text = await response.text();
    let body = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch (notJson) {
        body = {detail: text};
      }
    }
    return {status: response.status, ok: response.ok, body};
  }

  // An admin call the edge refused for the token: back to the sign-in, saying why. True when the caller goes on.
  function tokenAccepted(result) {
    if (result.status === 401) {
      signOut('The admin token was refused: ' + problemText(result));
      return false;
    }
    if (result.status === 403) {
      signOut('That token has no role admin; paste an admin token.');
      return false;
    }
    return true;
  }

  // Buttons are never disabled, only marked so: a disabled button drops the keyboard focus it had.
  function setUnavailable(button, unavailable, why) {
    button.setAttribute('aria-disabled', unavailable ? 'true' : 'false');
    button.title = unavailable ? why : '';
    button.dataset.why = unavailable ? why : '';
  }

  function isUnavailable(button) {
    if (button.getAttribute('aria-disabled') !== 'true') return false;
    announce(button.dataset.why || 'Not now.');
    return true;
  }

  // --- signing in and out --------------------------------------------------------------------------------------

  function showConsole() {
    byId('sign-in').hidden = true;
    byId('console').hidden = false;
    byId('signed-in').hidden = false;
  }

  function signOut(reason) {
    sessionStorage.removeItem(ADMIN_TOKEN);
    sessionStorage.removeItem(READER_TOKEN);
    clearTimeout(pollTimer);
    byId('console').hidden = true;
    byId('signed-in').hidden = true;
    byId('sign-in').hidden = false;
    const error = byId('sign-in-error');
    error.hidden = !reason;
    error.textContent = reason || '';
    byId('admin-token').focus();
  }

  function signIn(event) {
    event.preventDefault();
    const admin = byId('admin-token').value.trim().replace(/^Bearer\s+/i, '');
    const reader = byId('reader-token').value.trim().replace(/^Bearer\s+/i, '');
    if (!admin) {
      const error = byId('sign-in-error');
      error.hidden = false;
      error.textContent = 'Paste the admin token first.';
      byId('admin-token').focus();
      return;
    }
    sessionStorage.setItem(ADMIN_TOKEN, admin);
    if (reader) sessionStorage.setItem(READER_TOKEN, reader);
    else sessionStorage.removeItem(READER_TOKEN);
    byId('admin-token').value = '';
    byId('reader-token').value = '';
    byId('sign-in-error').hidden = true;
    showConsole();
    byId('main').focus();
    announce('Signed in; loading the projections and dead letters.');
    refresh();
  }

  // --- polling -------------------------------------------------------------------------------------------------

  function schedule() {
    clearTimeout(pollTimer);
    if (adminToken()) pollTimer = setTimeout(refresh, POLL_MS);
  }

  async function refresh() {
    if (refreshing || !adminToken()) return;
    refreshing = true;
    try {
      const [projections, deadLetters] = await Promise.all([
        call('GET', '/admin/projections', adminToken()),
        call('GET', '/admin/dead-letters', adminToken()),
      ]);
      if (!tokenAccepted(projections) || !tokenAccepted(deadLetters)) return;
      notices = [];
      const problems = [];
      if (projections.ok) renderProjections(projections.body.items);
      else problems.push('projections: ' + problemText(projections));
      if (deadLetters.ok) renderDeadLetters(deadLetters.body.items);
      else problems.push('dead letters: ' + problemText(deadLetters));
      byId('refreshed').textContent = problems.length
          ? 'Could not refresh ' + problems.join('; ')
          : 'Refreshed at ' + utc(new Date().toISOString());
      if (notices.length) byId('changes').textContent = notices.join(' ');
    } catch (unreachable) {
      byId('refreshed').textContent = 'Cannot reach the edge (' + unreachable.message + '); trying again.';
    } finally {
      refreshing = false;
      schedule();
    }
  }

  // --- projections ---------------------------------------------------------------------------------------------

  function renderProjections(items) {
    const rows = byId('projection-rows');
    for (const projection of items) {
      let row = rows.querySelector(`tr[data-projection="${CSS.escape(projection.name)}"]`);
      if (!row) {
        row = projectionRow(projection.name);
        rows.append(row);
      }
      updateProjectionRow(row, projection);
    }
  }

  function projectionRow(name) {
    const control = (action, label) => {
      const button = element('button', {type: 'button', text: label, className: action === 'rebuild' ? 'danger' : '',
        'data-action': action, 'aria-label': `${label} ${name}`});
      button.addEventListener('click', () => controlProjection(name, action, button));
      return button;
    };
    const progress = element('progress', {max: 1, value: 0, 'aria-label': `Rebuild of ${name}`});
    return element('tr', {'data-projection': name},
        element('th', {scope: 'row', text: name}),
        element('td', {}, element('span', {'data-field': 'state', className: 'state'})),
        element('td', {className: 'number', 'data-field': 'lag'}),
        element('td', {className: 'number', 'data-field': 'parked'}),
        element('td', {'data-field': 'rebuild'},
            element('span', {'data-field': 'phase'}), ' ', progress, ' ',
            element('span', {'data-field': 'progress'}),
            element('span', {'data-field': 'rebuild-detail', className: 'detail'})),
        element('td', {}, element('div', {className: 'actions'}, control('pause', 'Pause'),
            control('resume', 'Resume'), control('rebuild', 'Rebuild'))));
  }

  function updateProjectionRow(row, projection) {
    const field = (name) => row.querySelector(`[data-field="${name}"]`);
    const state = field('state');
    state.textContent = projection.state;
    state.className = 'state state-' + projection.state;
    field('lag').textContent = String(projection.lag);
    field('parked').textContent = String(projection.parked);

    const rebuild = projection.rebuild;
    const progress = row.querySelector('progress');
    if (rebuild) {
      field('phase').textContent = rebuild.phase;
      progress.hidden = false;
      progress.value = rebuild.phase === 'done' ? 1 : rebuild.progress;
      field('progress').textContent = Math.round((rebuild.phase === 'done' ? 1 : rebuild.progress) * 100) + ' %';
      field('rebuild-detail').textContent = rebuild.phase === 'failed'
          ? 'failed at ' + utc(rebuild.finishedAt) + ': ' + (rebuild.error || 'no reason given')
          : rebuild.finishedAt ? 'started ' + utc(rebuild.startedAt) + ', finished ' + utc(rebuild.finishedAt)
              : 'started ' + utc(rebuild.startedAt);
    } else {
      field('phase').textContent = 'none started here';
      progress.hidden = true;
      field('progress').textContent = '';
      field('rebuild-detail').textContent = '';
    }
    const before = knownPhases.get(projection.name);
    const phase = rebuild ? rebuild.phase : null;
    if (before !== undefined && before !== phase && (phase === 'done' || phase === 'failed'))
      notices.push(phase === 'done' ? `Rebuild of ${projection.name} done; the rebuilt read model is live.`
          : `Rebuild of ${projection.name} failed: ${rebuild.error || 'no reason given'}`);
    knownPhases.set(projection.name, phase);

    const remote = 'This process does not run the projection: pause and resume it where it runs.';
    const pause = row.querySelector('[data-action="pause"]');
    const resume = row.querySelector('[data-action="resume"]');
    setUnavailable(pause, projection.state !== 'running',
        projection.state === 'remote' ? remote : `${projection.name} is ${projection.state}, not running.`);
    setUnavailable(resume, projection.state !== 'paused',
        projection.state === 'remote' ? remote : `${projection.name} is ${projection.state}, not paused.`);
    setUnavailable(row.querySelector('[data-action="rebuild"]'), projection.state === 'rebuilding',
        `A rebuild of ${projection.name} is running.`);
  }

  async function controlProjection(name, action, button) {
    if (isUnavailable(button)) return;
    if (action === 'rebuild' && !window.confirm(`Rebuild ${name} from offset 0 into a fresh copy? Queries go on `
        + 'meanwhile; records no fix cures are parked again and need a skip or re-drive again.')) return;
    const doing = {pause: 'Pausing', resume: 'Resuming', rebuild: 'Starting a rebuild of'}[action];
    announce(`${doing} ${name}…`);
    try {
      const result = await call('POST', `/admin/projections/${encodeURIComponent(name)}/${action}`, adminToken());
      if (!tokenAccepted(result)) return;
      if (!result.ok) {
        announce(`Could not ${action} ${name}: ${problemText(result)}`);
        return;
      }
      const row = byId('projection-rows').querySelector(`tr[data-projection="${CSS.escape(name)}"]`);
      if (row) updateProjectionRow(row, result.body);
      announce(action === 'rebuild' ? `Rebuild of ${name} started.` : `${name} is ${result.body.state}.`);
    } catch (unreachable) {
      announce(`Could not ${action} ${name}: cannot reach the edge (${unreachable.message}).`);
    }
  }

  // --- dead letters --------------------------------------------------------------------------------------------

  function renderDeadLetters(items) {
    const list = byId('dead-letter-list');
    const ids = new Set(items.map((item) => item.id));
    for (const card of [...list.children]) {
      if (ids.has(card.dataset.id)) continue;
      const hadFocus = card.contains(document.activeElement);
      card.remove();
      if (hadFocus) byId('dead-letters-title').focus();
    }
    for (const letter of items) {
      const signature = JSON.stringify(letter);
      let card = list.querySelector(`li[data-id="${CSS.escape(letter.id)}"]`);
      if (card && card.dataset.signature === signature) continue;
      const replacement = deadLetterCard(letter);
      replacement.dataset.signature = signature;
      if (card) {
        // keep what the operator had open and focused across the change
        const focused = card.contains(document.activeElement) ? document.activeElement.dataset.action : null;
        replacement.querySelector('details').open = card.querySelector('details').open;
        card.replaceWith(replacement);
        if (focused) replacement.querySelector(`[data-action="${focused}"]`)?.focus();
      } else {
        list.append(replacement);
      }
    }
    const inOrder = items.map((item) => list.querySelector(`li[data-id="${CSS.escape(item.id)}"]`));
    if (inOrder.some((card, i) => list.children[i] !== card)) list.replaceChildren(...inOrder);
    byId('dead-letter-count').textContent = `(${items.length})`;
    byId('no-dead-letters').hidden = items.length > 0;
    if (knownDeadLetters !== null) {
      const fresh = items.filter((item) => !knownDeadLetters.has(item.id)).length;
      if (fresh > 0) notices.push(`${fresh} new dead letter${fresh > 1 ? 's' : ''}; ${items.length} in all.`);
    }
    knownDeadLetters = ids;
  }

  function facts(pairs) {
    const list = element('dl', {className: 'facts'});
    for (const [term, value, field] of pairs)
      list.append(element('dt', {text: term}), element('dd', {text: value, 'data-field': field}));
    return list;
  }

  function deadLetterCard(letter) {
    const isEvent = letter.kind === 'event';
    const title = isEvent
        ? `Event dead letter: ${letter.projection}, ${letter.aggregateId}`
        : `Command dead letter: ${letter.commandType}, ${letter.aggregateId}`;
    const details = isEvent
        ? facts([
          ['Reason', letter.reason, 'reason'],
          ['Record', `${letter.topic} partition ${letter.partition} offset ${letter.offset}`, 'position'],
          ['Event type', letter.eventType || 'not known (the record has no ce_type)', 'event-type'],
          ['Parked since', utc(letter.parkedAt), 'parked-at'],
          ['Records parked', String(letter.parkedCount), 'parked-count'],
        ])
        : facts([
          ['Error', letter.error, 'reason'],
          ['Command id', letter.commandId, 'command-id'],
          ['Correlation id', letter.correlationId, 'correlation-id'],
          ['Issued by', letter.issuedBy, 'issued-by'],
          ['For topic', letter.topic, 'topic'],
          ['Failed at', utc(letter.failedAt), 'failed-at'],
        ]);
    const payload = isEvent
        ? element('div', {},
            element('p', {className: 'help', text: 'The records\' values are not in the listing; the first one is '
                  + 'kept in the Kafka topic precinct.dlq. The parked records, in log order:'}),
            element('pre', {text: JSON.stringify(letter.parked, null, 2)}))
        : element('pre', {text: JSON.stringify(letter.data, null, 2)});
    const actions = element('div', {className: 'actions'});
    const redrive = element('button', {type: 'button', text: 'Re-drive', 'data-action': 'redrive',
      'aria-label': `Re-drive ${title}`});
    redrive.addEventListener('click', () => release(letter, 'redrive', redrive));
    actions.append(redrive);
    if (isEvent) {
      const skip = element('button', {type: 'button', text: 'Skip', className: 'danger', 'data-action': 'skip',
        'aria-label': `Skip the failing record of ${title}`});
      skip.addEventListener('click', () => release(letter, 'skip', skip));
      actions.append(skip);
    } else {
      const story = element('button', {type: 'button', text: 'Show its story', 'data-action': 'story',
        'aria-label': `Show the story of ${title}`});
      story.addEventListener('click', () => {
        byId('correlation-id').value = letter.correlationId;
        tellStory(letter.correlationId);
        byId('story-title').scrollIntoView();
      });
      actions.append(story);
    }
    return element('li', {className: 'card ' + letter.kind, 'data-id': letter.id, 'data-kind': letter.kind,
          'data-aggregate': letter.aggregateId},
        element('h3', {text: title}),
        details,
        element('details', {}, element('summary', {text: isEvent ? 'Parked records' : 'Payload'}), payload),
        actions);
  }

  async function release(letter, action, button) {
    if (isUnavailable(button)) return;
    if (action === 'skip' && !window.confirm(`Skip the record at ${letter.topic} partition ${letter.partition} `
        + `offset ${letter.offset} of ${letter.aggregateId}? It is dropped from the read model for good (it stays `
        + 'in precinct.dlq); the records behind it are applied.')) return;
    const doing = action === 'skip' ? 'Skipping' : 'Re-driving';
    announce(`${doing} the dead letter of ${letter.aggregateId}…`);
    setUnavailable(button, true, `${doing} it already.`);
    try {
      const result = await call('POST', `/admin/dead-letters/${encodeURIComponent(letter.id)}/${action}`,
          adminToken());
      if (!tokenAccepted(result)) return;
      if (!result.ok) announce(`Could not ${action === 'skip' ? 'skip' : 're-drive'} the dead letter of `
          + `${letter.aggregateId}: ${problemText(result)}`);
      else if (letter.kind === 'event') announce(eventOutcome(letter, action, result.body));
      else announce(commandOutcome(letter, result.body));
    } catch (unreachable) {
      announce(`Could not reach the edge (${unreachable.message}); the dead letter is kept.`);
    } finally {
      setUnavailable(button, false, '');
      refresh();
    }
  }

  function eventOutcome(letter, action, outcome) {
    const done = `${action === 'skip' ? 'Skipped' : 'Re-drove'} the dead letter of ${letter.aggregateId}: `
        + `${outcome.applied} applied, ${outcome.skipped} skipped, ${outcome.stillParked} still parked.`;
    return outcome.reason ? `${done} The first still fails: ${outcome.reason}` : done;
  }

  function commandOutcome(letter, outcome) {
    if (outcome.status === 'ACCEPTED') {
      positions.set(outcome.correlationId, outcome.event);
      return `Re-drove ${letter.commandType} of ${letter.aggregateId}: accepted, event at ${position(outcome.event)}.`;
    }
    return `Re-drove ${letter.commandType} of ${letter.aggregateId}: rejected (${outcome.code}): ${outcome.reason}`;
  }

  function position(event) {
    return `${event.topic} partition ${event.partition} offset ${event.offset}`;
  }

  // --- a command's story ---------------------------------------------------------------------------------------

  async function tellStory(rawId) {
    const correlationId = rawId.trim();
    const result = byId('story-result');
    if (!correlationId) {
      result.replaceChildren(element('p', {className: 'error', text: 'Enter a correlation id.'}));
      byId('correlation-id').focus();
      return;
    }
    result.replaceChildren(element('p', {text: `Looking up ${correlationId}…`}));
    let answer;
    try {
      answer = await call('GET', `/api/v1/commands/${encodeURIComponent(correlationId)}`, readerToken());
    } catch (unreachable) {
      result.replaceChildren(element('p', {className: 'error',
        text: `Cannot reach the edge (${unreachable.message}).`}));
      return;
    }
    const known = positions.get(correlationId);
    const eventPosition = known
        ? position(known) + ' (from the re-drive in this console)'
        : 'not known: the status route does not give it (the 202 that accepted the command did)';
    const hops = 'not known: the hop timings (edge, NATS, validation, idempotency, Kafka) are kept per command type, '
        + 'in /metrics, not per command';
    if (answer.status === 200) {
      const story = answer.body;
      const took = new Date(story.appliedAt) - new Date(story.acceptedAt);
      result.replaceChildren(
          element('h3', {text: `${story.commandType} ${story.correlationId}`}),
          facts([
            ['Outcome', story.status, 'status'],
            ['Why rejected', story.reason === null ? 'not rejected' : story.reason, 'reason'],
            ['Accepted (its event created)', utc(story.acceptedAt), 'accepted-at'],
            ['Event position on Kafka', eventPosition, 'event-position'],
            ['Decided by the projection', utc(story.appliedAt), 'applied-at'],
            ['From acceptance to outcome', Number.isNaN(took) ? 'not known' : `${took} ms`, 'took'],
            ['Per-hop timings', hops, 'hops'],
            ['Issued by', story.issuedBy, 'issued-by'],
            ['Command id', story.commandId, 'command-id'],
            ['Resource', story.resource, 'resource'],
          ]));
      announce(`${story.commandType} ${story.correlationId}: ${story.status}.`);
    } else if (answer.status === 404) {
      result.replaceChildren(
          element('h3', {text: correlationId}),
          facts([
            ['Outcome', 'not decided yet', 'status'],
            ['Why', 'no projection has decided it: it is on its way, parked behind an event dead letter, its '
                + 'projection is paused, or the id is unknown', 'reason'],
            ['Event position on Kafka', eventPosition, 'event-position'],
            ['Per-hop timings', hops, 'hops'],
          ]));
      announce(`${correlationId}: not decided yet.`);
    } else if (answer.status === 401 || answer.status === 403) {
      const text = answer.status === 403
          ? 'This token may not read command outcomes: that needs role dispatcher, supervisor or officer. Forget '
          + 'the tokens and sign in again with a token for command stories.'
          : 'The token for command stories was refused: ' + problemText(answer);
      result.replaceChildren(element('p', {className: 'error', text}));
      announce(text);
    } else {
      result.replaceChildren(element('p', {className: 'error', text: problemText(answer)}));
      announce(`Could not look up ${correlationId}: ${problemText(answer)}`);
    }
  }

  // --- start ---------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    byId('sign-in-form').addEventListener('submit', signIn);
    byId('sign-out').addEventListener('click', () => signOut(''));
    byId('story-form').addEventListener('submit', (event) => {
      event.preventDefault();
      tellStory(byId('correlation-id').value);
    });
    if (adminToken()) {
      showConsole();
      refresh();
    } else {
      signOut('');
    }
  });
})();
