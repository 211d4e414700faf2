// Small pure pieces: URL rules, the deadline, the prefilter, edits, escaping, progress.
import { describe, expect, test } from "vitest";
import { deadlineStatus, isIsoDate } from "../dist/src/deadline.js";
import { isEnvFile } from "../dist/src/languages.js";
import { dependencyScope, mayImport } from "../dist/src/links.js";
import { makePrefilter } from "../dist/src/prefilter.js";
import { prefixTests } from "../dist/src/prefix-tests.js";
import { progressReporter } from "../dist/src/progress.js";
import { escapeData, escapeProperty } from "../dist/src/report/github.js";
import { DEFAULT_RULES, legacyDeadline } from "../dist/src/rules.js";
import { applyEdits, LineIndex } from "../dist/src/text.js";
import { classifyUrl, serverBeside } from "../dist/transforms/shared.js";
import { analyzeSource } from "../dist/src/index.js";

describe("classifyUrl", () => {
  const cases: Array<[string, unknown]> = [
    ["https://api.deepseek.com", { kind: "rewrite", replacement: "https://api.deepseek.com/v1", insecure: false }],
    ["https://api.deepseek.com/", { kind: "rewrite", replacement: "https://api.deepseek.com/v1", insecure: false }],
    ["https://api.deepseek.com/v1", { kind: "canonical" }],
    ["https://api.deepseek.com/v1/", { kind: "rewrite", replacement: "https://api.deepseek.com/v1", insecure: false }],
    ["https://api.deepseek.com/v1/chat/completions", { kind: "canonical" }],
    ["https://api.deepseek.com/chat/completions", { kind: "rewrite", replacement: "https://api.deepseek.com/v1/chat/completions", insecure: false }],
    ["http://api.deepseek.com", { kind: "rewrite", replacement: "https://api.deepseek.com/v1", insecure: true }],
    ["http://api.deepseek.com/v1/models", { kind: "rewrite", replacement: "https://api.deepseek.com/v1/models", insecure: true }],
    ["https://api.deepseek.com/models", { kind: "rewrite", replacement: "https://api.deepseek.com/v1/models", insecure: false }],
    ["https://api.deepseek.com/completions?stream=1", { kind: "rewrite", replacement: "https://api.deepseek.com/v1/completions?stream=1", insecure: false }],
    ["https://api.deepseek.com/user/balance", { kind: "untouched" }],
    ["https://api.deepseek.com/v1/user/balance", { kind: "untouched" }],
    ["http://api.deepseek.com/user/balance", { kind: "rewrite", replacement: "https://api.deepseek.com/user/balance", insecure: true }],
    ["https://api.deepseek.com/beta", { kind: "beta" }],
    ["https://api.deepseek.com/beta/completions", { kind: "beta" }],
    ["https://api.deepseek.com/anthropic", { kind: "untouched" }],
    ["https://api.deepseek.com/anthropic/v1/messages", { kind: "untouched" }],
    ["https://API.DEEPSEEK.COM/v1", { kind: "rewrite", replacement: "https://api.deepseek.com/v1", insecure: false }],
    ["https://openrouter.ai/api/v1", undefined],
    ["https://api.deepseek.com.evil.example/v1", undefined],
    ["see https://api.deepseek.com", undefined],
  ];
  test.each(cases)("%s", (url, verdict) => {
    expect(classifyUrl(url, DEFAULT_RULES)).toEqual(verdict);
  });
});

describe("env files by name", () => {
  test.each([".env", ".env.local", ".env.example", ".env-example", ".env_sample", "env.example", "env.sample", "prod.env", "docker.env"])("%s is read as KEY=value lines", (name) => {
    expect(isEnvFile(name)).toBe(true);
  });
  test.each([".envrc", "env", ".env.", "environment.py", ".environment", "env.py"])("%s is not", (name) => {
    expect(isEnvFile(name)).toBe(false);
  });
});

