'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

async function resume(ctx, userGuid, memberGuid, guid, value) {
  const reply = await ctx.api.resumeAggregation({
    memberGuid, userGuid, memberResumeRequestBody: { member: { challenges: [{ guid, value }] } },
  });
  assert.equal(reply.status, 202);
  assert.equal(reply.data.member.connection_status, 'RESUMED');
  return reply;
}

module.exports = {
  title: 'multifactor authentication',
  define(ctx) {
    // MX's guide starts a tax-document job; a client version without that method starts an aggregation.
    const job = () => (ctx.api.fetchTaxDocuments ? 'fetchTaxDocuments' : 'aggregateMember');

    it("runs the guide's flow: job, CHALLENGED, challenges, resume, RESUMED, CONNECTED", async () => {
      const userGuid = await ctx.mx.newUser();
      const memberGuid = await ctx.mx.newMember(userGuid, 'challenge');
      const started = await ctx.api[job()]({ memberGuid, userGuid });
      assert.equal(started.status, 202);
      assert.equal(started.data.member.is_being_aggregated, true);
      const challenged = await ctx.mx.awaitStatus(userGuid, memberGuid, 'CHALLENGED');
      assert.deepEqual([challenged.is_authenticated, challenged.is_being_aggregated], [false, true]);
      const listed = (await ctx.api.listMemberChallenges({ memberGuid, userGuid })).data.challenges;
      assert.equal(listed.length, 1);
      assert.deepEqual([listed[0].label, listed[0].type], ['What city were you born in?', 'TEXT']);
      assert.match(listed[0].guid, /^CRD-/);
      assert.deepEqual(challenged.challenges, listed);
      await resume(ctx, userGuid, memberGuid, listed[0].guid, 'correct');
      const connected = await ctx.mx.awaitStatus(userGuid, memberGuid, 'CONNECTED');
      assert.equal(connected.is_authenticated, true);
      assert.ok(connected.successfully_aggregated_at);
      assert.equal((await ctx.api.listMemberChallenges({ memberGuid, userGuid })).status, 204);
    });

    for (const answerBy of ['value', 'guid']) {
      it(`runs the two-round options flow, choosing the phone by its ${answerBy}`, async () => {
        const userGuid = await ctx.mx.newUser();
        const memberGuid = await ctx.mx.newMember(userGuid, 'options', { skipAggregation: false });
        const first = (await ctx.mx.awaitStatus(userGuid, memberGuid, 'CHALLENGED')).challenges[0];
        assert.equal(first.type, 'OPTIONS');
        assert.ok(first.options.length >= 2);
        await resume(ctx, userGuid, memberGuid, first.guid, first.options[1][answerBy]);
        const second = await ctx.mx.until(() => ctx.mx.status(userGuid, memberGuid),
          (s) => s.connection_status === 'CHALLENGED' && s.challenges[0].guid !== first.guid, 'the second round');
        assert.equal(second.challenges[0].type, 'TOKEN');
        await resume(ctx, userGuid, memberGuid, second.challenges[0].guid, 'correct');
        await ctx.mx.awaitStatus(userGuid, memberGuid, 'CONNECTED');
      });
    }

    const RIGHT = ctx.mx.RIGHT;
    const SCENARIOS = { challenge_twice: ['TEXT', 'TEXT'], token: ['TOKEN'], image: ['IMAGE_DATA'], image_options: ['IMAGE_OPTIONS'] };
    for (const [password, rounds] of Object.entries(SCENARIOS)) {
      it(`answers the ${password} scenario's ${rounds.join(' then ')} challenges`, async () => {
        const userGuid = await ctx.mx.newUser();
        const memberGuid = await ctx.mx.newMember(userGuid, password, { skipAggregation: false });
        let previous = null;
        for (const type of rounds) {
          const status = await ctx.mx.until(() => ctx.mx.status(userGuid, memberGuid),
            (s) => s.connection_status === 'CHALLENGED' && s.challenges[0].guid !== previous, `a ${type} challenge`);
          const challenge = status.challenges[0];
          assert.equal(challenge.type, type);
          if (type === 'IMAGE_DATA') assert.match(challenge.image_data, /^data:image\/png;base64,/);
          if (type === 'IMAGE_OPTIONS') {
            assert.equal(challenge.image_options.length, 3);
            assert.ok(challenge.image_options.every((o) => o.data_uri.startsWith('data:image/png;base64,')));
          }
          await resume(ctx, userGuid, memberGuid, challenge.guid, RIGHT[type](challenge));
          previous = challenge.guid;
        }
        await ctx.mx.awaitStatus(userGuid, memberGuid, 'CONNECTED');
      });
    }

    it('ends a job with a wrong answer REJECTED', async () => {
      const userGuid = await ctx.mx.newUser();
      const memberGuid = await ctx.mx.newMember(userGuid, 'challenge', { skipAggregation: false });
      const challenge = (await ctx.mx.awaitStatus(userGuid, memberGuid, 'CHALLENGED')).challenges[0];
      await resume(ctx, userGuid, memberGuid, challenge.guid, 'Chicago');
      const rejected = await ctx.mx.awaitStatus(userGuid, memberGuid, 'REJECTED');
      assert.equal(rejected.is_authenticated, false);
      await assert.rejects(ctx.api.resumeAggregation({
        memberGuid, userGuid, memberResumeRequestBody: { member: { challenges: [{ guid: challenge.guid, value: 'correct' }] } },
      }), (e) => e.response.status === 409);
    });
  },
};
