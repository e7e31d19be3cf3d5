'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');
const { downloadPdf } = require('../lib/pdf');

module.exports = {
  title: 'tax documents',
  // mx-platform-node dropped these methods with the endpoints' removal from MX's spec (2.x).
  needs: ['fetchTaxDocuments', 'listTaxDocuments', 'readTaxDocument', 'downloadTaxDocument'],
  define(ctx) {
    it('fetches tax documents, lists and reads them and downloads a PDF', async () => {
      const { userGuid, memberGuid } = await ctx.mx.afterJob('fetchTaxDocuments');
      const list = (await ctx.api.listTaxDocuments({ memberGuid, userGuid })).data.tax_documents;
      assert.equal(list.length, 6);
      const taxDocumentGuid = list[0].guid;
      assert.deepEqual((await ctx.api.readTaxDocument({ taxDocumentGuid, memberGuid, userGuid })).data.tax_document, list[0]);
      await downloadPdf(ctx.api.downloadTaxDocument, { taxDocumentGuid, memberGuid, userGuid });
    });
  },
};
