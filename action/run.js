// Entry point of the GitHub Action (action.yml): runs the CLI from the committed,
// self-contained bundle in action/dist, so the action installs nothing. `npm run build:action`
// refreshes the bundle (a copy of dist/bundle); test/ci-hooks.test.ts fails while it is stale.
// The bundle stays two folders below the repository root: it reads its version from
// ../../package.json, and the worker pool loads ./worker.js next to cli.js (src/pool.ts).
import { runCli } from "./dist/cli.js";

runCli();
