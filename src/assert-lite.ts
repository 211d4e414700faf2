// The two checks yargs' ES module shim imports from node:assert, for the bundle only (esbuild
// --alias:assert, package.json "build"): loading node:assert also loads its error formatting,
// which creates the stderr stream and the streams stack (~5 ms of a 0.19 s small run, measured
// in paired runs of `check examples/legacy-app`). yargs uses them to check its own arguments.
export function strictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (actual !== expected) throw new Error(message ?? `${String(actual)} !== ${String(expected)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (actual === expected) throw new Error(message ?? `${String(actual)} === ${String(expected)}`);
}
