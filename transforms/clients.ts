// Which client sends a project's requests, for advice given where no request is seen (a config
// value, an environment variable, a shell word): the pass-through a hint names must be the one
// of the project's own client. Decided by the client package the nearest manifests declare;
// else, once the run is over, by the front end that found requests, then by which manifests
// exist; undecided, both ways.
import { existsSync } from "node:fs";
import path from "node:path";
import type { FileResult } from "../src/process.js";
import { languageFor } from "../src/languages.js";
import type { Settings } from "../src/rules.js";
import { foldersUp } from "../src/pins/paths.js";
import { declarationDepth } from "./pins.js";

type Lang = "js" | "python";

/** Where the mode goes with each client, in words (`{key}`: the dialect's field name). */
const WAYS = {
  openaiNode: "the {key} field next to model in the create() params, written ...{ {key}: … } in TypeScript; the OpenAI Node SDK sends it as given",
  aiSdk: "providerOptions: { deepseek: { {key}: … } } on the AI SDK's generateText/streamText call",
  langchainJs: "modelKwargs of the LangChain.js chat model",
  openaiPython: "extra_body for the OpenAI Python SDK",
  langchainPython: "extra_body of the LangChain chat model",
  litellm: "extra_body of the litellm.completion call",
  both: "a request-body field: next to model with the OpenAI Node SDK, in extra_body with the OpenAI Python SDK",
} as const;

/** Client packages by ecosystem, in the order one is named when a manifest declares several. */
const CLIENTS: Record<Lang, ReadonlyArray<{ name: string; way: keyof typeof WAYS }>> = {
  js: [
    { name: "openai", way: "openaiNode" },
    { name: "@ai-sdk/deepseek", way: "aiSdk" },
    { name: "@langchain/deepseek", way: "langchainJs" },
    { name: "@langchain/openai", way: "langchainJs" },
  ],
  python: [
    { name: "openai", way: "openaiPython" },
    { name: "langchain-deepseek", way: "langchainPython" },
    { name: "langchain-openai", way: "langchainPython" },
    { name: "litellm", way: "litellm" },
  ],
};

/** The language's way when only the kind of project is known (no client package declared). */
const DEFAULT_WAY: Record<Lang, keyof typeof WAYS> = { js: "openaiNode", python: "openaiPython" };

function words(way: keyof typeof WAYS, settings: Settings): string {
  return WAYS[way].replaceAll("{key}", settings.rules.dialects[settings.dialect].key);
}

/**
 * The pass-through a hint at `file` names: the client package declared nearest to the file;
 * both ways when none is, or both ecosystems' are equally near (settlePassThrough may narrow it).
 */
export function passThroughFor(file: string, settings: Settings): string {
  const [js, py] = (["js", "python"] as const).map((lang) => nearestClient(file, settings, lang));
  if (js && (!py || js.depth < py.depth)) return words(js.way, settings);
  if (py && (!js || py.depth < js.depth)) return words(py.way, settings);
  return words("both", settings);
}

function nearestClient(file: string, settings: Settings, lang: Lang): { depth: number; way: keyof typeof WAYS } | undefined {
  let best: { depth: number; way: keyof typeof WAYS } | undefined;
  for (const c of CLIENTS[lang]) {
    const depth = declarationDepth(settings, file, lang === "js" ? "npm" : "pypi", c.name);
    if (depth !== undefined && (!best || depth < best.depth)) best = { depth, way: c.way };
  }
  return best;
}

const PYTHON_MANIFESTS = ["pyproject.toml", "requirements.txt", "setup.py", "setup.cfg", "Pipfile"];
const languageCache = new Map<string, Lang | undefined>();

/** The project's language by its nearest manifest (package.json, or a Python one); undefined when both or neither. */
function manifestLanguage(file: string, settings: Settings): Lang | undefined {
  const root = settings.projectRoot;
  if (!root) return undefined;
  const start = path.dirname(path.resolve(root, file));
  if (!languageCache.has(start)) {
    let found: Lang | undefined;
    for (const dir of foldersUp(root, start)) {
      const js = existsSync(path.join(dir, "package.json"));
      const py = PYTHON_MANIFESTS.some((m) => existsSync(path.join(dir, m)));
      if (js || py) {
        found = js && py ? undefined : js ? "js" : "python";
        break;
      }
    }
    languageCache.set(start, found);
  }
  return languageCache.get(start);
}

/**
 * After the whole run, hints the manifests' dependencies left naming both ways take one: the
 * language whose front end alone found DeepSeek requests in the run, else the kind of the
 * file's nearest manifest (package.json, or a Python one). Returns new results (a language
 * server's cached first-pass results stay as they were).
 */
export function settlePassThrough(files: FileResult[], settings: Settings): FileResult[] {
  const both = words("both", settings);
  if (!files.some((f) => f.findings.some((x) => x.message.includes(both)))) return files;
  const byCode = requestLanguage(files);
  return files.map((f) => {
    if (!f.findings.some((x) => x.message.includes(both))) return f;
    const lang = byCode ?? manifestLanguage(f.file, settings);
    if (!lang) return f;
    const one = words(DEFAULT_WAY[lang], settings);
    return { ...f, findings: f.findings.map((x) => (x.message.includes(both) ? { ...x, message: x.message.replace(both, one) } : x)) };
  });
}

/** The one language whose front end found DeepSeek requests in these results; undefined for both or none. */
function requestLanguage(files: FileResult[]): Lang | undefined {
  const langs = new Set<Lang>();
  for (const f of files) {
    if (!f.requests?.some((r) => r.client !== "json-body")) continue;
    const name = languageFor(f.file)?.name;
    if (name === "js-ts" || name === "component") langs.add("js");
    if (name === "python" || name === "notebook") langs.add("python");
  }
  return langs.size === 1 ? [...langs][0] : undefined;
}
