// The console's one channel to the server: its ordinary JSON API, authenticated by the session cookie the browser
// sends by itself. Every change also carries the session's CSRF token, which the server checks.
import {Halt} from '/widget/assets/dom.js';

/** Thrown when the server answers with MX's error body (or without one): its message and status. */
export class ApiFailure extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** Calls the API as the signed-in client; a 401 means the session has ended, and {@code onEnded} runs. */
export function consoleApi(csrfToken, onEnded) {
  return async function api(method, path, body) {
    const headers = {Accept: 'application/json'};
    if (method !== 'GET') {
      headers['X-CSRF-Token'] = csrfToken;
    }
    if (body) {
      headers['Content-Type'] = 'application/json';
    }
    const r = await fetch(path, {method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body ? JSON.stringify(body) : undefined});
    if (r.status === 401) {
      onEnded();
      throw new Halt();
    }
    return answer(r);
  };
}

/** Signing in, reading the session, signing out: the console's own routes. */
export async function session(method, body, csrfToken) {
  const headers = {Accept: 'application/json'};
  if (body) {
    headers['Content-Type'] = 'application/json';
  }
  if (csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const r = await fetch('/console/session', {method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body ? JSON.stringify(body) : undefined});
  return answer(r);
}

async function answer(r) {
  if (r.status === 204) {
    return null;
  }
  const json = await r.json().catch(() => null);
  if (!r.ok) {
    throw new ApiFailure(json && json.error ? json.error.message : 'The server answered ' + r.status + '.', r.status);
  }
  return json;
}

/** A query string from the non-empty entries of {@code params}, with its "?" (or nothing). */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v != null && String(v).trim() !== '') {
      q.set(k, String(v).trim());
    }
  });
  const text = q.toString();
  return text ? '?' + text : '';
}
