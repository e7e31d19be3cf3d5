// Following a member: poll its status every second and show what it needs. CHALLENGED shows the challenges,
// a running job a spinner, CONNECTED the accounts, anything else MX's message and a way to try again.
import {answers, challengeField} from './challenges.js';
import {alertBox, badge, busy, button, el, fail, Halt, money, words} from './dom.js';
import {authorize, oauthStart} from './oauth.js';
import {credentials} from './signin.js';

const POLL_MS = 1000;
const NEEDS_CREDENTIALS = ['DENIED', 'PREVENTED', 'IMPAIRED'];
const TITLES = {
  REJECTED: 'That answer was not right',
  EXPIRED: 'Time ran out',
  DENIED: 'Your credentials were not accepted',
  PREVENTED: 'Too many failed attempts',
  IMPAIRED: 'Your credentials are needed',
  LOCKED: 'Your account is locked',
  IMPEDED: 'Your institution needs your attention',
  DEGRADED: 'This connection is being upgraded',
  DISABLED: 'Connecting is paused',
  CREATED: 'Ready to connect',
};
/** An OAuth member has no credentials to re-enter: these statuses come from its consent or the access behind it. */
const OAUTH_TITLES = {
  DENIED: 'Access was not allowed',
  FAILED: 'The institution could not finish',
};

export function watcher(w) {
  let watched = null;       // the member being polled
  let ticket = 0;           // bumped on every action, so a poll answered before it is ignored
  let timer = null;
  let shownChallenges = null;
  const lastStatus = {};

  function watch(member) {
    ticket++;
    watched = member.guid;
    shownChallenges = null;
    render(member);
  }

  function stop() {
    ticket++;
    watched = null;
    clearTimeout(timer);
  }

  async function poll() {
    const mine = ticket;
    try {
      const reply = await w.api('GET', 'members/' + watched);
      if (mine === ticket) {
        render(reply.member);
      }
    } catch (e) {
      if (e instanceof Halt || mine !== ticket) {
        return;
      }
      if (e.status === 404) {
        await w.forgetMember(false);
        return;
      }
      timer = setTimeout(poll, POLL_MS * 3);
    }
  }

  /** Runs an action that changes the member, then follows the member it answers with. */
  async function act(request, box, controls) {
    ticket++;
    clearTimeout(timer);
    busy(controls, true);
    try {
      const reply = await request();
      shownChallenges = null;
      render(reply.member);
      return reply;
    } catch (error) {
      busy(controls, false);
      fail(box, error);
      timer = setTimeout(poll, POLL_MS);
      return null;
    }
  }

  function render(m) {
    clearTimeout(timer);
    if (lastStatus[m.guid] !== m.connection_status) {
      lastStatus[m.guid] = m.connection_status;
      w.post('mx/connect/memberStatusUpdate', {member_guid: m.guid, connection_status: m.connection_status_id});
    }
    if (m.connection_status === 'CHALLENGED') {
      const guids = m.challenges.map((c) => c.guid).join(',');
      if (guids !== shownChallenges) {
        shownChallenges = guids;
        mfa(m);
      }
    } else if (m.connection_status === 'PENDING' && m.is_oauth) {
      oauthStart(w, {code: m.institution_code, name: m.institution_name}, m);
    } else if (m.is_being_aggregated) {
      connecting(m);
    } else if (m.connection_status === 'CONNECTED') {
      connected(m);
    } else {
      loginError(m);
    }
    if (m.is_being_aggregated || m.connection_status === 'CHALLENGED') {
      timer = setTimeout(poll, POLL_MS);
    }
  }

  function connecting(m) {
    if (w.step() === 'connecting') {
      document.querySelector('[role=status]').textContent = m.connection_status_message;
      return;
    }
    w.show('connecting', 'Connecting to ' + m.institution_name, [el('div', {class: 'spinner', 'aria-hidden': 'true'}),
      el('p', {role: 'status', class: 'muted'}, m.connection_status_message)]);
  }

  function mfa(m) {
    const form = el('form', {class: 'stack'});
    const box = alertBox();
    m.challenges.forEach((c, i) => form.appendChild(challengeField(c, 'challenge-' + i)));
    form.append(box, button('Continue'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const sent = answers(form, m.challenges);
      if (await act(() => w.api('PUT', 'members/' + m.guid + '/resume', {member: {challenges: sent}}), box, form)) {
        w.post('mx/connect/submitMFA', {member_guid: m.guid});
      }
    });
    w.show('mfa', 'Verify it’s you', [el('p', {class: 'muted'}, m.connection_status_message), form],
      form.querySelector('input'));
  }

  async function connected(m) {
    if (w.step() === 'connected') {
      return;
    }
    const list = el('ul', {class: 'accounts', 'aria-label': 'Connected accounts'});
    w.show('connected', 'Connected', [badge(true), el('p', {}, 'Your ' + m.institution_name + ' account is connected.'),
      list, button('Done', () => w.post('mx/connect/connected/primaryAction', {}), 'primary'),
      button('Connect another account', () => w.forgetMember(true), 'secondary')]);
    w.post('mx/connect/memberConnected', {member_guid: m.guid});
    try {
      const reply = await w.api('GET', 'members/' + m.guid + '/accounts');
      list.replaceChildren(...reply.accounts.map((a) => {
        const item = el('li');
        item.append(el('span', {class: 'name'}, a.name), el('span', {class: 'type'}, words(a.type)),
          el('span', {class: 'balance'}, money(a.balance, a.currency_code)));
        return item;
      }));
    } catch (e) {
      // The list is a courtesy: without it (an older server answers 404) the member is still connected.
    }
  }

  function loginError(m) {
    // An OAuth member is authorised again after a refused consent or access; other errors retry the job.
    const reconsent = m.is_oauth && Boolean(OAUTH_TITLES[m.connection_status]);
    const retryWithCredentials = !m.is_oauth && NEEDS_CREDENTIALS.includes(m.connection_status);
    const box = alertBox();
    const label = retryWithCredentials ? 'Re-enter credentials' : m.connection_status === 'CREATED' ? 'Connect' : 'Try again';
    const institution = {code: m.institution_code, name: m.institution_name};
    const again = button(label, () => reconsent ? authorize(w, institution, m, box, again)
      : retryWithCredentials ? credentials(w, m.institution_code, m)
      : act(() => w.api('POST', 'members/' + m.guid + '/retry'), box, again));
    const title = (reconsent && OAUTH_TITLES[m.connection_status]) || TITLES[m.connection_status];
    w.show('loginError', title || 'We could not connect', [badge(false),
      el('p', {}, m.connection_status_message), box, again,
      button('Choose another institution', () => w.forgetMember(true), 'secondary')]);
    w.post('mx/connect/memberError', {member_guid: m.guid, connection_status: m.connection_status_id,
      connection_status_name: m.connection_status});
    if (reconsent) {
      w.post('mx/connect/oauthError', {member_guid: m.guid});
    }
  }

  return {watch, stop};
}
