// Reads fixtures/<transform>/<case>/ folders: input.<ext>, output.<ext>, findings.txt and an
// optional v4-flash/ folder holding output.<ext> and findings.txt for `--target v4-flash`
// (the V4 launch name: those are the expectations from before the model table, kept byte
// for byte), and an optional options.json ({ "target": "pro", "thinkingParam": "thinking_mode",
// "config": "ds-migrate.json" — a config file in the folder, "typecheck": false,
// "path": "tests/test_cost.py" — the name the file is analysed under, where its name matters;
// "invalidSyntax": true — the input is not valid on purpose; "minPython": "3.12" — the
// Python version whose compiler must accept it).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../../fixtures", import.meta.url));

export type FixtureTarget = "flash" | "pro" | "v4-flash";

export interface FixtureOptions {
  target?: FixtureTarget;
  thinkingParam?: "thinking" | "thinking_mode";
  config?: string;
  typecheck?: boolean;
  path?: string;
  invalidSyntax?: boolean;
  minPython?: string;
}

export interface FixtureCase {
  name: string;
  dir: string;
  ext: string;
  input: string;
  /** The expectation under the fixture's own target (options.target, default flash). */
  output: string;
  findings: string;
  options: FixtureOptions;
}

/** One fixture case per expectation set: the folder's own, and its v4-flash/ one if present. */
export function fixtureVariants(): FixtureCase[] {
  return fixtureCases().flatMap((c) => {
    const v4 = path.join(c.dir, "v4-flash");
    if (!existsSync(v4)) return [c];
    return [c, { ...c, name: `${c.name} [--target v4-flash]`, output: path.join(v4, `output${c.ext}`), findings: path.join(v4, "findings.txt"), options: { ...c.options, target: "v4-flash" as const } }];
  });
}

export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const transform of readdirSync(FIXTURES).sort()) {
    const tdir = path.join(FIXTURES, transform);
    for (const name of readdirSync(tdir).sort()) {
      const dir = path.join(tdir, name);
      if (existsSync(path.join(dir, "input")) && statSync(path.join(dir, "input")).isDirectory()) continue; // a project fixture (project.test.ts)
      const inputName = readdirSync(dir).find((f) => f.startsWith("input."));
      if (!inputName) throw new Error(`fixture ${transform}/${name} has no input.* file`);
      const ext = inputName.slice("input".length);
      const optionsFile = path.join(dir, "options.json");
      cases.push({
        name: `${transform}/${name}`,
        dir,
        ext,
        input: path.join(dir, inputName),
        output: path.join(dir, `output${ext}`),
        findings: path.join(dir, "findings.txt"),
        options: existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {},
      });
    }
  }
  return cases;
}

/**
 * Fixtures that are whole projects: fixtures/<group>/<case>/input/ → output/, with
 * findings.txt; a v4-flash/ folder (output/, findings.txt) holds the --target v4-flash expectation.
 */
export function projectCases(): Array<{ name: string; dir: string; expected: string; target?: FixtureTarget }> {
  const out: Array<{ name: string; dir: string; expected: string; target?: FixtureTarget }> = [];
  for (const group of readdirSync(FIXTURES).sort()) {
    for (const name of readdirSync(path.join(FIXTURES, group)).sort()) {
      const dir = path.join(FIXTURES, group, name);
      if (!existsSync(path.join(dir, "input")) || !statSync(path.join(dir, "input")).isDirectory()) continue;
      out.push({ name: `${group}/${name}`, dir, expected: dir });
      if (existsSync(path.join(dir, "v4-flash"))) out.push({ name: `${group}/${name} [--target v4-flash]`, dir, expected: path.join(dir, "v4-flash"), target: "v4-flash" });
    }
  }
  return out;
}
