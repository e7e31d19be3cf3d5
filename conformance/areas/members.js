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
      // v20250224 dropped skip_aggregation: the member's first aggregation starts at once.
      assert.deepEqual([created.institution_code, created.id, created.metadata, created.user_guid, created.is_being_aggregated],
        ['mxbank', 'partner-member-1', 'first', userGuid, ctx.current]);
      if (ctx.current) await ctx.mx.settle(userGuid, memberGuid);
      else assert.deepEqual((await ctx.api.readMember({ memberGuid, userGuid })).data.member, created);
      const settled = ctx.current ? 'CONNECTED' : 'CREATED';
      const updated = (await ctx.api.updateMember({
        memberGuid, userGuid, memberUpdateRequestBody: { member: { metadata: 'changed' } },
      })).data.member;
      assert.deepEqual([updated.guid, updated.metadata, updated.connection_status], [memberGuid, 'changed', settled]);
      assert.deepEqual((await ctx.api.readMember({ memberGuid, userGuid })).data.member, updated);
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
      assert.deepEqual([member.is_oauth, member.oauth_window_uri], [false, null]);
      if (ctx.current) await ctx.mx.settle(userGuid, member.guid);
      else assert.equal(member.connection_status, 'CREATED');
    });

    if (ctx.current) {
      it('chooses the first job with data_request.products and refuses a product outside the spec with 422', async () => {
        const userGuid = await ctx.mx.newUser();
        const body = { ...ctx.mx.memberBody('password', false), data_request: { products: ['account_verification'] } };
        const member = (await ctx.api.createMember({ userGuid, memberCreateRequestBody: body })).data.member;
        const status = await ctx.mx.awaitStatus(userGuid, member.guid, 'CONNECTED');
        assert.equal(status.has_processed_account_numbers, true);
        assert.equal((await ctx.api.listAccountNumbersByMember({ memberGuid: member.guid, userGuid })).data.account_numbers.length, 2);
        const wrong = { ...ctx.mx.memberBody('password', false), data_request: { products: ['mortgages'] } };
        await assert.rejects(ctx.api.createMember({ userGuid, memberCreateRequestBody: wrong }),
          (e) => e.response.status === 422 && /mortgages/.test(e.response.data.error.message));
      });

      it('reads users and members by the ids the client gave them', async () => {
        const user = (await ctx.api.createUser({ userCreateRequestBody: { user: { id: 'partner-user-by-id' } } })).data.user;
        const body = ctx.mx.memberBody('password', false);
        body.member.id = 'partner-member-by-id';
        const member = (await ctx.api.createMember({ userGuid: 'partner-user-by-id', memberCreateRequestBody: body })).data.member;
        assert.equal(member.user_guid, user.guid);
        const status = await ctx.mx.awaitStatus('partner-user-by-id', 'partner-member-by-id', 'CONNECTED');
        assert.equal(status.guid, member.guid);
        assert.equal((await ctx.api.readMember({ userIdentifier: 'partner-user-by-id', memberIdentifier: 'partner-member-by-id' }))
          .data.member.most_recent_job_guid.slice(0, 4), 'JOB-');
      });
    }

    it('answers a bad member body with the error body and 422', async () => {
      const userGuid = await ctx.mx.newUser();
      await assert.rejects(ctx.api.createMember({ userGuid, memberCreateRequestBody: { member: { institution_code: 'mxbank' } } }),
        (e) => e.response.status === 422 && /credentials/.test(e.response.data.error.message));
    });
  },
};
