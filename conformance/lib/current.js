// MX's v20250224 over plain HTTP, as its v3 Node SDK (not published where this suite installs from) speaks it:
// `Accept: application/vnd.mx.api.v1+json` from the SDK's README configuration together with the
// `Accept-Version: v20250224` every generated v3 method adds. Methods are the spec's operationIds, called with the
// same named parameters as the older SDKs (`userGuid` also fills `{user_identifier}`), and every reply is checked
// against the v20250224 spec file (lib/spec.js).
'use strict';
const VENDOR_JSON = 'application/vnd.mx.api.v1+json';
const VERSION = 'v20250224';

const camel = (name) => name.replace(/_(\w)/g, (_, c) => c.toUpperCase());

/** The version entry of the suite for v20250224: its methods are the spec's operations OpenAgg serves. */
function describeCurrent(spec) {
  const methods = Object.fromEntries(Object.keys(spec.operations).map((id) => [id, [{}]]));
  return { alias: VERSION, current: true, spec, declarations: { methods, interfaces: {}, enums: {} }, bugs: [] };
}

/** A client of `server` in v20250224; `accept` is the Accept header sent beside Accept-Version. */
function connectCurrent(version, server, accept = VENDOR_JSON) {
  const api = {};
  for (const [id, operation] of Object.entries(version.spec.operations)) {
    api[id] = (params = {}, options = {}) => call(version.spec, server, accept, id, operation, params, options);
  }
  return api;
}

function parametersOf(spec, op) {
  return (op.parameters || []).map((p) => (p.$ref ? spec.parameter(p.$ref) : p));
}

async function call(spec, server, accept, id, { template, method, op }, params, options) {
  const used = new Set();
  const take = (...names) => {
    for (const n of names) {
      if (n in params) {
        used.add(n);
        return params[n];
      }
    }
    return undefined;
  };
  const path = template.replace(/\{(\w+)\}/g, (_, name) => {
    const aliases = name.endsWith('_identifier') ? ['_guid', '_code'].map((t) => camel(name.replace(/_identifier$/, t))) : [];
    const value = take(camel(name), ...aliases);
    if (value === undefined) throw new Error(`${id} needs ${camel(name)}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const p of parametersOf(spec, op).filter((x) => x.in === 'query')) {
    const value = take(camel(p.name));
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(p.name, String(v));
  }
  const bodyKey = Object.keys(params).find((k) => /Body$/.test(k));
  if (bodyKey) used.add(bodyKey);
  const unknown = Object.keys(params).filter((k) => !used.has(k));
  if (unknown.length) throw new Error(`${id} has no parameter ${unknown.join(', ')}`);

  const headers = {
    Authorization: `Basic ${Buffer.from(`${server.username}:${server.password}`).toString('base64')}`,
    Accept: accept,
    'Accept-Version': VERSION,
    ...(bodyKey ? { 'Content-Type': 'application/json' } : {}),
    ...(options.headers || {}),
  };
  const response = await fetch(`${server.basePath}${path}${query.size ? `?${query}` : ''}`, {
    method: method.toUpperCase(), headers, body: bodyKey ? JSON.stringify(params[bodyKey]) : undefined,
  });
  const contentType = response.headers.get('content-type');
  const reply = { status: response.status, headers: { 'content-type': contentType } };
  if (options.responseType === 'arraybuffer' && response.status < 400) {
    reply.data = await response.arrayBuffer();
    spec.check(id, { status: reply.status, contentType, body: null });
    return reply;
  }
  const text = await response.text();
  reply.data = text === '' ? '' : JSON.parse(text);
  spec.check(id, { status: reply.status, contentType, body: reply.data });
  if (response.status >= 400) {
    const error = new Error(`${id} answered ${response.status}: ${text}`);
    error.response = reply;
    throw error;
  }
  return reply;
}

module.exports = { describeCurrent, connectCurrent, VERSION };
