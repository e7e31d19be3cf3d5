// Drives a freshly started OpenAgg through MX's official Node client, in each installed version, once configured
// as MX's README shows and once sending no Accept header. Every area in ../areas is one file; each defines its
// tests for every version whose client has the methods it needs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { describe, before, after } = require('node:test');
const { start } = require('../lib/server');
const { describeVersion, connect } = require('../lib/client');
const { describeCurrent, connectCurrent } = require('../lib/current');
const { makeSpec } = require('../lib/spec');
const { KNOWN_SPEC_BUGS } = require('../lib/shapes');
const { mxbank } = require('../lib/flow');

const VERSIONS = [
  { label: 'mx-platform-node 1.8.2', alias: 'mx-platform-node-v1' },
  { label: 'mx-platform-node 2.1.0', alias: 'mx-platform-node-v2' },
].map((v) => ({ ...v, ...describeVersion(v.alias) }));

for (const bug of KNOWN_SPEC_BUGS) {
  if (!VERSIONS.some((v) => v.bugs.includes(bug))) {
    throw new Error(`no installed client still has the spec bug ${bug.method}: drop it from lib/shapes.js`);
  }
}

const AREAS_DIR = path.join(__dirname, '..', 'areas');
const AREAS = fs.readdirSync(AREAS_DIR).filter((f) => f.endsWith('.js')).sort()
  .map((f) => require(path.join(AREAS_DIR, f)));

/** One run of every area against a fresh server, with `connectTo` building the client once it is up. */
function run(label, version, accept, connectTo, afterAll = () => {}) {
  describe(label, () => {
    const ctx = { version, accept, current: Boolean(version.current) };
    ctx.mx = mxbank(ctx);
    before(async () => {
      ctx.server = await start();
      ctx.api = connectTo(ctx.server);
    });
    after(async () => {
      if (ctx.server) await ctx.server.stop();
      afterAll();
    });

    for (const area of AREAS) {
      const missing = (area.needs || []).filter((m) => !version.declarations.methods[m]);
      if (missing.length) {
        console.log(`${area.title}: not defined for ${label}, which has no ${missing.join(', ')}`);
        continue;
      }
      describe(area.title, () => area.define(ctx));
    }
  });
}

for (const version of VERSIONS) {
  for (const accept of ['vendor', 'none']) {
    const headerLabel = accept === 'vendor' ? 'Accept: application/vnd.mx.api.v1+json' : 'no Accept header';
    run(`${version.label} (${headerLabel})`, version, accept, (server) => connect(version, server, accept));
  }
}

// v20250224 as MX's v3 SDK calls it, every reply checked against that version's spec file; the run fails when one
// of the spec file's allowances was not needed.
const current = describeCurrent(makeSpec());
run('v20250224 over HTTP (Accept: application/vnd.mx.api.v1+json, Accept-Version: v20250224)', current, 'vendor',
  (server) => connectCurrent(current, server), () => {
    const unused = current.spec.unusedAllowances();
    if (unused.length) {
      throw new Error(`allowances no v20250224 reply needed: drop them from lib/spec.js: ${JSON.stringify(unused)}`);
    }
  });
