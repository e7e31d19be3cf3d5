// OAuth institutions: the end user logs in on the institution's own consent page, opened in a pop-up (in a mobile
// web view, in the same view), while the widget waits for the member to leave PENDING. The consent page also posts
// oauthComplete to this page when it ends, which is how a cancelled consent (the member stays PENDING) is known.
import {alertBox, badge, busy, button, el, fail, Halt} from './dom.js';

const POLL_MS = 1000;
const WINDOW = 'openagg-oauth';
let attempt = 0;

/** The first view for an OAuth institution ({code, name}); with a member, that member is authorised again. */
export function oauthStart(w, institution, member) {
  const box = alertBox();
  const go = button('Go to log in', () => authorize(w, institution, member, box, go));
  w.show('enterCreds', 'Log in at ' + institution.name, [
    el('p', {}, 'You will log in on ' + institution.name + '’s own page and choose what to share there. Your '
      + 'username and password stay with ' + institution.name + '.'),
    box, go, button('Choose another institution', () => w.forgetMember(true), 'secondary')], go);
  w.post('mx/connect/enterCredentials', {institution: {code: institution.code, guid: null}});
}

/**
 * Creates the OAuth member (or asks for a new consent page for `member`) and sends the end user there. Called in a
 * click: a pop-up opened before the first await is not blocked, and gets its address once the server has it.
 */
export async function authorize(w, institution, member, box, control) {
  const inPlace = w.session().is_mobile_webview;
  const popup = inPlace ? null : window.open('', WINDOW, 'popup,width=480,height=720');
  busy(control, true);
  let reply;
  try {
    reply = member
      ? await w.api('POST', 'members/' + member.guid + '/oauth_window_uri')
      : await w.api('POST', 'members', {member: {institution_code: institution.code, is_oauth: true}});
  } catch (error) {
    if (popup) {
      popup.close();
    }
    busy(control, false);
    if (!member && !(error instanceof Halt)) {
      w.post('mx/connect/createMemberError', {institution_code: institution.code, institution_guid: null});
    }
    fail(box, error);
    return;
  }
  const m = reply.member;
  if (!member) {
    w.post('mx/connect/memberCreated', {member_guid: m.guid, institution: {code: institution.code, guid: null}});
  }
  w.post('mx/connect/oauthRequested', {url: m.oauth_window_uri, member_guid: m.guid});
  if (inPlace) {
    location.assign(m.oauth_window_uri);
    return;
  }
  if (popup) {
    popup.location.href = m.oauth_window_uri;
  }
  waiting(w, {code: institution.code, name: m.institution_name}, m, popup);
}

/** Waits for the consent: polls the member, listens for the page's oauthComplete, and notices a closed pop-up. */
function waiting(w, institution, member, popup) {
  w.stopWatching();
  const mine = ++attempt;
  const name = institution.name;
  let timer = null;
  let reported = null;     // the error_reason the consent page posted, if it posted one
  let closedOnce = false;  // a closed pop-up is believed on the next poll, once any result has had time to land
  const live = () => mine === attempt && w.step() === 'waitingForOauth';
  const onMessage = (e) => {
    const data = e.data;
    if (e.origin !== location.origin || !data || !data.mx || typeof data.type !== 'string'
      || !data.type.startsWith('oauthComplete/') || !data.metadata || data.metadata.member_guid !== member.guid) {
      return;
    }
    reported = data.type === 'oauthComplete/success' ? null : (data.metadata.error_reason || 'UNKNOWN_ERROR');
    clearTimeout(timer);
    poll();
  };
  const stop = () => {
    window.removeEventListener('message', onMessage);
    clearTimeout(timer);
  };
  async function poll() {
    if (!live()) {
      stop();
      return;
    }
    try {
      const m = (await w.api('GET', 'members/' + member.guid)).member;
      if (!live()) {
        stop();
        return;
      }
      if (m.connection_status !== 'PENDING') {
        stop();
        w.watch(m);
        return;
      }
      if (reported || (popup && popup.closed && closedOnce)) {
        stop();
        ended(w, institution, m, reported || 'CLOSED');
        return;
      }
      closedOnce = Boolean(popup && popup.closed);
    } catch (e) {
      if (e instanceof Halt) {
        stop();
        return;
      }
    }
    timer = setTimeout(poll, POLL_MS);
  }
  const box = alertBox();
  const again = button('Open ' + name + ' again', () => authorize(w, institution, member, box, again), 'secondary');
  w.show('waitingForOauth', 'Waiting for ' + name, [el('div', {class: 'spinner', 'aria-hidden': 'true'}),
    el('p', {role: 'status', class: 'muted'}, popup
      ? 'Finish logging in at ' + name + ' in the window that opened. This page moves on by itself.'
      : 'Your browser did not open the window for ' + name + '. Open it to log in.'),
    box, again, button('Choose another institution', () => w.forgetMember(true), 'secondary')], popup ? null : again);
  window.addEventListener('message', onMessage);
  timer = setTimeout(poll, POLL_MS);
}

/** The consent ended without a change to the member: cancelled on the page, or its window closed. */
function ended(w, institution, member, reason) {
  const cancelled = reason === 'CANCELLED';
  const box = alertBox();
  const again = button('Try again', () => authorize(w, institution, member, box, again));
  w.show('oauthError', cancelled ? 'You cancelled logging in' : 'Logging in did not finish', [badge(false),
    el('p', {}, (cancelled ? 'You left ' + institution.name + ' without allowing access.'
      : 'The ' + institution.name + ' window closed before you chose to allow access.') + ' Nothing was shared.'),
    box, again, button('Choose another institution', () => w.forgetMember(true), 'secondary')]);
  w.post('mx/connect/oauthError', {member_guid: member.guid});
}
