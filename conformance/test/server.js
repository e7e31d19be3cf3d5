// Starts the built OpenAgg jar on a free port with a fresh data directory, for one test file.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CLIENT_ID = 'conformance';
const API_KEY = 'conformance-api-key-0123456789';
const JAR = process.env.OPENAGG_JAR || path.join(__dirname, '..', '..', 'target', 'openagg.jar');

async function start() {
  if (!fs.existsSync(JAR)) {
    throw new Error(`${JAR} is missing: build it first (mvn -q -B package -DskipTests)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openagg-conformance-'));
  const child = spawn('java', ['-jar', JAR, 'serve', '--port', '0', '--data-dir', dataDir,
    '--client-id', CLIENT_ID, '--api-key', API_KEY], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${log}`)), 60000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on http:\/\/localhost:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}\n${log}`)));
  });
  return {
    basePath: `http://localhost:${port}`,
    username: CLIENT_ID,
    password: API_KEY,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

module.exports = { start };
