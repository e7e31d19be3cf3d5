'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

module.exports = {
  title: 'members',
  define(ctx) {
    it('creates a member with credentials, reads, updates, lists and deletes it, and lists its credentials', async () => {
      const userGuid = await ctx.mx.newUser();
      const body = ctx.mx.memberBody('password', true);
      Object.assign(body.member, { id: 'partner-member-1', metadata: 'first' });
      const created = (await ctx.api.createMember({ userGuid, memberCreateRequestBody: body })).data.member;
      const memberGuid = created.guid;
      assert.match(memberGuid, /^MBR-/);
      assert.deepEqual([created.connection_status, created.institution_code, created.id, created.metadata, created.user_guid,
        created.is_being_aggregated], ['CREATED', 'mxbank', 'partner-member-1', 'first', userGuid, false]);
      assert.deepEqual((await ctx.api.readMember({ memberGuid, userGuid })).data.member, created);
      const updated = (await ctx.api.updateMember({
        memberGuid, userGuid, memberUpdateRequestBody: { member: { metadata: 'changed' } },
      })).data.member;
      assert.deepEqual([updated.guid, updated.metadata, updated.connection_status], [memberGuid, 'changed', 'CREATED']);
      const list = (await ctx.api.listMembers({ userGuid })).data;
      assert.deepEqual(list.members.map((m) => [m.guid, m.metadata]), [[memberGuid, 'changed']]);
      assert.equal(list.pagination.total_entries, 1);
      const credentials = (await ctx.api.listMemberCredentials({ memberGuid, userGuid })).data.credentials;
      assert.deepEqual(credentials.map((c) => c.guid), [ctx.mx.LOGIN, ctx.mx.PASSWORD]);
      assert.ok(!JSON.stringify(credentials).includes('mxuser'), 'a credential value in the reply');
      assert.equal((await ctx.api.deleteMember({ memberGuid, userGuid })).status, 204);
      await assert.rejects(ctx.api.readMember({ memberGuid, userGuid }), (e) => e.response.status === 404);
    });

    it('aggregates a new member unless told to skip, and again when its credentials change', async () => {
      const userGuid = await ctx.mx.newUser();
      const memberGuid = await ctx.mx.newMember(userGuid, 'UNAUTHORIZED', { skipAggregation: false });
      await ctx.mx.awaitStatus(userGuid, memberGuid, 'DENIED');
      const updated = (await ctx.api.updateMember({
        memberGuid, userGuid,
        memberUpdateRequestBody: { member: { credentials: [{ guid: ctx.mx.PASSWORD, value: 'password' }] } },
      })).data.member;
      assert.equal(updated.connection_status, 'UPDATED');
      const connected = await ctx.mx.awaitStatus(userGuid, memberGuid, 'CONNECTED');
      assert.equal(connected.is_authenticated, true);
    });

    it('accepts the OAuth and use-case fields of a member request, which OpenAgg does not use', async () => {
      const userGuid = await ctx.mx.newUser();
      const body = {
        ...ctx.mx.memberBody('password', true),
        client_redirect_url: 'https://example.com/oauth', enable_app2app: false, referral_source: 'APP',
        ui_message_webview_url_scheme: 'partner',
      };
      body.member.use_cases = ['PFM'];
      const member = (await ctx.api.createMember({ userGuid, memberCreateRequestBody: body })).data.member;
      assert.deepEqual([member.connection_status, member.is_oauth, member.oauth_window_uri], ['CREATED', false, null]);
    });

    it('answers a bad member body with the error body and 422', async () => {
      const userGuid = await ctx.mx.newUser();
      await assert.rejects(ctx.api.createMember({ userGuid, memberCreateRequestBody: { member: { institution_code: 'mxbank' } } }),
        (e) => e.response.status === 422 && /credentials/.test(e.response.data.error.message));
    });
  },
};
