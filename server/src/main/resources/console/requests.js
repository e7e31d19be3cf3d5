// The request log: GET /requests with its filters and MX's paging, and one request as stored (bodies redacted).
import {el, button} from '/widget/assets/dom.js';
import {query} from './api.js';
import {view, link, time, table, facts, pager, body} from './parts.js';

const FILTERS = [
  ['member_guid', 'Member guid', 'MBR-…'],
  ['user_guid', 'User guid', 'USR-…'],
  ['status', 'Status', '422'],
  ['from', 'From (UTC)', '2026-01-31T00:00:00Z'],
  ['to', 'To (UTC)', '2026-02-01T00:00:00Z'],
];

function filtered(params, page) {
  const chosen = {};
  FILTERS.forEach(([name]) => {
    chosen[name] = params.get(name);
  });
  chosen.page = page;
  return chosen;
}

export async function requestsView({main, api, params}) {
  const page = params.get('page') || 1;
  const chosen = filtered(params, page);
  const list = await api('GET', '/requests' + query(Object.assign({records_per_page: 25}, chosen)));
  view(main, 'Request log');
  const form = el('form', {class: 'filters', 'aria-label': 'Filter the request log'});
  FILTERS.forEach(([name, label, example]) => {
    const id = 'filter-' + name;
    const field = el('div', {class: 'field'});
    field.append(el('label', {for: id}, label),
      el('input', {id, name, type: 'text', placeholder: example, value: params.get(name) || '', spellcheck: 'false'}));
    form.append(field);
  });
  const actions = el('div', {class: 'actions'});
  actions.append(button('Apply filters'), button('Clear filters', () => {
    location.hash = '#/requests';
  }, 'secondary'));
  form.append(actions);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = {};
    FILTERS.forEach(([name]) => {
      next[name] = form.elements[name].value;
    });
    location.hash = '#/requests' + query(next);
  });
  main.append(form);
  if (list.requests.length === 0) {
    main.append(el('p', {class: 'muted'}, 'No requests match these filters.'));
    return;
  }
  main.append(table('Requests, newest first', ['Time', 'Request', 'Status', 'Duration', 'Member', 'Request id'],
    list.requests.map((r) => [
      time(r.requested_at),
      el('code', {}, r.method + ' ' + r.path + (r.query ? '?' + r.query : '')),
      statusBadge(r.status),
      r.duration_ms + ' ms',
      r.member_guid && r.user_guid ? link('#/members/' + r.user_guid + '/' + r.member_guid, r.member_guid)
        : (r.member_guid || ''),
      link('#/request/' + encodeURIComponent(r.request_id), r.request_id),
    ])));
  main.append(pager(list.pagination, (p) => '#/requests' + query(filtered(params, p)), 'requests'));
}

export function statusBadge(status) {
  return el('span', {class: 'status s' + String(status).charAt(0)}, String(status));
}

export async function requestView({main, api}, id) {
  const r = (await api('GET', '/requests/' + encodeURIComponent(id))).request;
  view(main, r.method + ' ' + r.path);
  main.append(facts([
    ['Request id', r.request_id],
    ['Time', time(r.requested_at)],
    ['Query', r.query],
    ['Status', statusBadge(r.status)],
    ['Duration', r.duration_ms + ' ms'],
    ['User', r.user_guid],
    ['Member', r.member_guid && r.user_guid ? link('#/members/' + r.user_guid + '/' + r.member_guid, r.member_guid + ' (timeline)')
      : r.member_guid],
  ]));
  main.append(el('h2', {}, 'Request body'), body(r.request_body), el('h2', {}, 'Response body'), body(r.response_body));
  main.append(el('p', {class: 'muted'}, 'Bodies are shown as the log stored them: credential values, answers, keys '
    + 'and secrets were redacted before they were written.'));
}
