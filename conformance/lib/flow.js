// MX Bank helpers shared by the areas, all through the official client.
'use strict';

const LOGIN = 'CRD-1ec75c4c-4d35-4a8b-8e2a-3b2e5f9b6a01';
const PASSWORD = 'CRD-9d2f7a3e-8c41-4f6b-a0d5-6e1c2b7f4a02';
const WAIT_MS = 15000;
const POLL_MS = 20;

/** MX Bank's right answer to each challenge type ("correct"; the first phone; the green circle). */
const RIGHT = {
  TEXT: () => 'correct',
  TOKEN: () => 'correct',
  IMAGE_DATA: () => 'correct',
  OPTIONS: (c) => c.options[0].value,
  IMAGE_OPTIONS: (c) => c.image_options.find((o) => o.label === 'Green circle').guid,
};

function memberBody(password, skipAggregation) {
  return {
    member: {
      institution_code: 'mxbank',
      skip_aggregation: skipAggregation,
      credentials: [{ guid: LOGIN, value: 'mxuser' }, { guid: PASSWORD, value: password }],
    },
  };
}

/** Polls `probe` until `done` holds, for at most WAIT_MS. */
async function until(probe, done, what) {
  const deadline = Date.now() + WAIT_MS;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
}

/** The list in a list reply (`users`, `holdings`, `investment_holdings`, ...). */
function rows(body) {
  const lists = Object.values(body).filter(Array.isArray);
  if (lists.length !== 1) throw new Error(`expected one list in ${Object.keys(body)}`);
  return lists[0];
}

/** The record in a one-record reply (`user`, `holding`, `investment_holding`, ...). */
function record(body) {
  const keys = Object.keys(body);
  if (keys.length !== 1) throw new Error(`expected one root key, got ${keys}`);
  return body[keys[0]];
}

function mxbank(ctx) {
  const api = () => ctx.api;

  async function status(userGuid, memberGuid) {
    return (await api().readMemberStatus({ memberGuid, userGuid })).data.member;
  }

  async function awaitStatus(userGuid, memberGuid, wanted) {
    return until(() => status(userGuid, memberGuid),
      (s) => s.connection_status === wanted && (wanted === 'CHALLENGED' || !s.is_being_aggregated),
      `${memberGuid} to reach ${wanted}`);
  }

  /** Answers the member's challenges (MX Bank's right answers) until its job ends. */
  async function settle(userGuid, memberGuid) {
    let answered = null;
    await until(async () => {
      const s = await status(userGuid, memberGuid);
      const challenge = s.connection_status === 'CHALLENGED' ? s.challenges[0] : null;
      if (challenge && challenge.guid !== answered) {
        answered = challenge.guid;
        await api().resumeAggregation({
          memberGuid, userGuid, memberResumeRequestBody: { member: { challenges: [{ guid: challenge.guid, value: RIGHT[challenge.type](challenge) }] } },
        });
      }
      return s;
    }, (s) => !s.is_being_aggregated && s.connection_status !== 'DELAYED', `${memberGuid}'s first job to end`);
  }

  return {
    RIGHT,
    settle,
    LOGIN,
    PASSWORD,
    memberBody,
    until,
    status,
    awaitStatus,
    async newUser() {
      return (await api().createUser({ userCreateRequestBody: { user: { metadata: 'conformance' } } })).data.user.guid;
    },
    /**
     * A new MX Bank member. v20250224 has no skip_aggregation: its first job always runs, so a member asked for
     * without one waits for that job to end (answering its challenges) before it is handed over.
     */
    async newMember(userGuid, password, { skipAggregation = true } = {}) {
      const reply = await api().createMember({ userGuid, memberCreateRequestBody: memberBody(password, skipAggregation) });
      const memberGuid = reply.data.member.guid;
      if (ctx.current && skipAggregation) await settle(userGuid, memberGuid);
      return memberGuid;
    },
    /** A new user with a member that has just run the job `method` and is CONNECTED. */
    async afterJob(method) {
      const userGuid = await this.newUser();
      const memberGuid = await this.newMember(userGuid, 'password');
      await this.runJob(userGuid, memberGuid, method);
      return { userGuid, memberGuid };
    },
    /** Runs one job method on a member and waits until it is CONNECTED again. */
    async runJob(userGuid, memberGuid, method) {
      const reply = await api()[method]({ memberGuid, userGuid });
      await awaitStatus(userGuid, memberGuid, 'CONNECTED');
      return reply;
    },
  };
}

module.exports = { mxbank, until, rows, record };
