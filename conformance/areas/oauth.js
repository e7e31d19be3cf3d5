'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

// The consent choices go through OpenAgg's own headless endpoint and its consent page (MX's clients have neither);
// the member's creation, status and oauth_window_uri only through the client.
function sandbox(ctx, userGuid, memberGuid, result) {
  const auth = Buffer.from(`${ctx.server.username}:${ctx.server.password}`).toString('base64');
  return fetch(`${ctx.server.basePath}/sandbox/users/${userGuid}/members/${memberGuid}/oauth`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ oauth: { result } }),
  });
}

async function createOAuthMember(ctx, userGuid, extra = {}) {
  const reply = await ctx.api.createMember({ userGuid, memberCreateRequestBody: {
    member: { institution_code: 'mx_bank_oauth', is_oauth: true }, ...extra } });
  assert.equal(reply.status, 202);
  return reply.data.member;
}

module.exports = {
  title: 'OAuth members',
  needs: ['requestOAuthWindowURI'],
  define(ctx) {
    it('creates an OAuth member that waits PENDING, authorises it headlessly and reads its data', async () => {
      const institution = (await ctx.api.readInstitution({ institutionCode: 'mx_bank_oauth' })).data.institution;
      assert.deepEqual([institution.name, institution.supports_oauth], ['MX Bank (OAuth)', true]);
      const userGuid = await ctx.mx.newUser();
      const member = await createOAuthMember(ctx, userGuid);
      assert.deepEqual([member.connection_status, member.is_oauth, member.is_being_aggregated],
        ['PENDING', true, false]);
      assert.match(member.oauth_window_uri, /\/oauth\/authorize\/[A-Za-z0-9_-]+$/);
      const window = (await ctx.api.requestOAuthWindowURI({ memberGuid: member.guid, userGuid,
        referralSource: 'APP', clientRedirectUrl: 'https://app.example/done', enableApp2app: 'false',
        skipAggregation: false })).data.member;
      assert.equal(window.guid, member.guid);
      assert.notEqual(window.oauth_window_uri, member.oauth_window_uri);
      assert.equal((await fetch(member.oauth_window_uri)).status, 410);
      const authorized = await sandbox(ctx, userGuid, member.guid, 'authorize');
      assert.equal(authorized.status, 200, await authorized.clone().text());
      assert.equal((await authorized.json()).oauth.redirect_url,
        `https://app.example/done?status=success&member_guid=${member.guid}`);
      await ctx.mx.awaitStatus(userGuid, member.guid, 'CONNECTED');
      const accounts = (await ctx.api.listMemberAccounts({ userGuid, memberGuid: member.guid })).data.accounts;
      assert.equal(accounts.length, 4);
    });

    it('denies an OAuth member from its consent page and redirects with the reason', async () => {
      const userGuid = await ctx.mx.newUser();
      const member = await createOAuthMember(ctx, userGuid,
        { referral_source: 'APP', client_redirect_url: 'https://app.example/done' });
      const page = await fetch(member.oauth_window_uri);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /MX Bank \(OAuth\)/);
      const denied = await fetch(member.oauth_window_uri, { method: 'POST', redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'choice=deny' });
      assert.equal(denied.status, 303);
      assert.equal(denied.headers.get('location'),
        `https://app.example/done?status=error&member_guid=${member.guid}&error_reason=DENIED`);
      const status = await ctx.mx.status(userGuid, member.guid);
      assert.equal(status.connection_status, 'DENIED');
    });

    it('refuses OAuth for a credential member, as MX does', async () => {
      const userGuid = await ctx.mx.newUser();
      const memberGuid = await ctx.mx.newMember(userGuid, 'password', { skipAggregation: true });
      await assert.rejects(ctx.api.requestOAuthWindowURI({ memberGuid, userGuid }),
        (e) => e.response.status === 400 && /Member cannot use OAuth/.test(e.response.data.error.message));
      await assert.rejects(ctx.api.createMember({ userGuid, memberCreateRequestBody: {
        member: { institution_code: 'mxbank', is_oauth: true } } }), (e) => e.response.status === 400);
    });
  },
};
