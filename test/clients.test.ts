// The pass-through a hint names where no request is seen: the client package the manifests declare; else the
// front end that found requests in the run, then the kind of manifest; else both ways.
import { describe, expect, test } from "vitest";
import { passThroughFor, settlePassThrough } from "../dist/transforms/clients.js";
import { DEFAULT_RULES, type Settings } from "../dist/src/rules.js";
import type { FileResult } from "../dist/src/process.js";
import { project } from "./helpers/cli.js";

const settingsIn = (root: string | undefined, dialect: "thinking" | "thinking_mode" = "thinking"): Settings =>
  ({ rules: DEFAULT_RULES, target: "flash", dialect, ...(root ? { projectRoot: root } : {}) });

const NODE = "the thinking field next to model in the create() params, written ...{ thinking: … } in TypeScript; the OpenAI Node SDK sends it as given";
const PYTHON = "extra_body for the OpenAI Python SDK";
const BOTH = "a request-body field: next to model with the OpenAI Node SDK, in extra_body with the OpenAI Python SDK";

describe("passThroughFor: the client the manifests declare", () => {
  test("each known client package names its own way", () => {
    const root = project({
      "ai/package.json": '{ "dependencies": { "ai": "5.0.0", "@ai-sdk/deepseek": "1.0.0" } }\n',
      "lc/package.json": '{ "dependencies": { "@langchain/openai": "^0.6.0" } }\n',
      "lite/requirements.txt": "litellm==1.74.0\n",
      "lcpy/pyproject.toml": '[project]\nname = "x"\ndependencies = ["langchain-deepseek>=0.1"]\n',
    });
    const s = settingsIn(root);
    expect(passThroughFor("ai/.env", s)).toBe("providerOptions: { deepseek: { thinking: … } } on the AI SDK's generateText/streamText call");
    expect(passThroughFor("lc/config/app.json", s)).toBe("modelKwargs of the LangChain.js chat model");
    expect(passThroughFor("lite/.env", s)).toBe("extra_body of the litellm.completion call");
    expect(passThroughFor("lcpy/settings.yaml", s)).toBe("extra_body of the LangChain chat model");
  });

  test("in a monorepo the nearer declaration wins; a tie names both", () => {
    const root = project({
      "requirements.txt": "openai==1.55.0\n",
      "web/package.json": '{ "dependencies": { "openai": "4.77.0" } }\n',
      "both/package.json": '{ "dependencies": { "openai": "4.77.0" } }\n',
      "both/requirements.txt": "openai==1.55.0\n",
    });
    const s = settingsIn(root);
    expect(passThroughFor("web/config/app.json", s)).toBe(NODE);
    expect(passThroughFor("worker/.env", s)).toBe(PYTHON);
    expect(passThroughFor("both/.env", s)).toBe(BOTH);
  });

  test("a declared client outweighs a package.json kept for tooling", () => {
    const root = project({
      "package.json": '{ "devDependencies": { "prettier": "3.3.3" } }\n',
      "pyproject.toml": '[project]\nname = "x"\ndependencies = ["openai>=1.40"]\n',
    });
    expect(passThroughFor("config.yaml", settingsIn(root))).toBe(PYTHON);
  });

  test("without a client package both ways are named, in the run's dialect", () => {
    const root = project({ "web/package.json": "{}\n" });
    expect(passThroughFor("web/.env", settingsIn(root))).toBe(BOTH);
    expect(passThroughFor(".env", settingsIn(undefined))).toBe(BOTH);
    expect(passThroughFor(".env", settingsIn(root, "thinking_mode"))).toBe(BOTH);
    const lc = project({ "package.json": '{ "dependencies": { "openai": "4.77.0" } }\n' });
    expect(passThroughFor(".env", settingsIn(lc, "thinking_mode"))).toBe(NODE.replaceAll("thinking", "thinking_mode"));
  });
});

describe("settlePassThrough: after the run, the code, then the kind of manifest, decides what the dependencies left open", () => {
  const hint = (file: string): FileResult => ({
    file, status: "unchanged",
    findings: [{ file, line: 1, column: 1, endLine: 1, endColumn: 2, ruleId: "set-mode-at-consumer", severity: "warning", message: `set it where the request is sent (${BOTH}).` }],
  } as unknown as FileResult);
  const requestIn = (file: string): FileResult =>
    ({ file, status: "unchanged", findings: [], requests: [{ file, line: 1, column: 1, start: 0, end: 1, client: "openai-sdk", sources: [], mode: "implicit" }] } as unknown as FileResult);
  const s = settingsIn(undefined);

  test("only Python requests: the hint names extra_body; the input results are not changed", () => {
    const input = [hint(".env"), requestIn("app/main.py")];
    const out = settlePassThrough(input, s);
    expect(out[0]!.findings[0]!.message).toBe(`set it where the request is sent (${PYTHON}).`);
    expect(input[0]!.findings[0]!.message).toBe(`set it where the request is sent (${BOTH}).`);
  });

  test("only JS requests (a component counts): the Node way", () => {
    expect(settlePassThrough([hint("config.json"), requestIn("src/Chat.vue")], s)[0]!.findings[0]!.message).toBe(`set it where the request is sent (${NODE}).`);
  });

  test("no request decides: the nearest manifest's kind does, per file; none, or both in one folder, leaves both ways", () => {
    const root = project({ "web/package.json": "{}\n", "svc/setup.cfg": "[metadata]\nname = svc\n", "both/package.json": "{}\n", "both/requirements.txt": "httpx\n" });
    const out = settlePassThrough([hint("web/.env"), hint("svc/.env"), hint("both/.env"), hint(".env")], settingsIn(root));
    expect(out.map((f) => f.findings[0]!.message)).toEqual([NODE, PYTHON, BOTH, BOTH].map((w) => `set it where the request is sent (${w}).`));
  });

  test("the code outranks a package.json kept for tooling", () => {
    const root = project({ "package.json": '{ "devDependencies": { "prettier": "3.3.3" } }\n' });
    expect(settlePassThrough([hint(".env"), requestIn("bot.py")], settingsIn(root))[0]!.findings[0]!.message).toBe(`set it where the request is sent (${PYTHON}).`);
  });

  test("requests in both languages, or only in config files and docs: both ways stay", () => {
    expect(settlePassThrough([hint(".env"), requestIn("a.py"), requestIn("b.ts")], s)[0]!.findings[0]!.message).toContain(BOTH);
    expect(settlePassThrough([hint(".env"), requestIn("README.md"), requestIn("body.json")], s)[0]!.findings[0]!.message).toContain(BOTH);
  });
});
