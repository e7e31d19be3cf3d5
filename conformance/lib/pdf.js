// Downloads a document's PDF through a client method twice: with the client's configured headers, as code written
// for MX calls it, and asking for MX's PDF type explicitly. Both must give the same PDF.
'use strict';
const assert = require('node:assert/strict');

async function downloadPdf(download, params) {
  const configured = await download(params, { responseType: 'arraybuffer' });
  const explicit = await download(params, { responseType: 'arraybuffer', headers: { Accept: 'application/vnd.mx.api.v1+pdf' } });
  for (const reply of [configured, explicit]) {
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/vnd.mx.api.v1+pdf');
  }
  const bytes = Buffer.from(configured.data);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(bytes.equals(Buffer.from(explicit.data)), 'the two downloads differ');
  return bytes;
}

module.exports = { downloadPdf };
