'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

module.exports = {
  title: 'account owners',
  define(ctx) {
    it('lists the account owners an identification brings back', async () => {
      const { userGuid, memberGuid } = await ctx.mx.afterJob('identifyMember');
      const owners = (await ctx.api.listAccountOwnersByMember({ memberGuid, userGuid })).data.account_owners;
      assert.equal(owners.length, 4);
      assert.ok(owners.every((o) => o.member_guid === memberGuid && typeof o.owner_name === 'string'));
    });
  },
};
