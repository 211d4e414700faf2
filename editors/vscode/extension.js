// The smallest VS Code extension that runs `ds-migrate lsp`: VS Code has no generic language
// client built in, so this starts the server over stdio for files on disk and lets
// vscode-languageclient do the rest (diagnostics, quick fixes, hover, watched files).
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

async function activate(context) {
  const command = vscode.workspace.getConfiguration("ds-migrate").get("path") || "ds-migrate";
  // A path to the repository's bin/ds-migrate.js runs under the Node that VS Code finds on PATH.
  const run = command.endsWith(".js") ? { command: "node", args: [command, "lsp"] } : { command, args: ["lsp"] };
  // TransportKind.stdio appends --stdio to the arguments.
  const server = { ...run, transport: TransportKind.stdio };
  client = new LanguageClient("ds-migrate", "ds-migrate", server, {
    // Every file kind ds-migrate reads; the server ignores what it does not.
    documentSelector: [{ scheme: "file" }],
  });
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
