#!/usr/bin/env node
// Validates JSON files against a JSON Schema (draft 2020-12 or draft-07) with Ajv, installed
// by scripts/setup into .tools. Usage: node scripts/validate-json.cjs [--lax] SCHEMA FILE...
// Ajv's strict mode checks the schema itself too; --lax turns it off for third-party schemas
// (the SARIF schema trips `strictRequired`).
// Prints `FILE: valid` or each error as `FILE: <instance path> <message>`; exits 1 if any is invalid.
'use strict';
const path = require('path');
const fs = require('fs');
const tools = path.join(__dirname, '..', '.tools', 'node_modules');
const load = (name) => require(require.resolve(name, { paths: [tools] }));
const args = process.argv.slice(2);
const lax = args[0] === '--lax';
const [schemaPath, ...files] = lax ? args.slice(1) : args;
if (!schemaPath || files.length === 0) {
  console.error('usage: validate-json.cjs SCHEMA FILE...');
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const draft2020 = String(schema.$schema || '').includes('2020-12');
const Ajv = draft2020 ? load('ajv/dist/2020') : load('ajv');
const ajv = new Ajv({ allErrors: true, strict: !lax });
load('ajv-formats')(ajv);
const validate = ajv.compile(schema);
let bad = 0;
for (const file of files) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(data)) {
    console.log(`${file}: valid`);
  } else {
    bad += 1;
    for (const e of validate.errors) {
      console.log(`${file}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
}
process.exit(bad ? 1 : 0);
