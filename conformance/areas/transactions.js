'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

function isoDay(daysAgo) {
  return new Date(Date.now() - daysAgo * 86400000).toISOString().slice(0, 10);
}

module.exports = {
  title: 'transactions',
  define(ctx) {
    it('lists transactions by member, user and account, filtered by date, and reads one', async () => {
      const { userGuid, memberGuid } = await ctx.mx.afterJob('aggregateMember');
      const byMember = (await ctx.api.listTransactionsByMember({ memberGuid, userGuid, recordsPerPage: 100 })).data;
      assert.ok(byMember.transactions.length > 0);
      assert.ok(byMember.transactions.every((t) => t.member_guid === memberGuid && typeof t.amount === 'number'));
      const total = byMember.pagination.total_entries;
      assert.equal((await ctx.api.listTransactions({ userGuid })).data.pagination.total_entries, total);
      const accountGuid = byMember.transactions[0].account_guid;
      const byAccount = (await ctx.api.listTransactionsByAccount({ accountGuid, userGuid, recordsPerPage: 100 })).data;
      assert.ok(byAccount.transactions.length > 0 && byAccount.transactions.every((t) => t.account_guid === accountGuid));
      const recent = (await ctx.api.listTransactionsByMember({ memberGuid, userGuid, fromDate: isoDay(7), toDate: isoDay(0) })).data;
      assert.ok(recent.pagination.total_entries > 0 && recent.pagination.total_entries < total);
      assert.ok(recent.transactions.every((t) => t.date >= isoDay(8)));
      const one = byMember.transactions[0];
      const read = (await ctx.api.readTransaction({ transactionGuid: one.guid, userGuid })).data.transaction;
      assert.deepEqual([read.guid, read.amount, read.description], [one.guid, one.amount, one.description]);
    });
  },
};
