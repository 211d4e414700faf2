// Node built-ins that only some runs need, loaded when first used. Each one imported at the top
// of the bundle is loaded (and its own dependencies: child_process pulls in net, dgram and the
// streams) by every run, `check` of a small folder included, which never starts a thread or git.
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

export const childProcess = (): typeof import("node:child_process") => load("node:child_process");
export const workerThreads = (): typeof import("node:worker_threads") => load("node:worker_threads");
