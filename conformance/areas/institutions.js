'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

module.exports = {
  title: 'institutions',
  define(ctx) {
    it('lists institutions, reads MX Bank and its credential fields', async () => {
      const list = (await ctx.api.listInstitutions({ name: 'mx bank' })).data;
      assert.deepEqual(list.institutions.map((i) => i.code), ['mxbank', 'mx_bank_oauth']);
      // v20250224 replaced the supports_* flags (and filters) with supported_products.
      const filter = ctx.current ? { supportedProducts: ['account_verification'] } : { supportsAccountVerification: true };
      const filtered = (await ctx.api.listInstitutions(filter)).data;
      assert.ok(filtered.institutions.some((i) => i.code === 'mxbank'));
      const one = (await ctx.api.readInstitution({ institutionCode: 'mxbank' })).data.institution;
      const verifies = ctx.current ? one.supported_products.includes('account_verification') : one.supports_account_verification;
      assert.deepEqual([one.code, one.name, one.supports_tax_document, verifies], ['mxbank', 'MX Bank', true, true]);
      const credentials = (await ctx.api.listInstitutionCredentials({ institutionCode: 'mxbank' })).data.credentials;
      assert.deepEqual(credentials.map((c) => [c.guid, c.field_name]),
        [[ctx.mx.LOGIN, 'LOGIN'], [ctx.mx.PASSWORD, 'PASSWORD']]);
      await assert.rejects(ctx.api.readInstitution({ institutionCode: 'nobank' }), (e) => e.response.status === 404);
    });
  },
};
