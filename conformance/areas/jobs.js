'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

const JOBS = ['aggregateMember', 'checkBalances', 'extendHistory', 'identifyMember', 'verifyMember', 'fetchStatements'];

module.exports = {
  title: 'jobs',
  define(ctx) {
    for (const method of JOBS) {
      it(`starts ${method} and ends CONNECTED`, async () => {
        const userGuid = await ctx.mx.newUser();
        const memberGuid = await ctx.mx.newMember(userGuid, 'password');
        const reply = await ctx.mx.runJob(userGuid, memberGuid, method);
        assert.equal(reply.status, method === 'verifyMember' ? 200 : 202);
        assert.deepEqual([reply.data.member.guid, reply.data.member.is_being_aggregated], [memberGuid, true]);
        const member = (await ctx.api.readMember({ memberGuid, userGuid })).data.member;
        assert.deepEqual([member.connection_status, member.is_being_aggregated], ['CONNECTED', false]);
        // v20111101's spec types it boolean, so OpenAgg sends null there, which strict clients accept.
        if (ctx.current) assert.match(member.most_recent_job_guid, /^JOB-/);
        else assert.equal(member.most_recent_job_guid, null);
      });
    }

    it('answers 202 for the kind of job already running and 409 for another kind', async () => {
      const userGuid = await ctx.mx.newUser();
      const memberGuid = await ctx.mx.newMember(userGuid, 'DELAYED');
      const first = await ctx.api.aggregateMember({ memberGuid, userGuid });
      const again = await ctx.api.aggregateMember({ memberGuid, userGuid });
      assert.equal(again.status, 202);
      assert.deepEqual([first.data.member.is_being_aggregated, again.data.member.is_being_aggregated], [true, true]);
      if (ctx.current) assert.equal(again.data.member.most_recent_job_guid, first.data.member.most_recent_job_guid);
      await assert.rejects(ctx.api.checkBalances({ memberGuid, userGuid }), (e) => e.response.status === 409);
      await ctx.mx.awaitStatus(userGuid, memberGuid, 'CONNECTED');
    });
  },
};
