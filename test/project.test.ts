// Project fixtures: a whole input/ tree migrated through the engine (so cross-module
// links are followed) must equal output/ byte for byte, with the findings in
// findings.txt; a second run must change nothing. UPDATE_FIXTURES=1 rewrites them.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { migrate } from "../dist/src/index.js";
import { snapshot, tempDir } from "./helpers/cli.js";
import { projectCases } from "./helpers/fixtures.js";

const update = process.env.UPDATE_FIXTURES === "1" && !process.env.CI;

describe.each(projectCases())("project fixture $name", ({ dir, expected, target }) => {
  test("migrates input/ to output/ exactly, with the expected findings; second run is a no-op", async () => {
    const work = path.join(tempDir(), "project");
    cpSync(path.join(dir, "input"), work, { recursive: true });
    const report = await migrate({ cwd: work, paths: ["."], today: "2026-11-25", force: true, ...(target ? { target } : {}) });
    const findings = report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}\n`).join("");
    if (update) {
      rmSync(path.join(expected, "output"), { recursive: true, force: true });
      cpSync(work, path.join(expected, "output"), { recursive: true });
      writeFileSync(path.join(expected, "findings.txt"), findings);
    }
    expect(snapshot(work)).toEqual(snapshot(path.join(expected, "output")));
    expect(findings).toBe(existsSync(path.join(expected, "findings.txt")) ? readFileSync(path.join(expected, "findings.txt"), "utf8") : "");
    const again = await migrate({ cwd: work, paths: ["."], today: "2026-11-25", force: true, ...(target ? { target } : {}) });
    expect(again.summary.filesChanged).toBe(0);
  });
});
