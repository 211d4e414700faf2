// The engine's two paths (in-process and the worker pool) must give the same results,
// and the chunked prefilter must find needles that straddle a read boundary.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { scan } from "../dist/src/engine.js";
import { makePrefilter } from "../dist/src/prefilter.js";
import { Pool, type PoolAnswer } from "../dist/src/pool.js";
import { DEFAULT_RULES } from "../dist/src/rules.js";
import { tempDir } from "./helpers/cli.js";

const settings = { rules: DEFAULT_RULES, target: "flash" as const, dialect: "thinking" as const };

test("the worker pool finds exactly what the in-process path finds", async () => {
  const dir = tempDir();
  for (let i = 0; i < 300; i++) {
    const sub = path.join(dir, `pkg${i % 7}`, `d${i % 3}`);
    mkdirSync(sub, { recursive: true });
    const body = i % 10 === 0 ? `export const m${i} = { model: "deepseek-chat", messages: [] };\n` : `export const x${i} = ${i};\n`;
    writeFileSync(path.join(sub, `f${i}.${i % 2 ? "ts" : "js"}`), body);
  }
  writeFileSync(path.join(dir, "w.py"), 'M = "deepseek-reasoner"\n');
  const options = { paths: ["."], cwd: dir, settings, gitignore: true, defaultIgnore: true, ignore: [] };
  const inProcess = await scan({ ...options, workers: 0 });
  const pooled = await scan({ ...options, workers: 2 });
  expect(inProcess.filesScanned).toBe(301);
  expect(inProcess.files.length).toBe(31);
  expect(pooled).toEqual(inProcess);
});

test("the pool's importer search (begun while hits are still parsed) links the same importers as the in-process path", async () => {
  const dir = tempDir();
  // Thirty folders, each with an exporting module, its importer and filler: some exporting modules are
  // parsed while the workers still read, and the later hits keep this thread parsing after the prefilter.
  for (let d = 0; d < 30; d++) {
    const sub = path.join(dir, `p${d}`);
    mkdirSync(sub);
    // Names of their own, so a search for one folder's module cannot find another folder's importer.
    writeFileSync(path.join(sub, `config${d}.ts`), `export const MODEL${d} = "deepseek-reasoner";\n`);
    writeFileSync(path.join(sub, "use.ts"), `import { MODEL${d} } from "./config${d}";\nexport const ask = (c: any) => c.chat.completions.create({ model: MODEL${d}, messages: [] });\n`);
    for (let i = 0; i < 100; i++) writeFileSync(path.join(sub, `f${i}.ts`), i % 40 === 0 ? `export const note${i} = { label: "deepseek-chat" };\n` : `export const x${i} = ${i};\n`);
  }
  writeFileSync(path.join(dir, "package.json"), "{}\n");
  const options = { paths: ["."], cwd: dir, settings, gitignore: true, defaultIgnore: true, ignore: [] };
  const inProcess = await scan({ ...options, workers: 0 });
  const pooled = await scan({ ...options, workers: 2 });
  const changed = inProcess.files.filter((f) => f.file.endsWith("/use.ts") && f.status === "changed");
  expect(changed.length).toBe(30);
  expect(pooled).toEqual(inProcess);
});

test("analysis workers (many hits waiting) give exactly what the main thread gives", async () => {
  const dir = tempDir();
  for (let i = 0; i < 120; i++) {
    const sub = path.join(dir, `pkg${i % 5}`);
    mkdirSync(sub, { recursive: true });
    const id = i % 3 === 0 ? "deepseek-reasoner" : "deepseek-chat";
    writeFileSync(path.join(sub, `f${i}.${i % 2 ? "ts" : "py"}`), i % 2 ? `export const m${i} = { model: "${id}", messages: [] };\n` : `M${i} = "${id}"\n`);
  }
  const options = { paths: ["."], cwd: dir, settings, gitignore: true, defaultIgnore: true, ignore: [] };
  const inProcess = await scan({ ...options, workers: 0 });
  // One waiting hit is enough to start them: every batch after the first goes to a worker.
  const parallel = await scan({ ...options, workers: 2, parallelAnalysisAt: 1 });
  expect(inProcess.files.length).toBe(120);
  expect(parallel).toEqual(inProcess);
});

test("a prefix test in a file that names no ID holds the alias it matches, in both paths", async () => {
  const dir = tempDir();
  for (let i = 0; i < 50; i++) writeFileSync(path.join(dir, `f${i}.js`), `export const x${i} = ${i};\n`);
  writeFileSync(path.join(dir, "family.js"), 'export const v4 = (m) => m.startsWith("deepseek-v4-");\n');
  writeFileSync(path.join(dir, "config.js"), 'export const MODEL = "deepseek-v4-flash";\n');
  const options = { paths: ["."], cwd: dir, settings, gitignore: true, defaultIgnore: true, ignore: [] };
  const inProcess = await scan({ ...options, workers: 0 });
  const pooled = await scan({ ...options, workers: 2 });
  const config = inProcess.files.find((f) => f.file === "config.js")!;
  expect(config.status).toBe("unchanged");
  expect(config.findings.map((f) => f.ruleId)).toEqual(["legacy-id-identity"]);
  expect(config.findings[0]!.message).toContain("family.js:1:");
  expect(pooled).toEqual(inProcess);
});

