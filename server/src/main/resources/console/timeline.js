// A member's timeline drawn as one: a line of dated entries, oldest first, each challenge drawn as the end user saw
// it (its label, its options, its pictures), each webhook delivery with its attempts.
import {el, words} from '/widget/assets/dom.js';
import {link, time} from './parts.js';

const TITLES = {
  JOB_STARTED: 'Job started',
  STATUS_CHANGED: 'Status changed',
  CHALLENGES_SHOWN: 'Challenges shown',
  ANSWERS_RECEIVED: 'Answers received',
  DATA_STORED: 'Data stored',
  JOB_ENDED: 'Job ended',
  WEBHOOK_DELIVERY: 'Webhook delivery',
};

export function timeline(entries) {
  if (entries.length === 0) {
    return el('p', {class: 'muted'}, 'Nothing has happened to this member yet.');
  }
  const list = el('ol', {class: 'timeline'});
  entries.forEach((e) => list.append(entry(e)));
  return list;
}

function entry(e) {
  const d = e.detail || {};
  const li = el('li', {class: 'entry kind-' + e.kind.toLowerCase().replace(/_/g, '-')});
  const head = el('div', {class: 'entry-head'});
  head.append(el('h3', {}, TITLES[e.kind] || e.kind), time(e.at));
  li.append(head);
  const what = describe(e.kind, d);
  if (what) {
    li.append(what);
  }
  if (e.kind === 'CHALLENGES_SHOWN') {
    (d.challenges || []).forEach((c) => li.append(challenge(c)));
  }
  if (e.kind === 'WEBHOOK_DELIVERY') {
    li.append(attempts(d.attempts || []));
  }
  const source = el('p', {class: 'source muted'});
  if (e.request_id) {
    source.append('By ', link('#/request/' + encodeURIComponent(e.request_id),
      e.request ? e.request.method + ' ' + e.request.path + ' → ' + e.request.status : 'request ' + e.request_id));
  } else if (e.kind !== 'WEBHOOK_DELIVERY') {
    source.append('In the background (no request)');
  }
  if (e.job_guid) {
    source.append(source.childNodes.length ? ' · ' : '', 'job ' + e.job_guid);
  }
  if (source.childNodes.length) {
    li.append(source);
  }
  return li;
}

function describe(kind, d) {
  switch (kind) {
    case 'JOB_STARTED':
      return el('p', {}, words(d.job_kind));
    case 'STATUS_CHANGED': {
      const p = el('p', {class: 'change'});
      p.append(el('span', {class: 'from'}, d.from), ' → ', el('strong', {}, d.to));
      return p;
    }
    case 'CHALLENGES_SHOWN':
      return d.expires_at ? el('p', {class: 'muted'}, 'Open until ' + new Date(d.expires_at).toLocaleString('en-US')) : null;
    case 'ANSWERS_RECEIVED': {
      const n = (d.answers || []).length;
      return el('p', {}, n + (n === 1 ? ' answer' : ' answers') + ' (values redacted)');
    }
    case 'DATA_STORED':
      return el('p', {}, Object.entries(d).filter(([k]) => k !== 'job_kind')
        .map(([k, v]) => words(k) + ': ' + v).join(' · '));
    case 'JOB_ENDED':
      return el('p', {}, words(d.job_kind) + (d.outcome ? ', ' + d.outcome : ''));
    case 'WEBHOOK_DELIVERY':
      return el('p', {}, d.event_type + ' · ' + d.status + ' · delivery ' + d.delivery_guid);
    default:
      return null;
  }
}

/** A challenge as the widget showed it: the label, then its field, choices or pictures, all inert here. */
function challenge(c) {
  const box = el('figure', {class: 'challenge'});
  box.append(el('figcaption', {}, c.label || '(no label)'));
  box.append(el('p', {class: 'muted type'}, c.type));
  if (c.image_data) {
    box.append(el('img', {src: c.image_data, alt: 'The picture shown with this challenge', class: 'challenge-image'}));
  }
  if (c.options && c.options.length) {
    const ul = el('ul', {class: 'options'});
    c.options.forEach((o) => ul.append(el('li', {}, o.label)));
    box.append(ul);
  }
  if (c.image_options && c.image_options.length) {
    const ul = el('ul', {class: 'pictures'});
    c.image_options.forEach((o) => {
      const li = el('li');
      li.append(el('img', {src: o.data_uri, alt: o.label || 'A picture option'}), el('span', {}, o.label || ''));
      ul.append(li);
    });
    box.append(ul);
  }
  if (!c.options && !c.image_options) {
    box.append(el('div', {class: 'field-shown', 'aria-hidden': 'true'}));
  }
  return box;
}

export function attempts(list) {
  if (list.length === 0) {
    return el('p', {class: 'muted'}, 'Not attempted yet.');
  }
  const ol = el('ol', {class: 'attempts'});
  list.forEach((a) => {
    const li = el('li');
    li.append('Attempt ' + a.attempt + ', ', time(a.attempted_at), ': ',
      a.http_status ? 'HTTP ' + a.http_status : (a.error || 'no answer'), ' in ' + a.duration_ms + ' ms');
    ol.append(li);
  });
  return ol;
}
