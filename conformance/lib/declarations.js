// Reads an installed mx-platform-node's own TypeScript declarations (dist/api.d.ts): the response interfaces with
// their fields, the string enums, and each API class's methods with their parameter names and declared reply type.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const PRIMITIVES = new Set(['string', 'number', 'boolean']);

function read(alias) {
  const file = path.join(__dirname, '..', 'node_modules', alias, 'dist', 'api.d.ts');
  const text = fs.readFileSync(file, 'utf8');
  return { interfaces: interfaces(text), enums: enums(text), methods: methods(text) };
}

/** interface name -> field name -> {nullable, array, of}. */
function interfaces(text) {
  const found = {};
  for (const [, name, body] of text.matchAll(/^export interface (\w+) \{([\s\S]*?)\n\}/gm)) {
    const fields = {};
    for (const [, field, type] of body.matchAll(/^ {4}'?(\w+)'?\??: ([^;]+);/gm)) {
      fields[field] = parseType(type.trim());
    }
    found[name] = fields;
  }
  return found;
}

/** enum name -> the set of its string values (`export declare const XEnum: { readonly A: "A"; }`). */
function enums(text) {
  const found = {};
  for (const [, name, body] of text.matchAll(/^export declare const (\w+): \{([\s\S]*?)\n\};/gm)) {
    const values = [...body.matchAll(/readonly \w+: "([^"]*)";/g)].map((m) => m[1]);
    if (values.length) found[name] = new Set(values);
  }
  return found;
}

/** method name -> [{class, params: [{name, optional}], returns}], from the classes that extend BaseAPI. */
function methods(text) {
  const found = {};
  for (const [, cls, body] of text.matchAll(/^export declare class (\w+) extends BaseAPI \{([\s\S]*?)\n\}/gm)) {
    const re = /^ {4}(\w+)\((.*)\): Promise<import\("axios"\)\.AxiosResponse<(\w+),/gm;
    for (const [, name, params, returns] of body.matchAll(re)) {
      const list = params.split(/, (?=\w+\??: )/).filter(Boolean)
        .map((p) => p.match(/^(\w+)(\?)?:/))
        .map((m) => ({ name: m[1], optional: Boolean(m[2]) }))
        .filter((p) => p.name !== 'options');
      (found[name] ||= []).push({ class: cls, params: list, returns });
    }
  }
  return found;
}

function parseType(text) {
  const parts = text.split(' | ').map((p) => p.trim());
  const nullable = parts.includes('null');
  const base = parts.filter((p) => p !== 'null').join(' | ');
  const array = base.match(/^Array<(\w+)>$/);
  return array ? { nullable, array: true, of: array[1] } : { nullable, array: false, of: base };
}

module.exports = { read, PRIMITIVES };
