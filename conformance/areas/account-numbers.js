'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

module.exports = {
  title: 'account numbers',
  define(ctx) {
    it('lists the account numbers a verification brings back, by member and by account', async () => {
      const { userGuid, memberGuid } = await ctx.mx.afterJob('verifyMember');
      const numbers = (await ctx.api.listAccountNumbersByMember({ memberGuid, userGuid })).data.account_numbers;
      assert.equal(numbers.length, 2);
      assert.ok(numbers.every((n) => /^\d+$/.test(n.account_number) && /^\d{9}$/.test(n.routing_number)));
      const byAccount = (await ctx.api.listAccountNumbersByAccount({ accountGuid: numbers[0].account_guid, userGuid })).data;
      assert.deepEqual(byAccount.account_numbers, [numbers[0]]);
    });
  },
};
