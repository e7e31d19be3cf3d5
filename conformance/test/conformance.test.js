// Drives a freshly started OpenAgg through MX's official Node client, in each installed version, once configured
// as MX's README shows and once sending no Accept header. Every area in ../areas is one file; each defines its
// tests for every version whose client has the methods it needs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { describe, before, after } = require('node:test');
const { start } = require('../lib/server');
const { describeVersion, connect } = require('../lib/client');
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

for (const version of VERSIONS) {
  for (const accept of ['vendor', 'none']) {
    const headerLabel = accept === 'vendor' ? 'Accept: application/vnd.mx.api.v1+json' : 'no Accept header';
    describe(`${version.label} (${headerLabel})`, () => {
      const ctx = { version, accept };
      ctx.mx = mxbank(ctx);
      before(async () => {
        ctx.server = await start();
        ctx.api = connect(version, ctx.server, accept);
      });
      after(async () => ctx.server && ctx.server.stop());

      for (const area of AREAS) {
        const missing = (area.needs || []).filter((m) => !version.declarations.methods[m]);
        if (missing.length) {
          console.log(`${area.title}: not defined for ${version.label}, which has no ${missing.join(', ')}`);
          continue;
        }
        describe(area.title, () => area.define(ctx));
      }
    });
  }
}
