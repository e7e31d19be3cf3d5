// The widget's two channels: its own API on this server, and messages to the page that embeds or opened it.
import {Halt} from './dom.js';

/** Calls the widget API with the session secret; a 401 means the session has ended. */
export function widgetApi(secret, onEnded) {
  return async function api(method, path, body) {
    const headers = {Authorization: 'Bearer ' + secret, Accept: 'application/json'};
    if (body) {
      headers['Content-Type'] = 'application/json';
    }
    const r = await fetch('api/' + path, {method, headers, cache: 'no-store', body: body ? JSON.stringify(body) : undefined});
    if (r.status === 401) {
      onEnded();
      throw new Halt();
    }
    if (r.status === 204) {
      return null;
    }
    const json = await r.json().catch(() => null);
    if (!r.ok) {
      const error = new Error(json && json.error ? json.error.message : 'The server answered ' + r.status + '.');
      error.status = r.status;
      throw error;
    }
    return json;
  };
}

/**
 * Posts {mx: true, type, metadata} to the parent frame or the opener, as MX's widget does (ui_message_version 4);
 * every metadata names the user and the widget session.
 */
export function messenger(session) {
  return function post(type, metadata) {
    const target = window.parent !== window ? window.parent : window.opener;
    if (target) {
      const s = session();
      target.postMessage({mx: true, type,
        metadata: Object.assign({user_guid: s ? s.user_guid : null, session_guid: s ? s.guid : null}, metadata)}, '*');
    }
  };
}
