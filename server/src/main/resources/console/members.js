// Users, their members, and one member: its status, the sandbox controls, and its timeline.
import {el, button, busy, alertBox, fail, Halt} from '/widget/assets/dom.js';
import {query} from './api.js';
import {view, link, time, table, facts, pager, said} from './parts.js';
import {timeline} from './timeline.js';

/** Statuses a member can be forced to rest in (the sandbox refuses the others). */
/** What the last sandbox control did, said once on the view it reloaded. */
let flash = null;

const FORCEABLE = ['CONNECTED', 'PREVENTED', 'DENIED', 'REJECTED', 'LOCKED', 'IMPEDED', 'DEGRADED', 'DISCONNECTED',
  'DISCONTINUED', 'CLOSED', 'FAILED', 'DISABLED', 'EXPIRED', 'IMPAIRED'];

export async function usersView({main, api, params}) {
  const page = params.get('page') || 1;
  const list = await api('GET', '/users' + query({page, records_per_page: 25}));
  view(main, 'Users');
  if (list.users.length === 0) {
    main.append(el('p', {class: 'muted'}, 'This client has no users yet.'));
    return;
  }
  main.append(table('Users, oldest first', ['User', 'Id', 'Email', 'Metadata'], list.users.map((u) => [
    link('#/users/' + u.guid, u.guid), u.id, u.email, u.metadata])));
  main.append(pager(list.pagination, (p) => '#/users?page=' + p, 'users'));
}

export async function userView({main, api, params}, userGuid) {
  const page = params.get('page') || 1;
  const list = await api('GET', '/users/' + encodeURIComponent(userGuid) + '/members' + query({page, records_per_page: 25}));
  view(main, 'Members of ' + userGuid);
  main.append(el('p', {}, link('#/requests' + query({user_guid: userGuid}), 'This user’s requests')));
  if (list.members.length === 0) {
    main.append(el('p', {class: 'muted'}, 'This user has no members.'));
    return;
  }
  main.append(table('Members', ['Member', 'Institution', 'Status', 'Aggregated'], list.members.map((m) => [
    link('#/members/' + userGuid + '/' + m.guid, (m.name || m.institution_code) + ' · ' + m.guid),
    m.institution_code, m.connection_status, time(m.successfully_aggregated_at)])));
  main.append(pager(list.pagination, (p) => '#/users/' + userGuid + '?page=' + p, 'members'));
}

export async function memberView(ctx, userGuid, memberGuid) {
  const {main, api} = ctx;
  const path = '/users/' + encodeURIComponent(userGuid) + '/members/' + encodeURIComponent(memberGuid);
  const page = ctx.params.get('page') || 1;
  const [member, history] = await Promise.all([api('GET', path),
    api('GET', path + '/timeline' + query({page, records_per_page: 100}))]);
  const m = member.member;
  view(main, (m.name || m.institution_code) + ': ' + m.connection_status);
  if (flash) {
    const done = said();
    done.textContent = flash;
    main.append(done);
    flash = null;
  }
  main.append(facts([
    ['Member', m.guid],
    ['User', link('#/users/' + userGuid, userGuid)],
    ['Institution', m.institution_code],
    ['Connection status', m.connection_status],
    ['Message', m.connection_status_message],
    ['Being aggregated', m.is_being_aggregated ? 'yes' : 'no'],
    ['Last aggregated', m.successfully_aggregated_at ? time(m.successfully_aggregated_at) : null],
    ['Requests', link('#/requests' + query({member_guid: m.guid}), 'This member’s requests')],
  ]));
  const columns = el('div', {class: 'columns'});
  const left = el('section', {class: 'timeline-column', 'aria-labelledby': 'timeline-heading'});
  left.append(el('h2', {id: 'timeline-heading'}, 'Timeline, oldest first'), timeline(history.timeline));
  if (history.pagination.total_pages > 1) {
    left.append(pager(history.pagination, (p) => '#/members/' + userGuid + '/' + memberGuid + '?page=' + p, 'entries'));
  }
  const right = el('section', {class: 'controls', 'aria-labelledby': 'controls-heading'});
  right.append(el('h2', {id: 'controls-heading'}, 'Sandbox controls'));
  await sandboxControls(ctx, right, userGuid, m);
  columns.append(left, right);
  main.append(columns);
}

/** The sandbox's buttons for this member; each reloads the view when it has done its work. */
async function sandboxControls({api, sandbox}, area, userGuid, m) {
  if (!sandbox) {
    area.append(el('p', {class: 'muted'}, 'The sandbox is off on this server (OPENAGG_SANDBOX=false), so its '
      + 'controls are not available: statuses change only through real jobs.'));
    return;
  }
  const base = '/sandbox/users/' + encodeURIComponent(userGuid) + '/members/' + encodeURIComponent(m.guid);
  const alert = alertBox();
  const act = (what, call) => async (e) => {
    const form = e.target.closest('form') || e.target;
    alert.hidden = true;
    busy(form, true);
    try {
      await call();
      flash = what;
      reload();
    } catch (error) {
      busy(form, false);
      if (!(error instanceof Halt)) {
        fail(alert, error);
      }
    }
  };

  const force = el('form', {class: 'stack'});
  const select = el('select', {id: 'force-status'});
  FORCEABLE.forEach((s) => select.append(el('option', {value: s}, s)));
  force.append(el('label', {for: 'force-status'}, 'Connection status'), select, button('Force status'));
  force.addEventListener('submit', (e) => {
    e.preventDefault();
    act('Status forced to ' + select.value + '.', () => api('POST', base + '/connection_status',
      {member: {connection_status: select.value}}))(e);
  });

  const expire = el('form', {class: 'stack'});
  expire.append(el('p', {class: 'muted'}, m.connection_status === 'CHALLENGED'
    ? 'The member is waiting for answers.' : 'No challenge is open now (expiring one is refused).'),
  button('Expire the open challenge'));
  expire.addEventListener('submit', (e) => {
    e.preventDefault();
    act('The challenge expired.', () => api('POST', base + '/expire_challenges'))(e);
  });

  const clock = (await api('GET', '/sandbox/clock')).clock;
  const advance = el('form', {class: 'stack'});
  const now = el('p', {}, 'This client’s clock: ');
  now.append(time(clock.now), clock.offset_seconds
    ? ' (' + Math.round(clock.offset_seconds / 3600 * 10) / 10 + ' h ahead of the server)' : '');
  advance.append(now,
  el('label', {for: 'advance-hours'}, 'Hours to advance the clock by'),
  el('input', {id: 'advance-hours', type: 'number', min: '1', step: '1', value: '24', inputmode: 'numeric'}),
  button('Advance the clock'));
  advance.addEventListener('submit', (e) => {
    e.preventDefault();
    const hours = Number(advance.querySelector('#advance-hours').value);
    act('The clock moved ' + hours + ' h.', () => api('POST', '/sandbox/clock',
      {clock: {advance_seconds: Math.round(hours * 3600)}}))(e);
  });

  area.append(alert, el('h3', {}, 'Force a connection status'), force, el('h3', {}, 'Expire the challenge'),
    expire, el('h3', {}, 'Advance the clock'), advance);
}

/** Shows the current view again with fresh data. */
function reload() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