describe("prefixTests", () => {
  test("finds startsWith/startswith and anchored regular expressions in code, with their place", () => {
    const js = 'if (m.startsWith("deepseek-v4-")) x();\nconst v4 = /^deepseek-v4-/.test(m);\nm.startsWith(\'gpt\', 0);';
    expect(prefixTests("a.ts", js)).toEqual([
      { prefix: "deepseek-v4-", expr: 'startsWith("deepseek-v4-")', line: 1, column: 19 },
      { prefix: "gpt", expr: "startsWith('gpt')", line: 3, column: 15 },
      { prefix: "deepseek-v4-", expr: "/^deepseek-v4-/", line: 2, column: 14 },
    ]);
    expect(prefixTests("a.py", 'if re.match(r"^deepseek-v4-", m) or m.startswith("deepseek-r1"): pass')?.map((t) => t.prefix)).toEqual(["deepseek-r1", "deepseek-v4-"]);
  });
  test("Python: each string of a startswith tuple", () => {
    expect(prefixTests("a.py", 'if m.startswith(("deepseek-v4-", "deepseek-r1")): pass')).toEqual([
      { prefix: "deepseek-v4-", expr: 'startswith(("deepseek-v4-", "deepseek-r1"))', line: 1, column: 19 },
      { prefix: "deepseek-r1", expr: 'startswith(("deepseek-v4-", "deepseek-r1"))', line: 1, column: 35 },
    ]);
  });
  test("docs and config name models, they do not test them", () => {
    expect(prefixTests("README.md", 'm.startsWith("deepseek-v4-")')).toBeUndefined();
    expect(prefixTests("a.ts", 'const m = "deepseek-v4-flash";')).toBeUndefined();
  });
});

describe("deadline", () => {
  test.each([
    ["2026-07-20", "deadline 2026-07-24: 4 days left before requests with these IDs fail"],
    ["2026-07-23", "deadline 2026-07-24: 1 day left before requests with these IDs fail"],
    ["2026-07-24", "deprecated since 2026-07-24 (today): requests with these IDs fail"],
    ["2026-07-25", "deprecated since 2026-07-24 (1 day ago): requests with these IDs fail"],
    ["2026-11-25", "deprecated since 2026-07-24 (124 days ago): requests with these IDs fail"],
  ])("on %s", (today, text) => {
    expect(deadlineStatus(legacyDeadline(DEFAULT_RULES), today).text).toBe(text);
  });

  test("isIsoDate rejects impossible dates", () => {
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-2-3")).toBe(false);
    expect(isIsoDate("2026-02-28")).toBe(true);
  });
});

describe("prefilter", () => {
  const pf = makePrefilter(["deepseek-chat", "deepseek-reasoner", "api.deepseek.com"]);
  test("hits only on the exact needles", () => {
    expect(pf.hits(Buffer.from('m = "deepseek-chat"'))).toBe(true);
    expect(pf.hits(Buffer.from("https://api.deepseek.com/v1"))).toBe(true);
    expect(pf.hits(Buffer.from("deepseek-v4-flash and deepseek-coder"))).toBe(false);
    expect(pf.hits(Buffer.from("nothing here"))).toBe(false);
  });
  test("needles without the common word still work (user config)", () => {
    expect(makePrefilter(["my-old-model"]).hits(Buffer.from("x my-old-model y"))).toBe(true);
  });
});

describe("applyEdits", () => {
  test("applies in order, keeps insertions at a replacement's boundary, drops overlaps", () => {
    const r = applyEdits("abcdef", [
      { start: 1, end: 3, text: "X" },
      { start: 3, end: 3, text: "+" },
      { start: 2, end: 4, text: "Y" },
    ]);
    expect(r.text).toBe("aX+def");
    expect(r.dropped).toEqual([{ start: 2, end: 4, text: "Y" }]);
  });

  test("LineIndex gives 1-based positions across CRLF", () => {
    const idx = new LineIndex("ab\r\ncd\nef");
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(4)).toEqual({ line: 2, column: 1 });
    expect(idx.position(8)).toEqual({ line: 3, column: 2 });
  });
});

describe("GitHub workflow command escaping", () => {
  test("data escapes %, CR, LF; properties also escape : and ,", () => {
    expect(escapeData("100%\r\nnext: a,b")).toBe("100%25%0D%0Anext: a,b");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });
});

