'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

// Registers a scenario with OpenAgg's own endpoint (MX's clients have none), then drives it only through the client.
async function register(ctx, document) {
  const auth = Buffer.from(`${ctx.server.username}:${ctx.server.password}`).toString('base64');
  const reply = await fetch(`${ctx.server.basePath}/sandbox/institutions`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(document),
  });
  assert.equal(reply.status, 200, await reply.text());
}

function acme(code) {
  return {
    institution: {
      code, name: 'Acme Credit Union', url: 'https://acme.example',
      credentials: [{ field_name: 'LOGIN', label: 'Member number', type: 'TEXT' },
        { field_name: 'PASSWORD', label: 'Password', type: 'PASSWORD' }],
      supports: ['verify'],
      logins: [{
        when: { LOGIN: 'alice', PASSWORD: 'pw' },
        steps: [
          { challenges: [{ type: 'TEXT', label: "Mother's maiden name?", answer: 'smith' }] },
          { challenges: [{ type: 'OPTIONS', label: 'Where should we send your code?', answer: 'sms',
            options: [{ label: 'Text (555) ***-0001', value: 'sms' }, { label: 'Email a***@acme.example', value: 'email' }] }] },
          { challenges: [{ type: 'TOKEN', label: 'Enter the code we sent', answer: '123456' }] }],
        outcome: 'CONNECTED',
      }],
      data: { accounts: [{ name: 'Share Savings', type: 'SAVINGS', balance: 1234.56,
        transactions: [{ date: '2026-11-02', amount: -12.5, description: 'Coffee' }] }] },
    },
  };
}

module.exports = {
  title: 'scenario institutions',
  define(ctx) {
    it('runs a registered scenario three rounds deep and reads back exactly its data', async () => {
      const code = `conformance_${crypto.randomBytes(4).toString('hex')}`;
      await register(ctx, acme(code));
      const institution = (await ctx.api.readInstitution({ institutionCode: code })).data.institution;
      const verifies = ctx.current ? institution.supported_products.includes('account_verification')
        : institution.supports_account_verification;
      assert.deepEqual([institution.name, verifies, institution.supports_tax_document], ['Acme Credit Union', true, false]);
      const fields = (await ctx.api.listInstitutionCredentials({ institutionCode: code })).data.credentials;
      const guid = (name) => fields.find((f) => f.field_name === name).guid;
      const userGuid = await ctx.mx.newUser();
      const memberGuid = (await ctx.api.createMember({ userGuid, memberCreateRequestBody: { member: {
        institution_code: code,
        credentials: [{ guid: guid('LOGIN'), value: 'alice' }, { guid: guid('PASSWORD'), value: 'pw' }] } } })).data.member.guid;
      let previous = null;
      for (const [type, answer] of [['TEXT', 'smith'], ['OPTIONS', 'sms'], ['TOKEN', '123456']]) {
        const status = await ctx.mx.until(() => ctx.mx.status(userGuid, memberGuid),
          (s) => s.connection_status === 'CHALLENGED' && s.challenges[0].guid !== previous, `a ${type} challenge`);
        const challenge = status.challenges[0];
        assert.equal(challenge.type, type);
        const reply = await ctx.api.resumeAggregation({ memberGuid, userGuid,
          memberResumeRequestBody: { member: { challenges: [{ guid: challenge.guid, value: answer }] } } });
        assert.equal(reply.status, 202);
        previous = challenge.guid;
      }
      await ctx.mx.awaitStatus(userGuid, memberGuid, 'CONNECTED');
      const accounts = (await ctx.api.listMemberAccounts({ userGuid, memberGuid })).data.accounts;
      assert.deepEqual(accounts.map((a) => [a.name, a.type, a.balance]), [['Share Savings', 'SAVINGS', 1234.56]]);
      const transactions = (await ctx.api.listTransactionsByMember({ memberGuid, userGuid })).data.transactions;
      assert.deepEqual(transactions.map((t) => [t.description, t.amount, t.type, t.date]),
        [['Coffee', 12.5, 'DEBIT', '2026-11-02']]);
    });

    it('runs a member of Custom Scenario Bank that scripts itself in its password', async () => {
      const fields = (await ctx.api.listInstitutionCredentials({ institutionCode: 'custom_scenario' })).data.credentials;
      const guid = (name) => fields.find((f) => f.field_name === name).guid;
      const rule = { outcome: 'LOCKED', message: 'Locked by the script.' };
      const userGuid = await ctx.mx.newUser();
      const memberGuid = (await ctx.api.createMember({ userGuid, memberCreateRequestBody: { member: {
        institution_code: 'custom_scenario',
        credentials: [{ guid: guid('LOGIN'), value: 'anyone' }, { guid: guid('PASSWORD'), value: JSON.stringify(rule) }] } } }))
        .data.member.guid;
      await ctx.mx.awaitStatus(userGuid, memberGuid, 'LOCKED');
      const member = (await ctx.api.readMember({ userGuid, memberGuid })).data.member;
      if ('connection_status_message' in member) assert.equal(member.connection_status_message, 'Locked by the script.');
    });
  },
};
