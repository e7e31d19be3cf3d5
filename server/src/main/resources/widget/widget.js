// OpenAgg's connect widget. Everything it knows comes from the server (the session, and the member the session is
// connecting), so a reload lands on the same step. The session secret arrives in the URL's fragment.
import {badge, el, Halt} from './dom.js';
import {messenger, widgetApi} from './server.js';
import {credentials, search} from './signin.js';
import {watcher} from './status.js';

const root = document.getElementById('widget');
const secret = (/(?:^|[#&])session=([^&]+)/.exec(location.hash) || [])[1];
let session = null;
let step = null;

const w = {
  api: widgetApi(secret, () => problem('This session has ended', 'Go back to the app and start again to connect your account.')),
  post: messenger(() => session),
  step: () => step,
  session: () => session,
  show,
  problem,
  forgetMember,
};
const watching = watcher(w);
w.watch = watching.watch;
w.stopWatching = watching.stop;

/** Replaces the page with a view, tells the embedding page about the step, and moves focus into the view. */
function show(name, title, parts, focus) {
  const section = el('section', {class: 'view', 'data-step': name});
  const heading = el('h1', {tabindex: '-1'}, title);
  if (parts[0] && parts[0].classList.contains('badge')) {
    section.appendChild(parts.shift());
  }
  section.append(heading, ...parts.filter(Boolean));
  root.replaceChildren(section);
  if (step === null) {
    w.post('mx/connect/loaded', {initial_step: name});
  } else if (step !== name) {
    w.post('mx/connect/stepChange', {previous: step, current: name});
  }
  step = name;
  (focus || heading).focus();
}

function problem(title, message) {
  watching.stop();
  show('error', title, [badge(false), el('p', {}, message)]);
}

/** Leaves the session's member behind and starts again: at the search, or where the session began. */
async function forgetMember(toSearch) {
  watching.stop();
  try {
    await w.api('DELETE', 'session/member');
    session.member_guid = null;
    await (toSearch ? search(w) : begin());
  } catch (e) {
    if (!(e instanceof Halt)) {
      problem('Something went wrong', e.message);
    }
  }
}

/** Goes where the session is: its member, the client's institution, or the search. */
async function begin() {
  if (session.member_guid) {
    try {
      const member = (await w.api('GET', 'members/' + session.member_guid)).member;
      return w.watch(member);
    } catch (e) {
      if (e.status !== 404) {
        throw e;
      }
      return forgetMember(false);
    }
  }
  return session.institution_code ? credentials(w, session.institution_code, null) : search(w);
}

async function start() {
  if (!secret) {
    problem('This session has ended', 'Go back to the app and start again to connect your account.');
    return;
  }
  try {
    session = (await w.api('GET', 'session')).session;
    document.documentElement.setAttribute('data-scheme', session.color_scheme);
    await begin();
  } catch (e) {
    if (!(e instanceof Halt)) {
      problem('Something went wrong', e.message);
    }
  }
}

start();
