// One client version, configured as MX's README shows, behind an object that calls its methods by name with named
// parameters (the declarations give each method's parameter order, which differs between versions) and checks
// every reply against the method's declared reply type. Tests cannot forget a check: each call makes it.
'use strict';
const assert = require('node:assert/strict');
const { read } = require('./declarations');
const { specBugsFor, replyType, makeChecker } = require('./shapes');

const VENDOR_JSON = 'application/vnd.mx.api.v1+json';
const AXIOS_DEFAULT_ACCEPT = 'application/json, text/plain, */*';

/** What one installed version declares, with the spec bugs that apply to it; read once per version. */
function describeVersion(alias) {
  const declarations = read(alias);
  const bugs = specBugsFor(declarations);
  return { alias, declarations, bugs, expectShape: makeChecker(alias, declarations) };
}

/**
 * @param version  from describeVersion
 * @param server   {basePath, username, password}
 * @param accept   'vendor' for MX's README configuration, 'none' to send no Accept header at all, 'default'
 *                 for a configuration without baseOptions (axios then sends its own default Accept)
 */
function connect(version, server, accept) {
  const module = require(version.alias);
  // axios adds "Accept: application/json, text/plain, */*" unless told otherwise; null removes the header.
  const headers = { Accept: { vendor: VENDOR_JSON, none: null, default: AXIOS_DEFAULT_ACCEPT }[accept] };
  const configuration = new module.Configuration({
    basePath: server.basePath,
    username: server.username,
    password: server.password,
    ...(accept === 'default' ? {} : { baseOptions: { headers } }),
  });
  const instances = {};
  const api = {};
  for (const [name, declared] of Object.entries(version.declarations.methods)) {
    if (declared.length !== 1) continue;
    const method = { name, ...declared[0] };
    instances[method.class] ||= new module[method.class](configuration);
    api[name] = (params = {}, options = {}) => call(version, instances[method.class], method, params, options, headers.Accept);
  }
  return api;
}

async function call(version, instance, method, params, options, accept) {
  const known = new Set(method.params.map((p) => p.name));
  for (const key of Object.keys(params)) {
    if (!known.has(key)) throw new Error(`${version.alias} ${method.name} has no parameter ${key}`);
  }
  const args = method.params.map((p) => {
    // 2.x deleteUser takes the Accept header as a parameter; the configured header (or its absence) wins.
    const value = p.name === 'accept' && !(p.name in params) ? VENDOR_JSON : params[p.name];
    if (value === undefined && !p.optional) throw new Error(`${method.name} needs ${p.name}`);
    return value;
  });
  let reply;
  try {
    reply = await instance[method.name](...args, options);
  } catch (e) {
    if (e.response) expectErrorBody(e.response, method.name);
    throw e;
  }
  const sentAccept = reply.request.getHeader('accept');
  const wantedAccept = options.headers && 'Accept' in options.headers ? options.headers.Accept : accept;
  assert.equal(sentAccept ?? null, wantedAccept ?? null, `${method.name} sent Accept ${sentAccept}`);
  if (reply.status === 204) {
    assert.equal(reply.data, '', `${method.name}: a 204 with a body`);
  } else if (method.returns === 'void') {
    assert.fail(`${method.name}: ${version.alias} declares no body, the reply was ${reply.status}`);
  } else if (method.returns !== 'File') {
    assert.match(reply.headers['content-type'], /^application\/vnd\.mx\.api\.v1\+json/, method.name);
    version.expectShape(reply.data, replyType(version.declarations, version.bugs, method));
  }
  return reply;
}

/** MX's error body: {"error": {"message": "..."}} and nothing else. */
function expectErrorBody(response, name) {
  const body = response.data;
  const ok = body && typeof body === 'object' && Object.keys(body).join() === 'error'
    && Object.keys(body.error).join() === 'message' && typeof body.error.message === 'string';
  assert.ok(ok, `${name}: ${response.status} with a body that is not MX's error body: ${JSON.stringify(body)}`);
}

module.exports = { describeVersion, connect, VENDOR_JSON };
