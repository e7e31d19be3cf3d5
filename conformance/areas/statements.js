'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');
const { downloadPdf } = require('../lib/pdf');

module.exports = {
  title: 'statements',
  define(ctx) {
    it('fetches statements, lists and reads them and downloads a PDF', async () => {
      const { userGuid, memberGuid } = await ctx.mx.afterJob('fetchStatements');
      const list = (await ctx.api.listStatementsByMember({ memberGuid, userGuid })).data.statements;
      assert.equal(list.length, 9);
      const statementGuid = list[0].guid;
      assert.deepEqual((await ctx.api.readStatementByMember({ memberGuid, statementGuid, userGuid })).data.statement, list[0]);
      await downloadPdf(ctx.api.downloadStatementPDF, { memberGuid, statementGuid, userGuid });
    });
  },
};
