#!/usr/bin/env node
'use strict';
// `npx applinkc …`: runs the platform binary with the same arguments, standard streams and
// exit code (a signal ends this process the same way).
const { spawnSync } = require('node:child_process');
const { binaryPath } = require('../lib/binary.js');

let exe;
try {
  exe = binaryPath();
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}
const result = spawnSync(exe, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) {
  process.stderr.write(`applinkc: cannot run ${exe}: ${result.error.message}\n`);
  process.exit(2);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 2);
