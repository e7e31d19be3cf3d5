'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');
const { rows, record } = require('../lib/flow');

module.exports = {
  title: 'holdings',
  define(ctx) {
    // 1.8.2 reads /holdings (root key holdings); 2.1.0 reads /investment_holdings (investment_holdings).
    it("lists and reads a connected member's holdings, by member, user and account", async () => {
      const { userGuid, memberGuid } = await ctx.mx.afterJob('aggregateMember');
      const byMember = rows((await ctx.api.listHoldingsByMember({ memberGuid, userGuid })).data);
      assert.ok(byMember.length >= 3);
      const guids = byMember.map((h) => h.guid).sort();
      assert.deepEqual(rows((await ctx.api.listHoldings({ userGuid })).data).map((h) => h.guid).sort(), guids);
      const accountGuid = byMember[0].account_guid;
      const byAccount = rows((await ctx.api.listHoldingsByAccount({ accountGuid, userGuid })).data);
      assert.deepEqual(byAccount.map((h) => h.guid).sort(), guids);
      assert.deepEqual(record((await ctx.api.readHolding({ holdingGuid: byMember[0].guid, userGuid })).data), byMember[0]);
    });
  },
};
