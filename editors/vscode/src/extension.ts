// Starts `applinkc lsp` for YAML and JSON files; the server itself decides which files are
// OpenAPI specs (a root `openapi` or `swagger` key) and leaves the others alone.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration('applinkc').get<string>('path') || 'applinkc';
  const serverOptions: ServerOptions = {
    command,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
    ],
    synchronize: {
      // The server reads applinkc.toml at every check: tell it when the file changes.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/applinkc.toml'),
    },
  };
  client = new LanguageClient('applinkc', 'applinkc', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('applinkc.path') && client) {
        await client.restart();
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
