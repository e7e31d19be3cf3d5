// Small helpers that build the widget's views. Text always goes in through textContent, never as HTML.

/** Thrown to stop a chain of work once the page has shown that the session ended. */
export class Halt extends Error {}

export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === true) {
      node.setAttribute(k, '');
    } else if (v !== false && v != null) {
      node.setAttribute(k, v);
    }
  });
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

/** A real button: a submit button without a handler, a plain one with. */
export function button(text, onClick, kind) {
  const b = el('button', {type: onClick ? 'button' : 'submit', class: kind || 'primary'}, text);
  if (onClick) {
    b.addEventListener('click', onClick);
  }
  return b;
}

export function badge(ok) {
  return el('div', {class: ok ? 'badge badge-ok' : 'badge badge-error', 'aria-hidden': 'true'}, ok ? '✓' : '!');
}

export function alertBox() {
  return el('p', {class: 'alert', role: 'alert', hidden: true});
}

export function fail(box, error) {
  if (error instanceof Halt) {
    return;
  }
  box.textContent = error.message;
  box.hidden = false;
}

/** Disables a form's controls (or one button) while a request runs. */
export function busy(area, on) {
  [area, ...area.querySelectorAll('button, input')].forEach((c) => {
    if ('disabled' in c) {
      c.disabled = on;
    }
  });
  area.setAttribute('aria-busy', on ? 'true' : 'false');
}

/** CREDIT_CARD as "Credit card". */
export function words(type) {
  return (type || '').toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function money(amount, currency) {
  if (amount == null) {
    return '';
  }
  try {
    return new Intl.NumberFormat('en-US', {style: 'currency', currency: currency || 'USD'}).format(amount);
  } catch (e) {
    return String(amount);
  }
}
