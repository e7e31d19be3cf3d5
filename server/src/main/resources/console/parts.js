// Pieces every console view is built from. Text always goes in through textContent, never as HTML.
import {el} from '/widget/assets/dom.js';

/** Replaces the view with a fresh one headed by an h1, which takes the focus so keyboards and readers start there. */
export function view(main, title) {
  main.replaceChildren();
  const h1 = el('h1', {tabindex: '-1'}, title);
  main.append(h1);
  h1.focus();
  return main;
}

export function link(href, text) {
  return el('a', {href}, text);
}

/** A time as the reader's clock shows it, with the exact UTC value kept in a time element. */
export function time(iso) {
  if (!iso) {
    return el('span', {class: 'muted'}, '—');
  }
  const d = new Date(iso);
  return el('time', {datetime: iso, title: iso}, isNaN(d) ? iso : d.toLocaleString('en-US', {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'}));
}

/** A table with a caption and column headers; each row is a list of cells (text or nodes). */
export function table(caption, headers, rows) {
  const t = el('table', {class: 'grid'});
  t.append(el('caption', {}, caption));
  const head = el('tr');
  headers.forEach((h) => head.append(el('th', {scope: 'col'}, h)));
  const thead = el('thead');
  thead.append(head);
  t.append(thead);
  const body = el('tbody');
  rows.forEach((cells) => {
    const tr = el('tr');
    cells.forEach((c) => {
      const td = el('td');
      td.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
      tr.append(td);
    });
    body.append(tr);
  });
  t.append(body);
  return t;
}

/** A list of term and value pairs; null values are left out. */
export function facts(pairs) {
  const dl = el('dl', {class: 'facts'});
  pairs.filter(([, v]) => v != null && v !== '').forEach(([k, v]) => {
    dl.append(el('dt', {}, k));
    const dd = el('dd');
    dd.append(v instanceof Node ? v : document.createTextNode(String(v)));
    dl.append(dd);
  });
  return dl;
}

/** MX's pagination as "Page 1 of 3" with Previous and Next links to the neighbouring pages. */
export function pager(pagination, hrefFor, noun) {
  const nav = el('nav', {class: 'pager', 'aria-label': 'Pages'});
  const page = pagination.current_page;
  const pages = Math.max(1, pagination.total_pages);
  if (page > 1) {
    nav.append(link(hrefFor(page - 1), 'Previous page'));
  }
  nav.append(el('span', {}, 'Page ' + page + ' of ' + pages + ' (' + pagination.total_entries + ' ' + noun + ')'));
  if (page < pages) {
    nav.append(link(hrefFor(page + 1), 'Next page'));
  }
  return nav;
}

/** A body as stored, pretty-printed when it is JSON. */
export function body(text) {
  if (text == null) {
    return el('p', {class: 'muted'}, 'No body kept.');
  }
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    shown = text;
  }
  return el('pre', {class: 'body', tabindex: '0'}, shown);
}

/** A status line for what a button did, read out by screen readers. */
export function said() {
  return el('p', {class: 'said', role: 'status'});
}
