// Checks a reply against the official client's own TypeScript declarations: every field must be one the client
// declares, with the declared type, and null only where the declaration allows it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * Places where MX's published spec (and so the client generated from it) is known to be wrong, each with the
 * reason OpenAgg does what MX's servers do instead. Keep this list short and explained.
 */
const KNOWN_SPEC_BUGS = {
  // Typed boolean in the v20111101 spec; MX returns the job's guid, "JOB-...", and v20250224 types it string.
  'MemberResponse.most_recent_job_guid': 'string',
};

function parseDeclarations(packageName) {
  const file = path.join(__dirname, '..', 'node_modules', packageName, 'dist', 'api.d.ts');
  const text = fs.readFileSync(file, 'utf8');
  const interfaces = {};
  const re = /export interface (\w+) \{([\s\S]*?)\n\}/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const fields = {};
    const fieldRe = /^\s+'?([A-Za-z0-9_]+)'?(\?)?: ([^;]+);/gm;
    let f;
    while ((f = fieldRe.exec(m[2])) !== null) {
      fields[f[1]] = parseType(f[3].trim());
    }
    interfaces[m[1]] = fields;
  }
  return interfaces;
}

function parseType(text) {
  const parts = text.split('|').map((p) => p.trim());
  const nullable = parts.includes('null');
  const base = parts.filter((p) => p !== 'null' && p !== 'undefined').join(' | ');
  const array = base.match(/^Array<(.+)>$/);
  return array ? { nullable, array: true, of: array[1] } : { nullable, array: false, of: base };
}

function makeChecker(packageName) {
  const interfaces = parseDeclarations(packageName);

  function check(value, typeName, where, problems) {
    const fields = interfaces[typeName];
    if (!fields) {
      throw new Error(`${packageName} declares no ${typeName}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${where}: expected a ${typeName} object, got ${JSON.stringify(value)}`);
      return problems;
    }
    for (const [key, v] of Object.entries(value)) {
      const type = fields[key];
      if (!type) {
        problems.push(`${where}.${key}: not a field of ${typeName} in ${packageName}`);
        continue;
      }
      const override = KNOWN_SPEC_BUGS[`${typeName}.${key}`];
      checkValue(v, override ? { nullable: true, array: false, of: override } : type, `${where}.${key}`, problems);
    }
    return problems;
  }

  function checkValue(v, type, where, problems) {
    if (v === null) {
      if (!type.nullable) problems.push(`${where}: null where ${packageName} does not allow null`);
      return;
    }
    if (type.array) {
      if (!Array.isArray(v)) {
        problems.push(`${where}: expected an array, got ${JSON.stringify(v)}`);
        return;
      }
      v.forEach((item, i) => checkValue(item, { nullable: false, array: false, of: type.of }, `${where}[${i}]`, problems));
      return;
    }
    const t = type.of;
    if (t === 'string' || t === 'number' || t === 'boolean') {
      if (typeof v !== t) problems.push(`${where}: expected ${t}, got ${typeof v} ${JSON.stringify(v)}`);
    } else if (t === 'any' || t.startsWith('{')) {
      // free-form
    } else if (interfaces[t]) {
      check(v, t, where, problems);
    } else if (typeof v !== 'string') {
      // Anything else the client declares (enums) is a string.
      problems.push(`${where}: expected a ${t} string, got ${JSON.stringify(v)}`);
    }
  }

  /** Throws listing every mismatch of {@code body} against the client's {@code typeName}. */
  return function expectShape(body, typeName) {
    const problems = check(body, typeName, typeName, []);
    if (problems.length) {
      throw new Error(`reply does not match ${packageName}'s ${typeName}:\n  ${problems.join('\n  ')}`);
    }
    return body;
  };
}

module.exports = { makeChecker };
