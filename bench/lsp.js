#!/usr/bin/env node
// node bench/lsp.js [FOLDER FILE] [--all]
//
// The language server as an editor meets it: time from opening FILE (relative to FOLDER) to its
// first diagnostics (the cold walk and first pass of the whole folder), then from each of 7
// edits to the diagnostics of the edited text (the 150 ms debounce included). Defaults to
// examples/legacy-app and its worker/summarize.py; --all also scans node_modules and ignored
// files (--no-default-ignore --no-gitignore), for a large tree such as the shared corpus.
// Nothing is written: the edits exist only in the client.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2).filter((a) => a !== "--all");
const folder = path.resolve(args[0] ?? path.join(root, "examples/legacy-app"));
const file = args[1] ?? "worker/summarize.py";
const all = process.argv.includes("--all");

const child = spawn(process.execPath, [path.join(root, "bin/ds-migrate.js"), "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
let waiter;
rpc.onNotification("textDocument/publishDiagnostics", (p) => waiter?.(p));
rpc.onRequest("client/registerCapability", () => null);
rpc.listen();
const uri = pathToFileURL(path.join(folder, file)).href;
const next = (version) => new Promise((resolve) => (waiter = (p) => p.uri === uri && p.version === version && resolve(p)));

await rpc.sendRequest("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(folder).href,
  workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
  capabilities: {},
  initializationOptions: all ? { defaultIgnore: false, gitignore: false } : {},
});
await rpc.sendNotification("initialized", {});
const text = readFileSync(path.join(folder, file), "utf8");
const comment = /\.(py|sh|ya?ml|toml)$/.test(file) ? "#" : "//";
let t = performance.now();
let pending = next(1);
await rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "", version: 1, text } });
let published = await pending;
console.log(`first diagnostics: ${(performance.now() - t).toFixed(0)} ms (${published.diagnostics.length} diagnostics)`);
const times = [];
for (let version = 2; version <= 8; version++) {
  t = performance.now();
  pending = next(version);
  await rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text: `${text}\n${comment} edit ${version}\n` }] });
  published = await pending;
  times.push(performance.now() - t);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`after an edit: median ${sorted[3].toFixed(0)} ms (${times.map((x) => x.toFixed(0)).join(", ")}; 150 ms of it is the debounce)`);
await rpc.sendRequest("shutdown");
await rpc.sendNotification("exit");
