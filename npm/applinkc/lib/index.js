'use strict';
// The Node API: each function runs the applinkc binary with the flags its options name (in
// camelCase: `{ clientName: 'Acme' }` is `--client-name Acme`) and resolves with the JSON
// report (docs/report.schema.json) once the command ran — exit 0 or 1, that is, whether or not
// findings reached the fail severity. It rejects when applinkc could not run (exit 2: a usage
// error, an unreadable file, a bad config), with the message applinkc printed.
const { execFile } = require('node:child_process');
const { binaryPath } = require('./binary.js');

/** `clientName` → `--client-name`. */
function flag(name) {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Options to command-line arguments: `true` is a bare flag, `false`/`undefined` nothing, an
 * array repeats the flag. */
function toArgs(options) {
  const args = [];
  for (const [key, value] of Object.entries(options || {})) {
    if (value === undefined || value === null || value === false) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === true) args.push(flag(key));
      else args.push(flag(key), String(v));
    }
  }
  return args;
}

/** Runs applinkc with `args`; resolves `{ code, stdout, stderr }` for exit 0 and 1. */
function run(args) {
  return new Promise((resolve, reject) => {
    let exe;
    try {
      exe = binaryPath();
    } catch (e) {
      reject(e);
      return;
    }
    execFile(exe, args, { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (code === 0 || code === 1) {
        resolve({ code, stdout, stderr });
        return;
      }
      const e = new Error((stderr || '').trim() || (error && error.message) || `applinkc exited with ${code}`);
      e.code = code;
      e.stderr = stderr;
      reject(e);
    });
  });
}

/** Runs a reporting command and resolves with its parsed JSON report (plus `exitCode`). */
async function report(command, positional, options) {
  const { code, stdout } = await run([command, ...positional, ...toArgs(options), '--format', 'json']);
  const parsed = JSON.parse(stdout);
  parsed.exitCode = code;
  return parsed;
}

/** `applinkc check PATHS…`: `paths` is a string or an array. */
function check(paths, options = {}) {
  return report('check', [].concat(paths), options);
}

/** `applinkc build SPEC`: `options.output` (`-o`), `options.layout`, `options.appUrl`, …; the
 * report's findings, and the build written when `exitCode` is 0. */
function build(spec, options = {}) {
  const { output, reportOutput, ...rest } = options;
  const positional = [spec];
  if (output) positional.push('--output', output);
  return report('build', positional, rest);
}

/** `applinkc bundle SPEC -o FILE`: resolves `{ code, stdout, stderr }` (bundle prints no JSON
 * report of its own). */
function bundle(spec, options = {}) {
  return run(['bundle', spec, ...toArgs(options)]);
}

/** `applinkc diff OLD NEW`: what republishing NEW over OLD breaks, as a JSON report. */
function diff(oldSpec, newSpec, options = {}) {
  return report('diff', [oldSpec, newSpec], options);
}

module.exports = { check, build, bundle, diff, run, toArgs, binaryPath };
