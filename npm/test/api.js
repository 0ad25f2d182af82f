'use strict';
// Run from a project where the packed tarballs are installed (tests/npm.rs does it):
//   node api.js REPO_DIR
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const applinkc = require('applinkc');

async function main() {
  const repo = process.argv[2];
  const spec = path.join(repo, 'examples/api-spec.yaml');

  assert.deepEqual(applinkc.toArgs({ clientName: 'Acme', force: true, quiet: false, format: ['json', 'sarif'] }), [
    '--client-name', 'Acme', '--force', '--format', 'json', '--format', 'sarif',
  ]);

  const checked = await applinkc.check(spec, { clientName: 'AcmePricing' });
  assert.equal(checked.exitCode, 0);
  const rules = checked.findings.map((d) => d.rule);
  assert.deepEqual(rules, ['AL908', 'AL908']);

  const strict = await applinkc.check([spec], { clientName: 'AcmePricing', failSeverity: 'warning' });
  assert.equal(strict.exitCode, 1);

  const fixtures = path.join(repo, 'fixtures/ALD01');
  const diffed = await applinkc.diff(path.join(fixtures, 'fail.old.yaml'), path.join(fixtures, 'fail.new.yaml'));
  assert.equal(diffed.exitCode, 1);
  assert.deepEqual(diffed.findings.map((d) => d.rule), ['ALD01']);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'applinkc-api-'));
  const out = path.join(dir, 'acme.zip');
  const built = await applinkc.build(spec, { clientName: 'AcmePricing', appUrl: 'https://acme.herokuapp.com', output: out });
  assert.equal(built.exitCode, 0);
  assert.ok(fs.statSync(out).size > 1000);

  const bundled = await applinkc.bundle(spec, { clientName: 'AcmePricing', output: path.join(dir, 'payload.zip') });
  assert.equal(bundled.code, 0);
  assert.ok(fs.existsSync(path.join(dir, 'payload.zip')));

  await assert.rejects(applinkc.check(path.join(dir, 'missing.yaml')), (e) => {
    assert.equal(e.code, 2);
    assert.match(e.message, /missing\.yaml/);
    return true;
  });
  console.log('node api: 7 passed, 0 failed');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
