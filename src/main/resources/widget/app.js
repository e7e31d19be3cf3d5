// OpenAgg's connect widget. Everything it knows comes from the server: the session secret in the URL fragment
// identifies the widget session, and the session remembers the member being connected, so a reload resumes.
(function () {
  'use strict';
  const app = document.getElementById('app');
  const secret = new URLSearchParams(location.hash.slice(1)).get('s');
  const POLL_MS = 1000;
  const PROCESSING = ['CREATED', 'UPDATED', 'RECONNECTED', 'RESUMED', 'DELAYED', 'CONNECTED'];
  let session = null;
  let pollTimer = null;
  let lastStatus = null;

  // Tells the page that opened or embeds the widget what happened, as MX's widget does.
  function post(type, metadata) {
    const target = window.parent !== window ? window.parent : window.opener;
    if (target) target.postMessage({ type: 'mx/connect/' + type, metadata: metadata || {} }, '*');
  }

  async function api(method, path, body) {
    const response = await fetch('/widget/api' + path, {
      method,
      headers: { 'X-Widget-Session': secret || '', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = response.status === 204 ? {} : await response.json();
    if (!response.ok) {
      const error = new Error((data.error && data.error.message) || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'onclick' || k === 'onsubmit') node[k] = v;
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function show(...nodes) {
    app.replaceChildren(...nodes);
    const focus = app.querySelector('[autofocus], input, button');
    if (focus) focus.focus();
  }

  function stopPolling() {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  }

  async function start() {
    if (!secret) return show(el('p', { class: 'error', id: 'error' }, 'This page needs a widget link from your app.'));
    try {
      session = await api('GET', '/session');
    } catch (e) {
      return show(el('p', { class: 'error', id: 'error' }, 'This widget session has expired. Open the widget again from your app.'));
    }
    if (session.color_scheme === 'dark') document.body.classList.add('dark');
    post('loaded', { user_guid: session.user_guid });
    if (session.member_guid) return watch(session.member_guid);
    if (session.institution_code) return credentials(session.institution_code);
    search();
  }

  function search() {
    stopPolling();
    const results = el('ul', { class: 'list', id: 'institutions' });
    const input = el('input', { type: 'search', id: 'search', 'aria-describedby': 'search-help', autofocus: true });
    async function run() {
      const found = await api('GET', '/institutions?name=' + encodeURIComponent(input.value));
      results.replaceChildren(...found.institutions.map((i) =>
        el('li', {}, el('button', { type: 'button', 'data-code': i.code, onclick: () => { post('selectedInstitution', { code: i.code }); credentials(i.code); } }, i.name))));
    }
    input.oninput = run;
    show(el('h1', {}, 'Select your institution'),
      el('label', { for: 'search' }, 'Search'), input,
      el('p', { class: 'muted', id: 'search-help' }, 'Type part of your bank\'s name.'), results);
    run();
  }

  async function credentials(code, member) {
    stopPolling();
    const institution = await api('GET', '/institutions/' + encodeURIComponent(code));
    post('enterCredentials', { institution_code: code });
    const inputs = institution.credentials.map((f, i) => ({
      field: f,
      node: el('input', { type: f.type === 'PASSWORD' ? 'password' : 'text', id: 'cred-' + f.field_name.toLowerCase(), name: f.field_name, autocomplete: 'off', autofocus: i === 0 }),
    }));
    const message = el('p', { class: 'error', id: 'form-error', role: 'alert' });
    const form = el('form', {
      onsubmit: async (event) => {
        event.preventDefault();
        const sent = inputs.map((x) => ({ guid: x.field.guid, value: x.node.value }));
        try {
          const result = member
            ? await api('PUT', '/members/' + member + '/credentials', { member: { credentials: sent } })
            : await api('POST', '/members', { member: { institution_code: code, credentials: sent } });
          if (!member) post('memberCreated', { member_guid: result.guid, user_guid: result.user_guid });
          watch(result.guid);
        } catch (e) {
          message.textContent = e.message;
          if (!member) post('createMemberError', { institution_code: code, message: e.message });
        }
      },
    }, ...inputs.map((x) => [el('label', { for: x.node.id }, x.field.label), x.node]),
    el('button', { type: 'submit', id: 'connect' }, 'Connect'), message);
    const back = el('button', { type: 'button', class: 'secondary', onclick: search }, 'Choose another institution');
    show(el('h1', {}, 'Sign in to ' + institution.name), form, member ? '' : back);
  }

  async function watch(memberGuid) {
    stopPolling();
    let member;
    try {
      member = await api('GET', '/members/' + memberGuid);
    } catch (e) {
      return show(el('p', { class: 'error', id: 'error' }, e.message));
    }
    if (member.connection_status !== lastStatus) {
      lastStatus = member.connection_status;
      post('memberStatusUpdate', { member_guid: member.guid, connection_status: member.connection_status });
    }
    if (member.connection_status === 'CHALLENGED') return challenge(member);
    if (member.connection_status === 'CONNECTED' && !member.is_being_aggregated) return connected(member);
    if (member.is_being_aggregated || PROCESSING.includes(member.connection_status) && member.connection_status !== 'CONNECTED') {
      show(el('h1', {}, 'Connecting to ' + member.institution_name), el('div', { class: 'spinner', role: 'progressbar', 'aria-label': 'Connecting' }),
        el('p', { class: 'muted', id: 'status' }, member.message));
      pollTimer = setTimeout(() => watch(memberGuid), POLL_MS);
      return;
    }
    failed(member);
  }

  function challenge(member) {
    const c = member.challenges[0];
    const title = el('h1', {}, 'Verify it\'s you');
    const message = el('p', { class: 'error', role: 'alert', id: 'answer-error' });
    let answer;
    let field;
    if (c.type === 'OPTIONS') {
      field = el('fieldset', { class: 'options' }, el('legend', {}, c.label),
        c.options.map((o, i) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'option', value: o.value, checked: i === 0 }), o.label)));
      answer = () => field.querySelector('input:checked').value;
    } else if (c.type === 'IMAGE_OPTIONS') {
      field = el('fieldset', {}, el('legend', {}, c.label), el('div', { class: 'grid' },
        c.options.map((o, i) => el('label', {}, el('input', { type: 'radio', name: 'image', value: o.value, checked: i === 0, 'aria-label': o.label }),
          el('img', { src: o.data_uri, alt: o.label }), o.label))));
      answer = () => field.querySelector('input:checked').value;
    } else {
      const input = el('input', { type: 'text', id: 'answer', autocomplete: 'one-time-code', autofocus: true });
      field = el('div', {}, c.type === 'IMAGE_DATA' ? el('img', { class: 'challenge', src: c.image_data, alt: 'Challenge image' }) : '',
        el('label', { for: 'answer' }, c.label), input);
      answer = () => input.value;
    }
    const form = el('form', {
      'data-type': c.type,
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await api('PUT', '/members/' + member.guid + '/resume', { member: { challenges: [{ guid: c.guid, value: answer() }] } });
          watch(member.guid);
        } catch (e) {
          message.textContent = e.message;
          if (e.status === 409) setTimeout(() => watch(member.guid), POLL_MS);
        }
      },
    }, field, el('button', { type: 'submit', id: 'submit-answer' }, 'Continue'), message);
    show(title, form);
  }

  async function connected(member) {
    post('memberConnected', { member_guid: member.guid, user_guid: member.user_guid });
    const { accounts } = await api('GET', '/members/' + member.guid + '/accounts');
    const rows = accounts.map((a) => el('tr', {}, el('td', {}, a.name), el('td', { class: 'amount' },
      Number(a.balance).toLocaleString('en-US', { style: 'currency', currency: 'USD' }))));
    show(el('h1', {}, 'Connected'), el('p', { class: 'ok', id: 'connected' }, 'Your ' + member.institution_name + ' accounts are connected.'),
      el('table', { id: 'accounts', 'aria-label': 'Connected accounts' }, el('tbody', {}, rows)));
  }

  function failed(member) {
    const retryable = ['REJECTED', 'EXPIRED', 'FAILED', 'DEGRADED', 'DELAYED', 'DISABLED', 'IMPEDED', 'LOCKED'].includes(member.connection_status);
    const needsCredentials = ['DENIED', 'PREVENTED', 'IMPAIRED'].includes(member.connection_status);
    post('memberError', { member_guid: member.guid, connection_status: member.connection_status });
    const actions = [];
    if (needsCredentials) {
      actions.push(el('button', { type: 'button', id: 'retry', onclick: () => credentials(member.institution_code, member.guid) }, 'Enter your credentials again'));
    } else if (retryable) {
      actions.push(el('button', { type: 'button', id: 'retry', onclick: async () => {
        try {
          await api('POST', '/members/' + member.guid + '/aggregate');
          watch(member.guid);
        } catch (e) {
          actions.push(el('p', { class: 'error' }, e.message));
        }
      } }, 'Try again'));
    }
    show(el('h1', {}, 'Something went wrong'), el('p', { class: 'error', id: 'error', 'data-status': member.connection_status }, member.message), ...actions);
  }

  start();
}());
