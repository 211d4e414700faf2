// Which transform handles which file: chosen from the extension in one place. Each
// transform module is imported only when the first file that needs it hits the prefilter.
import type { Settings } from "./rules.js";
import type { ModuleLinks, TransformResult } from "./findings.js";

export type Analyze = (source: string, file: string, settings: Settings, links?: ModuleLinks) => TransformResult;

export interface Language {
  name: string;
  load: () => Promise<Analyze>;
}

const JS_TS: Language = {
  name: "js-ts",
  load: async () => (await import("../transforms/js-ts/index.js")).analyzeJsTs,
};

const PYTHON: Language = {
  name: "python",
  load: async () => (await import("../transforms/python/index.js")).analyzePython,
};

const ENV: Language = { name: "env", load: async () => (await import("../transforms/config/env.js")).analyzeEnv };
const JSON_: Language = { name: "json", load: async () => (await import("../transforms/config/json.js")).analyzeJson };
const YAML: Language = { name: "yaml", load: async () => (await import("../transforms/config/yaml.js")).analyzeYaml };
const TOML: Language = { name: "toml", load: async () => (await import("../transforms/config/toml.js")).analyzeToml };
const MARKDOWN: Language = { name: "markdown", load: async () => (await import("../transforms/markdown/index.js")).analyzeMarkdown };

const BY_EXTENSION: Record<string, Language> = {
  ".js": JS_TS, ".jsx": JS_TS, ".mjs": JS_TS, ".cjs": JS_TS,
  ".ts": JS_TS, ".tsx": JS_TS, ".mts": JS_TS, ".cts": JS_TS,
  ".py": PYTHON,
  ".json": JSON_, ".jsonc": JSON_,
  ".yaml": YAML, ".yml": YAML,
  ".toml": TOML,
  ".md": MARKDOWN, ".markdown": MARKDOWN, ".mdx": MARKDOWN,
};

/** `.env`, `.env.local`, `.env.example`...: named, not extended. */
function isEnvFile(base: string): boolean {
  return base === ".env" || base.startsWith(".env.");
}

export function languageFor(file: string): Language | undefined {
  const base = file.slice(file.lastIndexOf("/") + 1);
  if (isEnvFile(base)) return ENV;
  const dot = base.lastIndexOf(".");
  if (dot === -1) return undefined;
  return BY_EXTENSION[base.slice(dot).toLowerCase()];
}

/** Whether discovery should hand this file name to the engine (`docs: false` skips Markdown). */
export function isSupportedName(base: string, docs: boolean): boolean {
  const language = languageFor(base);
  return !!language && (docs || language !== MARKDOWN);
}

const loaded = new Map<Language, Promise<Analyze>>();

export function analyzerFor(language: Language): Promise<Analyze> {
  let pending = loaded.get(language);
  if (!pending) {
    pending = language.load();
    loaded.set(language, pending);
  }
  return pending;
}
