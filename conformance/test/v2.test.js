// mx-platform-node 2.1.0: the current v20111101 client, split into one class per area; no tax-document methods.
'use strict';
const { defineSuite } = require('./suite');

defineSuite('mx-platform-node 2.1.0', 'mx-platform-node-v2', (client, configuration) => {
  const users = new client.UsersApi(configuration);
  const institutions = new client.InstitutionsApi(configuration);
  const members = new client.MembersApi(configuration);
  const accounts = new client.AccountsApi(configuration);
  const transactions = new client.TransactionsApi(configuration);
  const statements = new client.StatementsApi(configuration);
  const holdings = new client.InvestmentHoldingsApi(configuration);
  const widgets = new client.WidgetsApi(configuration);
  return {
    holdingsType: 'InvestmentHoldingsResponseBody',
    holdingsRoot: 'investment_holdings',
    createUser: (body) => users.createUser(body),
    readUser: (u) => users.readUser(u),
    updateUser: (u, body) => users.updateUser(u, body),
    listUsers: (page, perPage) => users.listUsers(page, perPage),
    deleteUser: (u) => users.deleteUser('application/vnd.mx.api.v1+json', u),
    listInstitutions: (name) => institutions.listInstitutions(name),
    readInstitution: (code) => institutions.readInstitution(code),
    listInstitutionCredentials: (code) => institutions.listInstitutionCredentials(code),
    createMember: (u, body) => members.createMember(u, body),
    readMember: (m, u) => members.readMember(m, u),
    updateMember: (m, u, body) => members.updateMember(m, u, body),
    listMembers: (u) => members.listMembers(u),
    deleteMember: (m, u) => members.deleteMember(m, u),
    listMemberCredentials: (m, u) => members.listMemberCredentials(m, u),
    readMemberStatus: (m, u) => members.readMemberStatus(m, u),
    listMemberChallenges: (m, u) => members.listMemberChallenges(m, u),
    resumeAggregation: (m, u, body) => members.resumeAggregation(m, u, body),
    aggregateMember: (m, u) => members.aggregateMember(m, u),
    checkBalances: (m, u) => members.checkBalances(m, u),
    identifyMember: (m, u) => members.identifyMember(m, u),
    verifyMember: (m, u) => members.verifyMember(m, u),
    extendHistory: (m, u) => transactions.extendHistory(m, u),
    fetchStatements: (m, u) => statements.fetchStatements(m, u),
    listStatementsByMember: (m, u) => statements.listStatementsByMember(m, u),
    readStatementByMember: (m, s, u) => statements.readStatementByMember(m, s, u),
    downloadStatementPDF: (m, s, u, options) => statements.downloadStatementPDF(m, s, u, options),
    listMemberAccounts: (u, m) => accounts.listMemberAccounts(u, m),
    listUserAccounts: (u) => accounts.listUserAccounts(u),
    listAccountNumbersByMember: (m, u) => accounts.listAccountNumbersByMember(m, u),
    listAccountOwnersByMember: (m, u) => accounts.listAccountOwnersByMember(m, u),
    listTransactionsByMember: (m, u) => transactions.listTransactionsByMember(m, u),
    listHoldingsByMember: (m, u) => holdings.listHoldingsByMember(m, u),
    requestWidgetURL: (u, body) => widgets.requestWidgetURL(u, body),
    requestConnectWidgetURL: (u, body) => widgets.requestConnectWidgetURL(u, body),
  };
}, { taxDocuments: false });
