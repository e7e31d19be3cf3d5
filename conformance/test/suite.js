// The conformance scenarios, run once per client version through an adapter that maps each operation to that
// version's methods. Every reply is checked against the version's own type declarations.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start } = require('./server');
const { makeChecker } = require('./shapes');

const LOGIN = 'CRD-1ec75c4c-4d35-4a8b-8e2a-3b2e5f9b6a01';
const PASSWORD = 'CRD-9d2f7a3e-8c41-4f6b-a0d5-6e1c2b7f4a02';

function memberBody(password, skipAggregation) {
  return {
    member: {
      institution_code: 'mxbank',
      skip_aggregation: skipAggregation,
      credentials: [{ guid: LOGIN, value: 'mxuser' }, { guid: PASSWORD, value: password }],
    },
  };
}

async function until(probe, done, what, bound = 15000) {
  const deadline = Date.now() + bound;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

/**
 * @param label    shown in the test names
 * @param pkg      the npm alias of the client version
 * @param adapter  (pkg module, configuration) => operations
 * @param options  {taxDocuments: boolean} whether the version has the tax-document methods
 */
function defineSuite(label, pkg, adapter, options) {
  const client = require(pkg);
  const expectShape = makeChecker(pkg);

  for (const accept of ['vendor', 'none']) {
    describe(`${label} (${accept === 'vendor' ? 'Accept: application/vnd.mx.api.v1+json' : 'no Accept header'})`, () => {
      let server;
      let ops;

      before(async () => {
        server = await start();
        const configuration = new client.Configuration({
          username: server.username,
          password: server.password,
          basePath: server.basePath,
          baseOptions: accept === 'vendor' ? { headers: { Accept: 'application/vnd.mx.api.v1+json' } } : {},
        });
        ops = adapter(client, configuration);
      });

      after(async () => server && server.stop());

      async function newUser() {
        return expectShape((await ops.createUser({ user: { metadata: 'conformance' } })).data, 'UserResponseBody').user.guid;
      }

      async function status(u, m) {
        return expectShape((await ops.readMemberStatus(m, u)).data, 'MemberStatusResponseBody').member;
      }

      async function awaitStatus(u, m, wanted) {
        return until(() => status(u, m), (s) => s.connection_status === wanted
          && (wanted === 'CHALLENGED' || !s.is_being_aggregated), `${m} to reach ${wanted}`);
      }

      async function connectedMember(u, password = 'password') {
        const m = expectShape((await ops.createMember(u, memberBody(password, false))).data, 'MemberResponseBody').member.guid;
        await awaitStatus(u, m, 'CONNECTED');
        return m;
      }

      it('creates, reads, updates, lists and deletes users', async () => {
        const created = expectShape((await ops.createUser({ user: { id: `u-${Date.now()}`, email: 'a@example.com' } })).data, 'UserResponseBody');
        const u = created.user.guid;
        assert.match(u, /^USR-/);
        assert.equal(expectShape((await ops.readUser(u)).data, 'UserResponseBody').user.email, 'a@example.com');
        const updated = expectShape((await ops.updateUser(u, { user: { is_disabled: true } })).data, 'UserResponseBody');
        assert.equal(updated.user.is_disabled, true);
        for (let i = 0; i < 12; i++) await newUser();
        const page = expectShape((await ops.listUsers(2, 10)).data, 'UsersResponseBody');
        assert.equal(page.pagination.current_page, 2);
        assert.equal(page.pagination.per_page, 10);
        assert.ok(page.pagination.total_entries >= 13);
        assert.equal((await ops.deleteUser(u)).status, 204);
        await assert.rejects(ops.readUser(u), (e) => e.response.status === 404 && e.response.data.error.message.includes('user'));
      });

      it('lists and reads institutions and the credentials of mxbank', async () => {
        const list = expectShape((await ops.listInstitutions('mx bank')).data, 'InstitutionsResponseBody');
        assert.deepEqual(list.institutions.map((i) => i.code), ['mxbank']);
        const one = expectShape((await ops.readInstitution('mxbank')).data, 'InstitutionResponseBody');
        assert.equal(one.institution.supports_tax_document, true);
        const credentials = expectShape((await ops.listInstitutionCredentials('mxbank')).data, 'CredentialsResponseBody');
        assert.deepEqual(credentials.credentials.map((c) => c.guid), [LOGIN, PASSWORD]);
      });

      it('creates, reads, updates, lists and deletes members and lists their credentials', async () => {
        const u = await newUser();
        const created = expectShape((await ops.createMember(u, memberBody('password', true))).data, 'MemberResponseBody');
        const m = created.member.guid;
        assert.equal(created.member.connection_status, 'CREATED');
        assert.equal(expectShape((await ops.readMember(m, u)).data, 'MemberResponseBody').member.institution_code, 'mxbank');
        const updated = expectShape((await ops.updateMember(m, u, { member: { metadata: 'changed' } })).data, 'MemberResponseBody');
        assert.equal(updated.member.metadata, 'changed');
        const list = expectShape((await ops.listMembers(u)).data, 'MembersResponseBody');
        assert.deepEqual(list.members.map((x) => x.guid), [m]);
        const credentials = expectShape((await ops.listMemberCredentials(m, u)).data, 'CredentialsResponseBody');
        assert.equal(credentials.credentials.length, 2);
        assert.ok(!JSON.stringify(credentials).includes('mxuser'));
        assert.equal((await ops.deleteMember(m, u)).status, 204);
        await assert.rejects(ops.readMember(m, u), (e) => e.response.status === 404);
      });

      it("runs the guide's flow: job, CHALLENGED, challenges, resume, RESUMED, CONNECTED", async () => {
        const u = await newUser();
        const m = expectShape((await ops.createMember(u, memberBody('challenge', true))).data, 'MemberResponseBody').member.guid;
        const started = await (options.taxDocuments ? ops.fetchTaxDocuments(m, u) : ops.aggregateMember(m, u));
        assert.equal(started.status, 202);
        expectShape(started.data, 'MemberResponseBody');
        const challenged = await awaitStatus(u, m, 'CHALLENGED');
        assert.equal(challenged.is_authenticated, false);
        const listed = expectShape((await ops.listMemberChallenges(m, u)).data, 'ChallengesResponseBody');
        assert.equal(listed.challenges[0].label, 'What city were you born in?');
        assert.equal(listed.challenges[0].type, 'TEXT');
        const resumed = await ops.resumeAggregation(m, u, { member: { challenges: [{ guid: listed.challenges[0].guid, value: 'correct' }] } });
        assert.equal(resumed.status, 202);
        assert.equal(expectShape(resumed.data, 'MemberResponseBody').member.connection_status, 'RESUMED');
        const connected = await awaitStatus(u, m, 'CONNECTED');
        assert.equal(connected.is_authenticated, true);
        assert.equal((await ops.listMemberChallenges(m, u)).status, 204);
      });

      it('runs the two-round options flow with two sets of challenge guids', async () => {
        const u = await newUser();
        const m = expectShape((await ops.createMember(u, memberBody('options', false))).data, 'MemberResponseBody').member.guid;
        const first = (await awaitStatus(u, m, 'CHALLENGED')).challenges[0];
        assert.equal(first.type, 'OPTIONS');
        await ops.resumeAggregation(m, u, { member: { challenges: [{ guid: first.guid, value: first.options[0].value }] } });
        const second = await until(() => status(u, m), (s) => s.connection_status === 'CHALLENGED' && s.challenges[0].guid !== first.guid, 'the second round');
        assert.equal(second.challenges[0].type, 'TOKEN');
        await ops.resumeAggregation(m, u, { member: { challenges: [{ guid: second.challenges[0].guid, value: 'correct' }] } });
        await awaitStatus(u, m, 'CONNECTED');
      });

      it('reports a wrong answer as REJECTED', async () => {
        const u = await newUser();
        const m = expectShape((await ops.createMember(u, memberBody('challenge', false))).data, 'MemberResponseBody').member.guid;
        const challenge = (await awaitStatus(u, m, 'CHALLENGED')).challenges[0];
        await ops.resumeAggregation(m, u, { member: { challenges: [{ guid: challenge.guid, value: 'Chicago' }] } });
        await awaitStatus(u, m, 'REJECTED');
      });

      it('hands out one-time connect-widget URLs in both shapes', async () => {
        const u = await newUser();
        const widget = expectShape((await ops.requestWidgetURL(u, { widget_url: { widget_type: 'connect_widget', color_scheme: 'dark' } })).data,
          'WidgetResponseBody').widget_url;
        assert.equal(widget.type, 'connect_widget');
        assert.ok(widget.url.startsWith(`${server.basePath}/widget/connect/`), widget.url);
        const legacy = expectShape((await ops.requestConnectWidgetURL(u, { config: { mode: 'aggregation' } })).data,
          'ConnectWidgetResponseBody').user;
        assert.equal(legacy.guid, u);
        assert.notEqual(legacy.connect_widget_url, widget.url);
        const opened = await fetch(widget.url, { redirect: 'manual' });
        assert.equal(opened.status, 303);
        assert.equal((await fetch(widget.url, { redirect: 'manual' })).status, 410);
        await assert.rejects(ops.requestWidgetURL(u, { widget_url: {} }),
          (e) => e.response.status === 422 && e.response.data.error.message.includes('widget_type'));
      });

      it('starts every kind of job', async () => {
        const u = await newUser();
        for (const job of ['aggregateMember', 'checkBalances', 'extendHistory', 'identifyMember', 'verifyMember', 'fetchStatements']) {
          const m = expectShape((await ops.createMember(u, memberBody('password', true))).data, 'MemberResponseBody').member.guid;
          const reply = await ops[job](m, u);
          assert.equal(reply.status, job === 'verifyMember' ? 200 : 202, job);
          expectShape(reply.data, 'MemberResponseBody');
          await awaitStatus(u, m, 'CONNECTED');
        }
      });

      it('reads accounts, transactions, account numbers and owners', async () => {
        const u = await newUser();
        const m = await connectedMember(u);
        await ops.verifyMember(m, u);
        await awaitStatus(u, m, 'CONNECTED');
        await ops.identifyMember(m, u);
        await awaitStatus(u, m, 'CONNECTED');
        const accounts = expectShape((await ops.listMemberAccounts(u, m)).data, 'AccountsResponseBody');
        assert.equal(accounts.accounts.length, 4);
        expectShape((await ops.listUserAccounts(u)).data, 'AccountsResponseBody');
        const transactions = expectShape((await ops.listTransactionsByMember(m, u)).data, 'TransactionsResponseBody');
        assert.ok(transactions.transactions.length > 0);
        const numbers = expectShape((await ops.listAccountNumbersByMember(m, u)).data, 'AccountNumbersResponseBody');
        assert.equal(numbers.account_numbers.length, 2);
        const owners = expectShape((await ops.listAccountOwnersByMember(m, u)).data, 'AccountOwnersResponseBody');
        assert.equal(owners.account_owners.length, 4);
      });

      it('reads holdings', async () => {
        const u = await newUser();
        const m = await connectedMember(u);
        const holdings = await ops.listHoldingsByMember(m, u);
        expectShape(holdings.data, ops.holdingsType);
        assert.ok(holdings.data[ops.holdingsRoot].length >= 3);
      });

      it('fetches statements and downloads a PDF', async () => {
        const u = await newUser();
        const m = await connectedMember(u);
        await ops.fetchStatements(m, u);
        await awaitStatus(u, m, 'CONNECTED');
        const list = expectShape((await ops.listStatementsByMember(m, u)).data, 'StatementsResponseBody');
        assert.equal(list.statements.length, 9);
        const s = list.statements[0];
        expectShape((await ops.readStatementByMember(m, s.guid, u)).data, 'StatementResponseBody');
        const pdf = await ops.downloadStatementPDF(m, s.guid, u, { responseType: 'arraybuffer', headers: { Accept: 'application/vnd.mx.api.v1+pdf' } });
        assert.equal(Buffer.from(pdf.data).subarray(0, 4).toString(), '%PDF');
      });

      if (options.taxDocuments) {
        it('fetches tax documents, reads them and downloads a PDF', async () => {
          const u = await newUser();
          const m = await connectedMember(u);
          await ops.fetchTaxDocuments(m, u);
          await awaitStatus(u, m, 'CONNECTED');
          const list = expectShape((await ops.listTaxDocuments(m, u)).data, 'TaxDocumentsResponseBody');
          assert.ok(list.tax_documents.length >= 6);
          const d = list.tax_documents[0];
          expectShape((await ops.readTaxDocument(d.guid, m, u)).data, 'TaxDocumentResponseBody');
          const pdf = await ops.downloadTaxDocument(d.guid, m, u, { responseType: 'arraybuffer', headers: { Accept: 'application/vnd.mx.api.v1+pdf' } });
          assert.equal(Buffer.from(pdf.data).subarray(0, 4).toString(), '%PDF');
        });
      }
    });
  }
}

module.exports = { defineSuite };
