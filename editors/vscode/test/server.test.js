// `applinkc lsp` driven by the protocol library the extension's client is built on
// (`vscode-languageserver-protocol`, a dependency of `vscode-languageclient`, whose `/node`
// entry needs the `vscode` module and so runs only inside VS Code): initialize, open a spec with
// one finding (fixtures/AL904/fail-flow.yaml), its diagnostic, hover on it, its code actions,
// shutdown and exit with code 0.
//
// APPLINKC_BIN is the binary to start (the Rust test `tests/reach.rs` sets it to the one cargo
// built); APPLINKC_FIXTURES is the repository's `fixtures` folder (default: ../../fixtures).
// The whole session has 30 s; the server is killed in `finally` whatever happens.

'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  CodeActionRequest,
  ShutdownRequest,
  ExitNotification,
} = require('vscode-languageserver-protocol/node');

const TIMEOUT_MS = 30_000;

test('applinkc lsp: diagnostics, hover, code actions, shutdown', { timeout: TIMEOUT_MS + 5_000 }, async () => {
  const bin = process.env.APPLINKC_BIN;
  assert.ok(bin, 'set APPLINKC_BIN to the applinkc binary to test');
  const fixtures = process.env.APPLINKC_FIXTURES || path.join(__dirname, '..', '..', '..', 'fixtures');
  const spec = fs.readFileSync(path.join(fixtures, 'AL904', 'fail-flow.yaml'), 'utf8');

  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'applinkc-vscode-')));
  const file = path.join(dir, 'api-spec.yaml');
  fs.writeFileSync(file, spec);
  const uri = pathToFileURL(file).href;

  const deadline = Date.now() + TIMEOUT_MS;
  // Every wait ends by the deadline, so a silent server fails the test instead of hanging it.
  const within = (what, promise) => {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what}: no answer within ${TIMEOUT_MS / 1000} s of the start`)),
        Math.max(0, deadline - Date.now()),
      );
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  };

  const child = spawn(bin, ['lsp'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // Keep an early failure to start (ENOENT) from being an unhandled rejection before it is awaited.
  exited.catch(() => {});
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published = new Promise((resolve) => {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri) resolve(params);
    });
  });
  connection.listen();

  try {
    // A binary that cannot start fails here, with spawn's error, not at the first write.
    await within(
      'start',
      new Promise((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      }),
    );
    const init = await within(
      'initialize',
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(dir).href,
        capabilities: { general: { positionEncodings: ['utf-16'] } },
        workspaceFolders: null,
      }),
    );
    assert.equal(init.serverInfo.name, 'applinkc');
    assert.equal(init.capabilities.positionEncoding, 'utf-16');
    assert.equal(init.capabilities.hoverProvider, true);
    assert.equal(init.capabilities.codeActionProvider, true);
    await connection.sendNotification(InitializedNotification.type, {});

    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: spec },
    });
    const diagnostics = await within('publishDiagnostics', published);
    // The key `"connectedApp"` on line 9: fixtures/AL904/expected.txt has it at 9:41.
    const range = { start: { line: 8, character: 40 }, end: { line: 8, character: 54 } };
    assert.deepEqual(diagnostics, {
      uri,
      version: 1,
      diagnostics: [
        {
          range,
          severity: 2,
          code: 'AL904',
          source: 'applinkc',
          message:
            'connected app `QuoteApp`: Salesforce no longer creates new connected apps\n' +
            'help: use an external client app: `externalClientApp: QuoteApp` with ' +
            '`--authorization-external-client-app-name QuoteApp`; keep `connectedApp` only if the app already exists in the org',
          data: { pointer: '/paths/~1quote/post/x-sfdc/heroku/authorization/connectedApp' },
        },
      ],
    });
    const [finding] = diagnostics.diagnostics;

    const hover = await within(
      'hover',
      connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 8, character: 45 },
      }),
    );
    assert.equal(hover.contents.kind, 'markdown');
    assert.ok(hover.contents.value.startsWith('**AL904** `'), hover.contents.value);
    assert.ok(hover.contents.value.includes('## What it does'), hover.contents.value);

    const actions = await within(
      'codeAction',
      connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics: [finding] },
      }),
    );
    // The finding's own fix (unsafe: not preferred), then the new applinkc.toml with an
    // [[ignore]] for it (there is no config above the temporary folder).
    const config = pathToFileURL(path.join(dir, 'applinkc.toml')).href;
    const start = { line: 0, character: 0 };
    assert.deepEqual(actions, [
      {
        title:
          'rename `connectedApp` to `externalClientApp` (then publish with ' +
          '`--authorization-external-client-app-name QuoteApp`) (AL904, unsafe)',
        kind: 'quickfix',
        isPreferred: false,
        edit: {
          changes: {
            [uri]: [
              {
                range: { start: { line: 8, character: 41 }, end: { line: 8, character: 53 } },
                newText: 'externalClientApp',
              },
            ],
          },
        },
      },
      {
        title: 'Ignore AL904 here in applinkc.toml',
        kind: 'quickfix',
        edit: {
          documentChanges: [
            { kind: 'create', uri: config, options: { overwrite: false, ignoreIfExists: true } },
            {
              textDocument: { uri: config, version: null },
              edits: [
                {
                  range: { start, end: start },
                  newText:
                    '[[ignore]]\nrule = "AL904"\nfile = "api-spec.yaml"\n' +
                    'pointer = "/paths/~1quote/post/x-sfdc/heroku/authorization/connectedApp"\n' +
                    'reason = "TODO: say why this finding is acceptable"\n',
                },
              ],
            },
          ],
        },
      },
    ]);

    assert.equal(await within('shutdown', connection.sendRequest(ShutdownRequest.type)), null);
    await connection.sendNotification(ExitNotification.type);
    assert.deepEqual(await within('exit', exited), { code: 0, signal: null }, stderr);
  } finally {
    connection.dispose();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
