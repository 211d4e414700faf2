// The language server's entry (`ds-migrate lsp`): bundled on its own (dist/bundle/lsp.js) and
// loaded by the CLI only for that command, so no other command loads the protocol library.
export { startServer } from "./lsp/server.js";
