// Starts the built OpenAgg jar on a free port with a fresh data directory and a known client.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const JAR = process.env.OPENAGG_JAR || path.join(__dirname, '..', '..', 'target', 'openagg.jar');
const CLIENT_ID = 'conformance';
const API_KEY = 'conformance-api-key-0123456789';
const STARTUP_MS = 60000;

async function start() {
  if (!fs.existsSync(JAR)) {
    throw new Error(`${JAR} is missing: build it first (mvn -q -B package -DskipTests)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openagg-conformance-'));
  const child = spawn('java', ['-jar', JAR, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, OPENAGG_CLIENT_ID: CLIENT_ID, OPENAGG_API_KEY: API_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    process.off('exit', killOnExit);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in ${STARTUP_MS} ms`)), STARTUP_MS);
      child.stdout.on('data', () => {
        const m = output.match(/listening on http:\/\/localhost:(\d+)/);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      exited.then((code) => reject(new Error(`the server exited with ${code}`)));
    });
    return { basePath: `http://localhost:${port}`, username: CLIENT_ID, password: API_KEY, stop };
  } catch (e) {
    await stop();
    throw new Error(`${e.message}:\n${output}`);
  }
}

module.exports = { start };
