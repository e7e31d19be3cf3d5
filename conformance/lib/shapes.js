// Checks a reply against what one client version declares: the root keys of the reply type are all there, every
// field is one the client declares, with the declared type (enums: one of the declared values), and null only
// where the declaration allows it. The only exceptions are the known spec bugs below.
'use strict';
const { PRIMITIVES } = require('./declarations');

/**
 * Places where MX's published spec (and so the client generated from it) is wrong about what MX's servers send.
 * Each entry applies only to a client version whose declaration still says `declared`; an entry that no
 * installed version needs any more fails the run, so the list cannot go stale. Listed in docs/compatibility.md.
 */
const KNOWN_SPEC_BUGS = [
  {
    method: 'readTransaction',
    declared: 'TransactionsResponseBodyIncludes',
    sent: 'TransactionResponseBody',
    reason: 'the later v20111101 revision behind mx-platform-node 2.x declares the list body (`transactions`, '
      + 'an array) for reading one transaction; OpenAgg answers `{"transaction": {...}}`, the body of the '
      + 'revision it implements, which mx-platform-node 1.8.2 declares',
  },
];

/** The spec bugs that apply to one client version's declarations. */
function specBugsFor(declarations) {
  return KNOWN_SPEC_BUGS.filter((bug) => (declarations.methods[bug.method] || []).some((m) => m.returns === bug.declared));
}

/** The reply type to check a method's replies against, after the known spec bugs. */
function replyType(declarations, bugs, method) {
  const bug = bugs.find((b) => b.method === method.name && b.declared === method.returns);
  return bug ? bug.sent : method.returns;
}

function makeChecker(alias, declarations) {
  const { interfaces, enums } = declarations;

  function checkObject(value, typeName, where, problems, root) {
    const fields = interfaces[typeName];
    if (!fields) throw new Error(`${alias} declares no ${typeName}`);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${where}: expected a ${typeName} object, got ${JSON.stringify(value)}`);
      return;
    }
    if (root) {
      for (const key of Object.keys(fields)) {
        if (!(key in value)) problems.push(`${where}.${key}: root key missing`);
      }
    }
    for (const [key, v] of Object.entries(value)) {
      const type = fields[key];
      if (!type) {
        problems.push(`${where}.${key}: not a field of ${typeName} in ${alias}`);
        continue;
      }
      checkValue(v, type, `${where}.${key}`, problems);
    }
  }

  function checkValue(v, type, where, problems) {
    if (v === null) {
      if (!type.nullable) problems.push(`${where}: null where ${alias} does not allow null`);
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
    if (PRIMITIVES.has(t)) {
      if (typeof v !== t || (t === 'number' && !Number.isFinite(v))) {
        problems.push(`${where}: expected ${t}, got ${typeof v} ${JSON.stringify(v)}`);
      }
    } else if (enums[t]) {
      if (!enums[t].has(v)) problems.push(`${where}: ${JSON.stringify(v)} is not one of ${t}: ${[...enums[t]].join(', ')}`);
    } else if (interfaces[t]) {
      checkObject(v, t, where, problems, false);
    } else if (t !== 'any') {
      throw new Error(`${where}: ${alias} declares type ${t}, which this checker does not know`);
    }
  }

  /** Throws listing every mismatch of `body` against the reply type `typeName`. */
  return function expectShape(body, typeName) {
    const problems = [];
    checkObject(body, typeName, typeName, problems, true);
    if (problems.length) {
      throw new Error(`reply does not match ${alias}'s ${typeName}:\n  ${problems.join('\n  ')}`);
    }
    return body;
  };
}

module.exports = { KNOWN_SPEC_BUGS, specBugsFor, replyType, makeChecker };