test("the pool sends a few batches per worker at a time and answers every batch it was given", async () => {
  const dir = tempDir();
  const files = Array.from({ length: 40 }, (_, i) => {
    const abs = path.join(dir, `f${i}.js`);
    writeFileSync(abs, i % 4 === 0 ? 'const m = "deepseek-chat";\n' : "const x = 1;\n");
    return { abs, rel: `f${i}.js` };
  });
  const answers: Array<{ count: number; hits: string[] }> = [];
  // One batch in flight per worker: 20 batches of two files make most of them wait in the pool.
  const pool = new Pool(2, settings, (a) => answers.push({ count: a.count, hits: (a.hits ?? []).map((d) => d.rel) }), 1);
  for (let i = 0; i < files.length; i += 2) pool.submit(files.slice(i, i + 2));
  await pool.idle();
  await pool.close();
  expect(answers.length).toBe(20);
  expect(answers.reduce((n, a) => n + a.count, 0)).toBe(40);
  expect(answers.flatMap((a) => a.hits).sort()).toEqual(files.filter((_, i) => i % 4 === 0).map((f) => f.rel).sort());
});


test("a pool answer names each file it reports (hit, near, unreadable) by the path it was sent with", async () => {
  const dir = tempDir();
  const write = (rel: string, text: string | Buffer) => {
    writeFileSync(path.join(dir, rel), text);
    return { abs: path.join(dir, rel), rel };
  };
  const batch = [
    write("a.js", "const x = 1;\n"),
    write("b.js", 'const m = "deepseek-reasoner";\n'),
    { abs: path.join(dir, "gone.js"), rel: "gone.js" },
    write("c.js", 'if (id.startsWith("deepseek")) go();\n'),
    write("d.bin", Buffer.from([0, 1, 2, 0])),
  ];
  const answers: PoolAnswer[] = [];
  const pool = new Pool(1, settings, (a) => answers.push(a));
  pool.submit(batch);
  await pool.idle();
  await pool.close();
  expect(answers).toHaveLength(1);
  const [answer] = answers;
  expect(answer!.count).toBe(5);
  expect(answer!.hits).toEqual([batch[1]]);
  expect(answer!.near).toEqual([batch[3]]);
  expect(answer!.binary).toBe(1);
  expect(answer!.results.map((r) => [r.file, r.status, r.problem?.startsWith("cannot read: ENOENT")])).toEqual([["gone.js", "unreadable", true]]);
});
test("a needle split across two 256 KiB reads is still found", () => {
  const dir = tempDir();
  const file = path.join(dir, "big.js");
  const pad = "x".repeat(256 * 1024 - 5);
  writeFileSync(file, `${pad}deepseek-chat`);
  expect(makePrefilter(["deepseek-chat"]).fileHits(file)).toBe(true);
  writeFileSync(file, `${pad}deepseek-cha`);
  expect(makePrefilter(["deepseek-chat"]).fileHits(file)).toBe(false);
});

test("a possible importer that does not parse is 'not processed' only if its imports can reach a linked module", async () => {
  // A config module with an ID, a client that imports it, and two stores holding the config's
  // names but no ID that do not parse (two `export const store`, as uni-app's conditional
  // compilation writes them): one imports another module, the other imports the config.
  const dir = tempDir();
  mkdirSync(path.join(dir, "config"));
  mkdirSync(path.join(dir, "store"));
  writeFileSync(path.join(dir, "package.json"), "{}\n");
  writeFileSync(path.join(dir, "config", "api.js"), 'export const apiConfig = { model: "deepseek-chat" };\n');
  writeFileSync(path.join(dir, "client.js"), 'import OpenAI from "openai";\nimport { apiConfig } from "./config/api.js";\nconst c = new OpenAI({ baseURL: "https://api.deepseek.com" });\nexport const ask = () => c.chat.completions.create({ model: apiConfig.model, messages: [] });\n');
  const store = (from: string) => `import settings from "${from}";\n// apiConfig\nexport const store = { settings };\nexport const store = { settings };\n`;
  writeFileSync(path.join(dir, "store", "elsewhere.js"), store("./settings.js"));
  writeFileSync(path.join(dir, "store", "settings.js"), "export default {};\n");
  const options = { paths: ["."], cwd: dir, settings, gitignore: true, defaultIgnore: true, ignore: [], workers: 0 };
  const unrelated = await scan(options);
  expect(unrelated.files.filter((f) => f.status === "unparsed")).toEqual([]);
  writeFileSync(path.join(dir, "store", "elsewhere.js"), store("../config/api.js"));
  const importing = await scan(options);
  expect(importing.files.filter((f) => f.status === "unparsed").map((f) => f.file)).toEqual(["store/elsewhere.js"]);
});