describe("progress", () => {
  const stream = () => {
    const out: string[] = [];
    return { isTTY: true, write: (t: string) => out.push(t), out };
  };

  test("off when not a TTY or in CI", () => {
    expect(progressReporter({ isTTY: false, write: () => 0 }, {})).toBeUndefined();
    expect(progressReporter({ isTTY: true, write: () => 0 }, { CI: "true" })).toBeUndefined();
  });

  test("silent for short runs; counts on a long one, phase by phase; cleared at the end", () => {
    let t = 0;
    const s = stream();
    const progress = progressReporter(s, {}, () => t)!;
    progress.report("scanning", 10, 100, true);
    expect(s.out).toEqual([]);
    t = 400;
    progress.report("scanning", 50, 1000, true);
    t = 450;
    progress.report("scanning", 60, 1000, true); // throttled
    progress.report("linking", 0, 12); // a new phase shows at once
    t = 600;
    progress.report("writing", 3, 40);
    progress.end();
    expect(s.out).toEqual([
      "\r\x1b[Kds-migrate: scanning… scanned 50 of 1000+ files",
      "\r\x1b[Kds-migrate: linking… linked 0 of 12 modules",
      "\r\x1b[Kds-migrate: writing… wrote 3 of 40 files",
      "\r\x1b[K",
    ]);
  });

  test("colour: FORCE_COLOR decides when set, then NO_COLOR, then the terminal", async () => {
    const { useColor } = await import("../dist/src/cli.js");
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({ NO_COLOR: "1" }, true)).toBe(false);
    expect(useColor({ NO_COLOR: "" }, true)).toBe(true);
    expect(useColor({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: "false" }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(true);
  });
});

describe("report model", () => {
  test("a folder the walk could not list is reported as not processed", async () => {
    const { buildReport } = await import("../dist/src/report/model.js");
    const report = buildReport({
      command: "migrate", dryRun: true, version: "0", target: "flash", thinkingParam: "thinking", strict: false,
      deadline: deadlineStatus(legacyDeadline(DEFAULT_RULES), "2026-11-25"), models: [], noneFound: "none",
      scan: { filesScanned: 0, files: [], notes: { symlinksSkipped: 0, unreadableDirs: [{ dir: "secret", problem: "cannot list this folder: EACCES" }] } },
    });
    expect(report.files).toEqual([{ file: "secret", status: "unreadable", problem: "cannot list this folder: EACCES" }]);
    expect(report.summary.filesUnreadable).toBe(1);
  });
});

describe("commonSubstring", () => {
  test("finds the longest substring all needles share", async () => {
    const { commonSubstring } = await import("../dist/src/prefilter.js");
    expect(commonSubstring(["deepseek-chat", "deepseek-reasoner", "api.deepseek.com"])).toBe("deepseek");
    expect(commonSubstring(["CHAT_MODEL", "DEFAULT_MODEL", "MODEL"])).toBe("MODEL");
    expect(commonSubstring(["abc", "xyz"])).toBe("");
  });
});

describe("mode ledger for JSON and YAML request bodies", () => {
  const settings = { rules: DEFAULT_RULES, target: "flash" as const, dialect: "thinking" as const };
  test("a legacy body is migrated, a V4 body without a mode is implicit, one that states its mode explicit", async () => {
    const { analyzeJson } = await import("../dist/transforms/config/json.js");
    const { analyzeYaml } = await import("../dist/transforms/config/yaml.js");
    const json = analyzeJson(
      '[{"model": "deepseek-chat", "messages": []}, {"model": "deepseek-flash", "messages": []}, {"model": "deepseek-flash", "thinking": {"type": "enabled"}, "messages": []}]',
      "bodies.json", settings as never,
    );
    expect(json.requests?.map((r: { mode: string; client: string }) => [r.client, r.mode])).toEqual([["json-body", "migrated"], ["json-body", "implicit"], ["json-body", "explicit"]]);
    expect(json.requests?.[0]?.sources).toEqual(['"deepseek-chat" → "deepseek-flash" (line 1)']);
    const yaml = analyzeYaml("request:\n  model: deepseek-reasoner\n  messages: []\n", "req.yaml", settings as never);
    expect(yaml.requests?.map((r: { mode: string }) => r.mode)).toEqual(["migrated"]);
  });
});

describe("writeAtomic keeps edits made after the scan", () => {
  test("a file whose text is no longer what was read is not written", async () => {
    const { writeAtomic } = await import("../dist/src/write.js");
    const { mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ds-write-")), "a.js");
    writeFileSync(file, "old\n");
    writeFileSync(file, "old\nedited meanwhile\n");
    await expect(writeAtomic(file, "new\n", "old\n")).rejects.toThrow(/changed after ds-migrate read it: not written/);
    expect(readFileSync(file, "utf8")).toBe("old\nedited meanwhile\n");
    await writeAtomic(file, "new\n", "old\nedited meanwhile\n");
    expect(readFileSync(file, "utf8")).toBe("new\n");
  });
});

describe("Python: valid syntax @lezer/python misreads", () => {
  const valid = [
    "x = f(20.)\ny = 20./3\nz = 20.\n",
    "match p:\n    case Foo():\n        pass\n    case Bar.Baz() | Qux():\n        pass\n",
    "with (open('a') as f, open('b') as g):\n    pass\n",
    "def g():\n    yield  # nothing\n    x = yield # c\n",
    "with g() as (w, d):\n    pass\nwith g() as self.x:\n    pass\n",
    "with (\n    a() as b,  # first\n    c() as d,\n):\n    pass\n",
    "with g() as (\n    w,\n    d,\n), h() as targets[1][0]:\n    pass\n",
    "x = lambda a, /, b: a\ny = lambda a,: a\nz = lambda a, b, /: a\n",
    "@handlers[0].on\ndef f():\n    pass\n",
    "def f(*args: *Ts) -> tuple[int, *Ts]:\n    return [x for x, *_ in args]\nfor x in *a, *b:\n    pass\n",
    "match w, x:\n    case {}, []:\n        pass\n    case {Keys.KEY: y}, ():\n        pass\nmatch x,:\n    case y,:\n        pass\n",
    "print >> sys.stderr, 'valid Python 3: a tuple'\n",
    "a = f'{x:=10}' fr'\\{{\\}}'\ndef g():\n    f'{yield}'\n",
    "def f[T = int](): pass\nclass C[T: str = 'a']: pass\n",
    "case = 1\nmatch = case\n",
  ];

  test.each(valid)("parses with the same offsets as the source: %j", async (src) => {
    const { parsePython } = await import("../dist/transforms/python/tree.js");
    const { standIns } = await import("../dist/transforms/python/standins.js");
    expect(standIns(src).length).toBe(src.length);
    expect(parsePython(src).errorAt).toBeUndefined();
  });

  test("a file lezer reads as written is parsed as written (no stand-ins)", async () => {
    const { parsePython } = await import("../dist/transforms/python/tree.js");
    // `case = foo()` is an assignment: its call stays a call in the tree.
    const parsed = parsePython("case = foo()\n");
    expect(parsed.all.some((n) => n.name === "CallExpression")).toBe(true);
  });

  test("real syntax errors are still errors (Python 2 forms, a truncated call)", async () => {
    const { parsePython } = await import("../dist/transforms/python/tree.js");
    expect(parsePython('print "hello"\n').errorMessage).toMatch(/Python 2 print statement/);
    expect(parsePython('raise ValueError, "bad"\n').errorMessage).toMatch(/Python 2 raise statement/);
    expect(parsePython("MODE = 0644\n").errorMessage).toMatch(/Python 2 octal literal/);
    expect(parsePython("if a <> b:\n    pass\n").errorMessage).toMatch(/<> operator/);
    expect(parsePython("MODE = 0o644\nZERO = 00\nF = 07.5\n").errorAt).toBeUndefined();
    expect(parsePython("f(1, \n").errorAt).toBeDefined();
    expect(parsePython("with (a() as b:\n    pass\n").errorAt).toBeDefined();
  });
});

describe("mayImport's scope test agrees with dependencyScope", () => {
  const paths = [
    "/p/src/a.ts",
    "/p/node_modules/x/index.js",
    "/p/node_modules/x/lib/a.js",
    "/p/node_modules/xy/a.js",
    "/p/node_modules/@s/x/a.js",
    "/p/node_modules/x/node_modules/y/a.js",
    "/p/.venv/lib/python3.12/site-packages/pkg/mod.py",
    "/usr/lib/python3/dist-packages/pkg/sub/mod.py",
    "/p/node_modules_old/a.js",
  ];
  test.each(paths)("%s", (abs) => {
    for (const scope of new Set(paths.map(dependencyScope))) {
      const group = { root: "/", names: ["X"], modules: ["m"], scope };
      expect(mayImport([group])(abs), `scope ${JSON.stringify(scope)}`).toBe(dependencyScope(abs) === scope);
    }
  });
  test("one test run over a whole walk (it keeps the last folder's answer) agrees file by file", () => {
    const walk = [...paths, "/p/node_modules/x/b.js", "/p/node_modules/x/notes.md", "/p/src/b.py", "/p/node_modules/x/c.js", "/p/src/c.tsx"];
    for (const scope of new Set(walk.map(dependencyScope))) {
      const group = { root: "/p/", names: ["X"], modules: ["m"], scope };
      for (const order of [walk, [...walk].reverse()]) {
        const may = mayImport([group, { ...group, names: ["Y"] }]);
        expect(order.map(may), `scope ${JSON.stringify(scope)}`).toEqual(order.map((abs) => abs.startsWith("/p/") && /\.(ts|tsx|js|py)$/.test(abs) && dependencyScope(abs) === scope));
      }
    }
  });
});

test("a bundle's module variables, each reassigned many times from another, are resolved once each (not once per path)", async () => {
  // Ten `var`s, each assigned ten times from the one before, and a conditional reading the last:
  // resolving every assignment at every read was 10^8 steps (a react-dom build took minutes).
  const lines = Array.from({ length: 10 }, (_, i) => `var v${i} = null;`);
  for (let i = 1; i < 10; i++) lines.push(`function set${i}() {`, ...Array.from({ length: 10 }, () => `  v${i} = v${i - 1};`), "}");
  lines.push('const MODEL = "deepseek-chat";', "export const pick = (flag) => (flag ? v9 : MODEL);", "export const ask = (client) => client.chat.completions.create({ model: MODEL, messages: [] });", "");
  const result = await analyzeSource("bundle.js", lines.join("\n"));
  expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["119:15 legacy-id-unproven"]);
});

describe("a model setting is paired with the base URL setting its client reads (serverBeside)", () => {
  const settings = { rules: DEFAULT_RULES, target: "flash" as const, dialect: "thinking" as const };
  const local = "http://localhost:8000/v1";
  test.each([
    ["LLM_MODEL", [{ name: "LLM_BASE_URL", url: local }], "LLM_BASE_URL"],
    ["llmModel", [{ name: "llmHost", url: local }], "llmHost"],
    ["modelAI", [{ name: "baseURLAI", url: local }], "baseURLAI"],
    ["model", [{ name: "baseURL", url: local }], "baseURL"],
    ["MODEL", [{ name: "OPENAI_API_BASE", url: local }], "OPENAI_API_BASE"],
  ])("%s pairs with the other server's base", (name, there, base) => {
    expect(serverBeside(name, () => there, settings)?.words).toContain(`\`${base}\``);
  });
  test.each([
    ["DEEPSEEK_MODEL", [{ name: "OPENAI_BASE_URL", url: local }]],
    ["MODEL", [{ name: "WEBHOOK_URL", url: "https://hooks.example.com/x" }]],
    ["models", [{ name: "baseURL", url: local }]],
    ["LLM_MODEL", [{ name: "LLM_BASE_URL", url: "https://api.deepseek.com/v1" }]],
    ["LLM_MODEL", [{ name: "LLM_BASE_URL", url: local }, { name: "LLM_BASE_URL", url: "https://api.deepseek.com" }]],
  ])("%s is not paired with another server here", (name, there) => {
    expect(serverBeside(name, () => there, settings)).toBeUndefined();
  });
});

