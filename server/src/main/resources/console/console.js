// The developer console: signs in, then shows one view at a time, chosen by the address's fragment, so every view
// has a link of its own and Back works. All data comes from the server's JSON API (see api.js).
import {el, button, alertBox, fail, busy, Halt} from '/widget/assets/dom.js';
import {consoleApi, session} from './api.js';
import {view} from './parts.js';
import {requestsView, requestView} from './requests.js';
import {usersView, userView, memberView} from './members.js';
import {webhooksView, webhookView} from './webhooks.js';

const main = document.getElementById('view');
const bar = document.querySelector('header.bar');
let current = null;

function signInView(message) {
  current = null;
  bar.hidden = true;
  view(main, 'Sign in to the OpenAgg console');
  main.append(el('p', {class: 'muted'}, 'Use the client id and API key your code sends as HTTP Basic. '
    + 'The key is checked as the API checks it; the console then keeps a session in a cookie.'));
  const alert = alertBox();
  const form = el('form', {class: 'stack signin', novalidate: true});
  form.append(el('label', {for: 'client-id'}, 'Client id'),
    el('input', {id: 'client-id', type: 'text', autocomplete: 'username', required: true, spellcheck: 'false'}),
    el('label', {for: 'api-key'}, 'API key'),
    el('input', {id: 'api-key', type: 'password', autocomplete: 'current-password', required: true}),
    button('Sign in'));
  main.append(alert, form);
  if (message) {
    fail(alert, new Error(message));
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    alert.hidden = true;
    busy(form, true);
    try {
      const s = await session('POST', {session: {client_id: form.querySelector('#client-id').value,
        api_key: form.querySelector('#api-key').value}});
      start(s.session);
    } catch (error) {
      busy(form, false);
      fail(alert, error.status === 401 ? new Error('That client id and API key do not match. Check both and try again.') : error);
      form.querySelector('#api-key').focus();
    }
  });
  form.querySelector('#client-id').focus();
}

function start(s) {
  current = {clientId: s.client_id, csrf: s.csrf_token, sandbox: s.sandbox,
    api: consoleApi(s.csrf_token, () => signInView('Your session has ended. Sign in again.'))};
  bar.hidden = false;
  bar.querySelector('.who').textContent = 'Signed in as ' + s.client_id;
  if (!location.hash || location.hash === '#') {
    location.hash = '#/requests';
  } else {
    route();
  }
}

/** "#/users/USR-1?page=2" as {parts: ["users", "USR-1"], params: URLSearchParams}. */
function parse(hash) {
  const [path, q] = hash.replace(/^#\/?/, '').split('?');
  return {parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(q || '')};
}

async function route() {
  if (!current) {
    return;
  }
  const {parts, params} = parse(location.hash);
  bar.querySelectorAll('nav a').forEach((a) => {
    const here = parse(a.getAttribute('href')).parts[0] === (parts[0] === 'request' ? 'requests'
      : parts[0] === 'members' ? 'users' : parts[0]);
    if (here) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  const ctx = {main, api: current.api, sandbox: current.sandbox, params};
  try {
    if (parts[0] === 'request' && parts[1]) {
      await requestView(ctx, parts[1]);
    } else if (parts[0] === 'users' && parts[1]) {
      await userView(ctx, parts[1]);
    } else if (parts[0] === 'users') {
      await usersView(ctx);
    } else if (parts[0] === 'members' && parts[2]) {
      await memberView(ctx, parts[1], parts[2]);
    } else if (parts[0] === 'webhooks' && parts[1]) {
      await webhookView(ctx, parts[1]);
    } else if (parts[0] === 'webhooks') {
      await webhooksView(ctx);
    } else {
      await requestsView(ctx);
    }
  } catch (error) {
    if (!(error instanceof Halt)) {
      view(main, 'That could not be shown');
      const alert = alertBox();
      main.append(alert);
      fail(alert, error);
    }
  }
}

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await session('DELETE', null, current && current.csrf);
    signInView('You have signed out.');
  } catch (error) {
    view(main, 'Signing out did not work');
    const alert = alertBox();
    main.append(alert);
    fail(alert, error);
  }
});
window.addEventListener('hashchange', route);

session('GET').then((s) => start(s.session), () => signInView());
