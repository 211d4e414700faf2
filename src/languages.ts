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

const BY_EXTENSION: Record<string, Language> = {
  ".js": JS_TS, ".jsx": JS_TS, ".mjs": JS_TS, ".cjs": JS_TS,
  ".ts": JS_TS, ".tsx": JS_TS, ".mts": JS_TS, ".cts": JS_TS,
  ".py": PYTHON,
};

export function languageFor(file: string): Language | undefined {
  const dot = file.lastIndexOf(".");
  if (dot === -1) return undefined;
  return BY_EXTENSION[file.slice(dot).toLowerCase()];
}

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

const loaded = new Map<Language, Promise<Analyze>>();

export function analyzerFor(language: Language): Promise<Analyze> {
  let pending = loaded.get(language);
  if (!pending) {
    pending = language.load();
    loaded.set(language, pending);
  }
  return pending;
}
