// The client's webhooks, and one webhook's deliveries with their attempts and a Redeliver button for each.
import {el, button, busy, alertBox, fail, Halt} from '/widget/assets/dom.js';
import {query} from './api.js';
import {view, link, time, table, pager, said} from './parts.js';
import {attempts} from './timeline.js';

export async function webhooksView({main, api, params}) {
  const page = params.get('page') || 1;
  const list = await api('GET', '/webhooks' + query({page, records_per_page: 25}));
  view(main, 'Webhooks');
  if (list.webhooks.length === 0) {
    main.append(el('p', {class: 'muted'}, 'This client has no webhooks. Register one with POST /webhooks.'));
    return;
  }
  main.append(table('Webhooks', ['URL', 'Events', 'Enabled', 'Deliveries'], list.webhooks.map((w) => [
    el('code', {}, w.url), (w.event_types || []).join(', '), w.enabled ? 'yes' : 'no',
    link('#/webhooks/' + w.guid, 'Deliveries of ' + w.guid)])));
  main.append(pager(list.pagination, (p) => '#/webhooks?page=' + p, 'webhooks'));
}

export async function webhookView({main, api, params}, guid) {
  const page = params.get('page') || 1;
  const base = '/webhooks/' + encodeURIComponent(guid);
  const [hook, list] = await Promise.all([api('GET', base),
    api('GET', base + '/deliveries' + query({page, records_per_page: 25}))]);
  view(main, 'Deliveries to ' + hook.webhook.url);
  const done = said();
  const alert = alertBox();
  main.append(el('p', {}, link('#/webhooks', 'All webhooks')), alert, done);
  if (list.deliveries.length === 0) {
    main.append(el('p', {class: 'muted'}, 'Nothing has been sent to this webhook yet.'));
    return;
  }
  const ol = el('ol', {class: 'deliveries'});
  list.deliveries.forEach((d) => {
    const li = el('li', {class: 'delivery'});
    const head = el('div', {class: 'entry-head'});
    head.append(el('h2', {}, d.event_type + ' · ' + d.status), time(d.created_at));
    li.append(head, el('p', {class: 'muted'}, 'Delivery ' + d.guid + ' · event ' + d.event_id
      + (d.member_guid ? ' · member ' + d.member_guid : '')
      + (d.next_attempt_at ? ' · next attempt ' + new Date(d.next_attempt_at).toLocaleString('en-US') : '')));
    li.append(attempts(d.attempts || []));
    const again = button('Redeliver', async () => {
      alert.hidden = true;
      busy(again, true);
      try {
        await api('POST', base + '/deliveries/' + encodeURIComponent(d.guid) + '/redeliver');
        done.textContent = 'Delivery ' + d.guid + ' is queued to be sent again.';
      } catch (error) {
        if (!(error instanceof Halt)) {
          fail(alert, error);
        }
      } finally {
        busy(again, false);
      }
    }, 'secondary');
    li.append(again);
    ol.append(li);
  });
  main.append(ol);
  main.append(pager(list.pagination, (p) => '#/webhooks/' + guid + '?page=' + p, 'deliveries'));
}
