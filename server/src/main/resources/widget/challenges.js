// One form field per challenge type: TEXT, TOKEN and IMAGE_DATA are text fields (IMAGE_DATA under its picture),
// OPTIONS a list of choices and IMAGE_OPTIONS a grid of pictures. Choices answer with the option's guid, as MX's
// widget does.
import {el} from './dom.js';

export function challengeField(c, id) {
  if (c.type === 'OPTIONS' || c.type === 'IMAGE_OPTIONS') {
    const pictures = c.type === 'IMAGE_OPTIONS';
    const set = el('fieldset', {class: pictures ? 'choices pictures' : 'choices'});
    set.appendChild(el('legend', {}, c.label));
    (pictures ? c.image_options : c.options).forEach((o, j) => {
      const label = el('label', {class: 'choice', for: id + '-' + j});
      label.appendChild(el('input', {type: 'radio', name: id, id: id + '-' + j, value: o.guid, required: true}));
      label.appendChild(pictures ? el('img', {src: o.data_uri, alt: o.label}) : el('span', {}, o.label));
      set.appendChild(label);
    });
    return set;
  }
  const field = el('div', {class: 'stack'});
  if (c.type === 'IMAGE_DATA') {
    field.appendChild(el('img', {class: 'challenge-image', src: c.image_data, alt: 'The picture this question is about'}));
  }
  field.append(el('label', {for: id}, c.label), el('input', {id, type: 'text', required: true,
    autocomplete: c.type === 'TOKEN' ? 'one-time-code' : 'off', autocapitalize: 'off', spellcheck: 'false'}));
  return field;
}

/** The resume request's answers: one {guid, value} per challenge, in order. */
export function answers(form, challenges) {
  return challenges.map((c, i) => {
    const chosen = form.querySelector('input[name="challenge-' + i + '"]:checked') || form.querySelector('#challenge-' + i);
    return {guid: c.guid, value: chosen ? chosen.value : ''};
  });
}
