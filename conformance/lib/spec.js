// MX's OpenAPI file of v20250224, read at test time from ../shared/reference beside the repository (never copied
// into it), and a check of replies against it: a declared success status, `application/json`, every field of the
// declared schema with its declared type, null only where nullable, enums respected, no undeclared field; errors in
// MX's error body. The same rules as the Java tests' SpecCheck; the allowances below are the v20250224 entries of
// its SpecAllowances, with the same reasons.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');

const REFERENCE = path.join(__dirname, '..', '..', '..', 'shared', 'reference');
const CURRENT = 'mx_platform_api_v20250224_2025-11-06.yml';
// Tax documents and /holdings are in no 2025 file; OpenAgg serves them in both versions as in this older one.
const OLDER = 'mx_platform_api_v20111101.yml';

const CHALLENGE_PARTS = "MX's replies carry image_data, options and image_options only on the challenge type they "
  + 'belong to; the spec lists them without requiring them';
const ALLOWANCES = [
  { kind: 'STATUS', target: '/users/{user_identifier}/members/{member_identifier}/challenges', sent: 204,
    reason: 'MX documents 204 No Content for listing the challenges of a member that has none; the spec declares only 200' },
  { kind: 'MISSING', target: 'ChallengeResponse.image_data', reason: CHALLENGE_PARTS },
  { kind: 'MISSING', target: 'ChallengeResponse.options', reason: CHALLENGE_PARTS },
  { kind: 'MISSING', target: 'ChallengeResponse.image_options', reason: CHALLENGE_PARTS },
  { kind: 'BODY', target: '/users/{user_guid}/transactions/{transaction_guid}', declared: 'TransactionsResponseBodyIncludes',
    sent: 'TransactionResponseBody',
    reason: 'the spec declares the list body for reading one transaction; OpenAgg answers {"transaction": {...}}' },
  { kind: 'NULL', target: 'UserResponse.email', reason: 'a user created without an email has none' },
  { kind: 'NULL', target: 'InstitutionResponse.created_at', reason: 'connectors do not say when their institution was added' },
  { kind: 'NULL', target: 'InstitutionResponse.iso_country_code', reason: 'connectors do not declare a country' },
];

function load() {
  if (!fs.existsSync(path.join(REFERENCE, CURRENT))) {
    throw new Error(`MX's spec files are not at ${REFERENCE}: put a copy of shared/ beside the repository`);
  }
  return [CURRENT, OLDER].map((name) => yaml.load(fs.readFileSync(path.join(REFERENCE, name), 'utf8')));
}

/** The operations by operationId: the current file's, and the tax-document ones of the older file. */
function operations(files) {
  const found = {};
  files.forEach((file, i) => {
    for (const [template, item] of Object.entries(file.paths)) {
      if (i > 0 && !template.includes('tax_document')) continue;
      for (const method of ['get', 'post', 'put', 'delete']) {
        const op = item[method];
        if (op && op.operationId && !found[op.operationId]) found[op.operationId] = { template, method, op, file };
      }
    }
  });
  return found;
}

