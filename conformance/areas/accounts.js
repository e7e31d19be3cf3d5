'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

module.exports = {
  title: 'accounts',
  define(ctx) {
    it("lists and reads a connected member's accounts, by member and by user", async () => {
      const { userGuid, memberGuid } = await ctx.mx.afterJob('aggregateMember');
      const byMember = (await ctx.api.listMemberAccounts({ userGuid, memberGuid })).data;
      assert.deepEqual(byMember.accounts.map((a) => a.type).sort(), ['CHECKING', 'CREDIT_CARD', 'INVESTMENT', 'SAVINGS']);
      assert.ok(byMember.accounts.every((a) => a.member_guid === memberGuid && typeof a.balance === 'number'));
      const byUser = (await ctx.api.listUserAccounts({ userGuid })).data;
      assert.deepEqual(byUser.accounts.map((a) => a.guid).sort(), byMember.accounts.map((a) => a.guid).sort());
      const first = byMember.accounts[0];
      assert.deepEqual((await ctx.api.readAccount({ accountGuid: first.guid, userGuid })).data.account, first);
      assert.deepEqual((await ctx.api.readAccountByMember({ accountGuid: first.guid, memberGuid, userGuid })).data.account, first);
    });
  },
};
