// Reads fixtures/<transform>/<case>/ folders: input.<ext>, output.<ext>, findings.txt and an
// optional options.json ({ "target": "pro", "thinkingParam": "thinking_mode", "typecheck": false,
// "path": "tests/test_cost.py" — the name the file is analysed under, where its name matters;
// "invalidSyntax": true — the input is not valid on purpose; "minPython": "3.12" — the
// Python version whose compiler must accept it).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../../fixtures", import.meta.url));

export interface FixtureCase {
  name: string;
  dir: string;
  ext: string;
  input: string;
  output: string;
  findings: string;
  options: { target?: "flash" | "pro"; thinkingParam?: "thinking" | "thinking_mode"; typecheck?: boolean; path?: string; invalidSyntax?: boolean; minPython?: string };
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

/** Fixtures that are whole projects: fixtures/<group>/<case>/input/ → output/, with findings.txt. */
export function projectCases(): Array<{ name: string; dir: string }> {
  const out: Array<{ name: string; dir: string }> = [];
  for (const group of readdirSync(FIXTURES).sort()) {
    for (const name of readdirSync(path.join(FIXTURES, group)).sort()) {
      const dir = path.join(FIXTURES, group, name);
      if (existsSync(path.join(dir, "input")) && statSync(path.join(dir, "input")).isDirectory()) out.push({ name: `${group}/${name}`, dir });
    }
  }
  return out;
}