function makeSpec() {
  const files = load();
  const used = new Set();

  function schemaNamed(name) {
    for (const file of files) {
      const schema = ((file.components || {}).schemas || {})[name];
      if (schema) return schema;
    }
    throw new Error(`no schema ${name} in MX's spec files`);
  }
  const refName = (s) => (s && s.$ref ? s.$ref.split('/').pop() : null);
  function resolve(s) {
    let at = s;
    while (at && at.$ref) at = schemaNamed(refName(at));
    return at;
  }
  function allowance(kind, target, extra = () => true) {
    const found = ALLOWANCES.find((a) => a.kind === kind && a.target === target && extra(a));
    if (found) used.add(found);
    return found;
  }
  function properties(schema) {
    const s = resolve(schema);
    const all = {};
    for (const part of s.allOf || []) Object.assign(all, properties(part));
    return Object.assign(all, s.properties || {});
  }

  function checkValue(v, schemaOrRef, name, where, field, problems) {
    const schema = resolve(schemaOrRef);
    const ownName = refName(schemaOrRef) || name;
    if (v === null) {
      const nullable = schema.nullable || schemaOrRef.nullable || (schema.enum || []).includes(null);
      if (!nullable && !(field && allowance('NULL', field))) problems.push(`${where}: null where the spec does not allow it`);
      return;
    }
    if (schema.enum && !schema.enum.includes(v)) {
      problems.push(`${where}: ${JSON.stringify(v)} is not one of ${schema.enum.join(', ')}`);
      return;
    }
    const type = schema.type || (schema.items ? 'array' : (schema.properties || schema.allOf ? 'object' : ''));
    if (type === 'object') {
      if (typeof v !== 'object' || Array.isArray(v)) {
        problems.push(`${where}: expected an object, got ${JSON.stringify(v)}`);
        return;
      }
      const props = properties(schema);
      if (!Object.keys(props).length) return;
      for (const [key, sub] of Object.entries(props)) {
        const at = where ? `${where}.${key}` : key;
        const f = `${ownName}.${key}`;
        if (!(key in v)) {
          if (!allowance('MISSING', f)) problems.push(`${at}: missing (${f})`);
        } else {
          checkValue(v[key], sub, null, at, f, problems);
        }
      }
      for (const key of Object.keys(v)) {
        if (!(key in props)) problems.push(`${where ? `${where}.` : ''}${key}: not a field of ${ownName}`);
      }
    } else if (type === 'array') {
      if (!Array.isArray(v)) problems.push(`${where}: expected an array, got ${JSON.stringify(v)}`);
      else v.forEach((item, i) => checkValue(item, schema.items, null, `${where}[${i}]`, null, problems));
    } else if (type === 'integer') {
      if (!Number.isInteger(v)) problems.push(`${where}: expected an integer, got ${JSON.stringify(v)}`);
    } else if (['string', 'number', 'boolean'].includes(type)) {
      if (typeof v !== type) problems.push(`${where}: expected ${type}, got ${JSON.stringify(v)}`);
    } else {
      problems.push(`${where}: the spec declares type '${type}', which this check does not know`);
    }
  }

  /** Throws listing every departure of a reply ({status, contentType, body}) from operation `operationId`. */
  function check(operationId, { status, contentType, body }) {
    const { template, method, op } = ops[operationId];
    const problems = [];
    const type = (contentType || '').split(';')[0].trim();
    if (status >= 400) {
      const ok = body && typeof body === 'object' && Object.keys(body).join() === 'error'
        && Object.keys(body.error).join() === 'message' && typeof body.error.message === 'string';
      if (!ok) problems.push("an error reply that is not MX's error body");
    } else {
      const response = (op.responses || {})[String(status)];
      if (!response) {
        if (!allowance('STATUS', template, (a) => a.sent === status)) {
          problems.push(`status ${status} is not declared for ${method.toUpperCase()} ${template}`);
        }
      } else if (response.content) {
        const declared = Object.keys(response.content)[0];
        if (declared.endsWith('pdf')) {
          if (type !== declared) problems.push(`Content-Type ${type} where the spec declares ${declared}`);
        } else {
          if (type !== 'application/json') problems.push(`Content-Type ${type} where v20250224 answers application/json`);
          let schema = response.content[declared].schema;
          const replaced = allowance('BODY', template, (a) => a.declared === refName(schema));
          if (replaced) schema = { $ref: `#/components/schemas/${replaced.sent}` };
          checkValue(body, schema, refName(schema), '', null, problems);
        }
      }
    }
    if (problems.length) {
      throw new Error(`${operationId} answered ${status} against MX's v20250224 spec:\n  ${problems.join('\n  ')}`);
    }
  }

  const ops = operations(files);
  /** A `#/components/parameters/...` reference, from the first file that has it. */
  function parameter(ref) {
    const name = ref.split('/').pop();
    return files.map((f) => ((f.components || {}).parameters || {})[name]).find(Boolean);
  }

  return { operations: ops, check, parameter, unusedAllowances: () => ALLOWANCES.filter((a) => !used.has(a)) };
}

module.exports = { makeSpec, ALLOWANCES };
