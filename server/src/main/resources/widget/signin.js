// The first steps: finding the institution, then its sign-in form, for a new member or for new credentials on an
// existing one. `w` is the widget (widget.js): its API, its messages, its views and what comes next.
import {alertBox, busy, button, el, fail, Halt} from './dom.js';
import {oauthStart} from './oauth.js';

export function search(w) {
  w.stopWatching();
  const list = el('ul', {class: 'institutions', 'aria-label': 'Institutions'});
  const input = el('input', {id: 'search', type: 'search', autocomplete: 'off', placeholder: 'Bank name'});
  const form = el('form', {role: 'search'});
  form.append(el('label', {for: 'search'}, 'Search for your bank or credit union'), input);
  form.addEventListener('submit', (e) => e.preventDefault());
  const run = async () => {
    const query = input.value.trim();
    try {
      const found = await w.api('GET', 'institutions?records_per_page=100&name=' + encodeURIComponent(query));
      list.replaceChildren(...found.institutions.map((i) => {
        const choose = button('', () => {
          w.post('mx/connect/selectedInstitution', {code: i.code, guid: null, name: i.name, url: i.url});
          if (i.supports_oauth) {
            oauthStart(w, i, null);
          } else {
            credentials(w, i.code, null);
          }
        }, 'institution');
        choose.append(el('span', {class: 'name'}, i.name), el('span', {class: 'url'}, i.url || ''));
        const item = el('li');
        item.appendChild(choose);
        return item;
      }));
      if (!found.institutions.length) {
        list.appendChild(el('li', {class: 'muted'}, 'No institution matches “' + query + '”.'));
      }
      list.setAttribute('data-query', query);
    } catch (e) {
      if (!(e instanceof Halt)) {
        list.replaceChildren(el('li', {class: 'alert'}, e.message));
      }
    }
  };
  let pending = null;
  input.addEventListener('input', () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      w.post('mx/connect/institutionSearch', {query: input.value.trim()});
      run();
    }, 250);
  });
  w.show('search', 'Connect your account', [form, list], input);
  run();
}

/**
 * The institution's sign-in form; with a member, its credentials are replaced instead of a member created. An OAuth
 * institution has no form: its end user logs in on its consent page.
 */
export async function credentials(w, code, member) {
  w.stopWatching();
  let institution;
  let fields;
  try {
    const path = 'institutions/' + encodeURIComponent(code);
    const [one, list] = await Promise.all([w.api('GET', path), w.api('GET', path + '/credentials')]);
    institution = one.institution;
    fields = list.credentials.slice().sort((a, b) => a.display_order - b.display_order);
  } catch (e) {
    if (!(e instanceof Halt)) {
      w.problem('We could not open this institution', e.message);
    }
    return;
  }
  if (institution.supports_oauth) {
    oauthStart(w, institution, member);
    return;
  }
  const form = el('form', {class: 'stack'});
  const box = alertBox();
  fields.forEach((f, i) => {
    const secret = f.field_type === 'PASSWORD';
    form.append(el('label', {for: 'credential-' + i}, f.label), el('input', {id: 'credential-' + i, 'data-guid': f.guid,
      required: true, autocapitalize: 'off', spellcheck: 'false', type: secret ? 'password' : 'text',
      autocomplete: secret ? 'current-password' : 'username'}));
  });
  form.append(box, button(member ? 'Reconnect' : 'Connect'));
  if (!member) {
    form.append(button('Choose another institution', () => search(w), 'secondary'));
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = [...form.querySelectorAll('input[data-guid]')].map((i) => ({guid: i.dataset.guid, value: i.value}));
    busy(form, true);
    try {
      const reply = member
        ? await w.api('PUT', 'members/' + member.guid + '/credentials', {member: {credentials: values}})
        : await w.api('POST', 'members', {member: {institution_code: code, credentials: values}});
      w.post(member ? 'mx/connect/updateCredentials' : 'mx/connect/memberCreated',
        {member_guid: reply.member.guid, institution: {code, guid: null}});
      w.watch(reply.member);
    } catch (error) {
      busy(form, false);
      if (!member && !(error instanceof Halt)) {
        w.post('mx/connect/createMemberError', {institution_code: code, institution_guid: null});
      }
      fail(box, error);
    }
  });
  const title = (member ? 'Sign in again to ' : 'Sign in to ') + institution.name;
  w.show('enterCreds', title, [el('p', {class: 'muted'}, institution.instructional_text || ''), form],
    form.querySelector('input'));
  w.post('mx/connect/enterCredentials', {institution: {code, guid: null}});
}
