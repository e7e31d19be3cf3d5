// The reply checker itself, against the installed clients' real declarations: it must catch each kind of mismatch
// the conformance suite relies on it to catch.
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { describeVersion } = require('../lib/client');
const { replyType } = require('../lib/shapes');

const v1 = describeVersion('mx-platform-node-v1');
const v2 = describeVersion('mx-platform-node-v2');

const USER = { email: null, guid: 'USR-1', id: 'partner-1', is_disabled: false, metadata: null };

function rejects(version, body, type, problem) {
  assert.throws(() => version.expectShape(body, type), (e) => e.message.includes(problem), `${version.alias}: ${problem}`);
}

describe('the reply checker', () => {
  it('accepts a reply with the declared fields and types', () => {
    for (const version of [v1, v2]) version.expectShape({ user: USER }, 'UserResponseBody');
  });

  it('refuses a field the client does not know', () => {
    rejects(v1, { user: { ...USER, has_processed_accounts: true } }, 'UserResponseBody', 'user.has_processed_accounts: not a field of UserResponse');
    rejects(v2, { member: { guid: 'MBR-1', error: null } }, 'MemberResponseBody', 'member.error: not a field of MemberResponse');
  });

  it('refuses a number where the client expects a string, and a string for a number', () => {
    rejects(v1, { user: { ...USER, id: 7 } }, 'UserResponseBody', 'user.id: expected string, got number 7');
    rejects(v2, { pagination: { current_page: '1' }, users: [] }, 'UsersResponseBody', 'pagination.current_page: expected number');
  });

  it('refuses null where the client does not allow it', () => {
    rejects(v2, { challenges: [{ guid: 'CRD-1', options: null }], pagination: {} }, 'ChallengesResponseBody',
      'challenges[0].options: null where');
  });

  it('refuses a reply without one of its root keys, or under another root key', () => {
    rejects(v1, { users: [] }, 'UsersResponseBody', 'UsersResponseBody.pagination: root key missing');
    rejects(v1, { users: [USER] }, 'UserResponseBody', 'UserResponseBody.user: root key missing');
  });

  it('refuses a value outside a declared enum', () => {
    rejects(v2, { member: { guid: 'MBR-1', use_cases: ['SAVINGS'] } }, 'MemberResponseBody', '"SAVINGS" is not one of MemberResponseUseCasesEnum');
    v2.expectShape({ member: { guid: 'MBR-1', use_cases: ['PFM'] } }, 'MemberResponseBody');
  });

  it('holds most_recent_job_guid to each client\'s declared type: boolean or null for 1.8.2, string or null for 2.1.0', () => {
    for (const version of [v1, v2]) version.expectShape({ member: { most_recent_job_guid: null } }, 'MemberResponseBody');
    rejects(v1, { member: { most_recent_job_guid: 'JOB-1' } }, 'MemberResponseBody', 'most_recent_job_guid: expected boolean');
    v2.expectShape({ member: { most_recent_job_guid: 'JOB-1' } }, 'MemberResponseBody');
    rejects(v2, { member: { most_recent_job_guid: true } }, 'MemberResponseBody', 'most_recent_job_guid: expected string');
  });

  it("checks 2.x's readTransaction against the one-transaction body, and only that method", () => {
    const methodOf = (version, name) => ({ name, ...version.declarations.methods[name][0] });
    assert.equal(replyType(v2.declarations, v2.bugs, methodOf(v2, 'readTransaction')), 'TransactionResponseBody');
    assert.equal(replyType(v1.declarations, v1.bugs, methodOf(v1, 'readTransaction')), 'TransactionResponseBody');
    assert.equal(replyType(v2.declarations, v2.bugs, methodOf(v2, 'listTransactions')), 'TransactionsResponseBodyIncludes');
  });
});

describe("the v20250224 spec file's check", () => {
  const { makeSpec } = require('../lib/spec');
  const spec = makeSpec();
  const USER25 = { email: 'a@example.com', guid: 'USR-1', id: null, is_disabled: false, metadata: null };
  const refused = (id, reply, problem) => assert.throws(() => spec.check(id, reply), (e) => e.message.includes(problem), problem);

  it('accepts a reply as the spec declares it, and refuses each kind of departure', () => {
    spec.check('readUser', { status: 200, contentType: 'application/json', body: { user: USER25 } });
    refused('readUser', { status: 200, contentType: 'application/json', body: { user: { ...USER25, extra: 1 } } },
      'user.extra: not a field of UserResponse');
    refused('readUser', { status: 200, contentType: 'application/json', body: { user: { guid: 'USR-1' } } }, 'user.email: missing');
    refused('readUser', { status: 200, contentType: 'application/json', body: { user: { ...USER25, is_disabled: 'no' } } },
      'user.is_disabled: expected boolean');
    refused('readUser', { status: 200, contentType: 'application/vnd.mx.api.v1+json', body: { user: USER25 } },
      'Content-Type application/vnd.mx.api.v1+json');
    refused('readUser', { status: 201, contentType: 'application/json', body: { user: USER25 } }, 'status 201 is not declared');
    refused('readMemberStatus', { status: 200, contentType: 'application/json', body: { member: { connection_status: 'ASLEEP' } } },
      '"ASLEEP" is not one of');
    refused('readUser', { status: 404, contentType: 'application/json', body: { message: 'no' } }, "not MX's error body");
  });
});
