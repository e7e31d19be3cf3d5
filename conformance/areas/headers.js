'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('../lib/client');
const { connectCurrent } = require('../lib/current');

module.exports = {
  title: 'configuration',
  define(ctx) {
    it("works with the client's own default headers too (no baseOptions)", async () => {
      const api = ctx.current ? connectCurrent(ctx.version, ctx.server, 'application/json') : connect(ctx.version, ctx.server, 'default');
      const userGuid = (await api.createUser({ userCreateRequestBody: { user: { id: `default-${ctx.accept}` } } })).data.user.guid;
      assert.equal((await api.readUser({ userGuid })).data.user.id, `default-${ctx.accept}`);
      assert.equal((await api.listInstitutionCredentials({ institutionCode: 'mxbank' })).data.credentials.length, 2);
    });

    it("refuses a wrong API key with 401 and MX's error body", async () => {
      const api = ctx.current ? connectCurrent(ctx.version, { ...ctx.server, password: 'not-the-key' })
        : connect(ctx.version, { ...ctx.server, password: 'not-the-key' }, ctx.accept);
      await assert.rejects(api.listUsers(), (e) => e.response.status === 401);
    });
  },
};
