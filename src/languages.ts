// Which transform handles which file: chosen from the extension in one place. Each
// transform module is imported only when the first file that needs it hits the prefilter.
import type { Settings } from "./rules.js";
import type { ModuleLinks, TransformResult } from "./findings.js";
import { noteUsedPart } from "./used-parts.js";

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
const SHELL: Language = { name: "shell", load: async () => (await import("../transforms/markdown/shell.js")).analyzeShell };
const INI: Language = { name: "ini", load: async () => (await import("../transforms/config/ini.js")).analyzeIni };
const DOCKERFILE: Language = { name: "dockerfile", load: async () => (await import("../transforms/config/dockerfile.js")).analyzeDockerfile };
const NOTEBOOK: Language = { name: "notebook", load: async () => (await import("../transforms/notebook/index.js")).analyzeNotebook };
const COMPONENT: Language = { name: "component", load: async () => (await import("../transforms/component/index.js")).analyzeComponent };
/** Any other text file: searched, reported, never rewritten. */
export const OTHER_TEXT: Language = { name: "other", load: async () => (await import("../transforms/other/index.js")).analyzeOtherText };

const BY_EXTENSION: Record<string, Language> = {
  ".js": JS_TS, ".jsx": JS_TS, ".mjs": JS_TS, ".cjs": JS_TS,
  ".ts": JS_TS, ".tsx": JS_TS, ".mts": JS_TS, ".cts": JS_TS,
  ".py": PYTHON,
  ".json": JSON_, ".jsonc": JSON_,
  ".yaml": YAML, ".yml": YAML,
  ".toml": TOML,
  // `.mdc`: Cursor rule files, Markdown with a front matter block.
  ".md": MARKDOWN, ".markdown": MARKDOWN, ".mdx": MARKDOWN, ".mdc": MARKDOWN,
  ".sh": SHELL, ".bash": SHELL, ".zsh": SHELL, ".ksh": SHELL,
  ".ini": INI, ".cfg": INI, ".conf": INI, ".properties": INI,
  ".dockerfile": DOCKERFILE,
  ".ipynb": NOTEBOOK,
  ".vue": COMPONENT, ".svelte": COMPONENT, ".astro": COMPONENT,
  ".html": COMPONENT, ".htm": COMPONENT,
};

/** Files skipped without reading them, and why (counted in the summary). */
const BINARY_EXTENSIONS = new Set([
  ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".icns", ".bmp", ".tiff", ".psd", ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar",
  ".jar", ".war", ".class", ".pyc", ".pyo", ".so", ".dylib", ".dll", ".exe", ".o", ".a", ".lib", ".wasm", ".node", ".bin", ".dat", ".db", ".sqlite",
  ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".wav", ".ogg", ".webm", ".mov", ".avi", ".flac", ".parquet", ".pkl", ".pt", ".onnx", ".safetensors",
]);
const LOCKFILES = new Set([
  "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "bun.lock", "poetry.lock", "Pipfile.lock", "uv.lock", "pdm.lock",
  "Cargo.lock", "Gemfile.lock", "composer.lock", "go.sum", "mix.lock", "pubspec.lock", "Podfile.lock", "packages.lock.json",
]);

export type SkipReason = "binary" | "lockfile" | "docs";

/** Why discovery skips a file by its name alone, or undefined to scan it. */
export function skipReason(base: string, docs: boolean): SkipReason | undefined {
  if (LOCKFILES.has(base)) return "lockfile";
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : "";
  if (BINARY_EXTENSIONS.has(ext) || base.endsWith(".map")) return "binary";
  if (!docs && languageFor(base) === MARKDOWN) return "docs";
  return undefined;
}

const SHEBANG = /^#![ \t]*\/(?:usr\/)?(?:local\/)?bin\/(?:env[ \t]+(?:-S[ \t]+)?)?([a-z]+)/;

/** An extensionless script's language from its `#!` line. */
export function languageFromShebang(firstLine: string): Language | undefined {
  const interpreter = SHEBANG.exec(firstLine)?.[1];
  if (!interpreter) return undefined;
  if (["sh", "bash", "zsh", "ksh", "dash"].includes(interpreter)) return SHELL;
  if (interpreter.startsWith("python")) return PYTHON;
  if (interpreter === "node" || interpreter === "deno" || interpreter === "bun" || interpreter === "tsx") return JS_TS;
  return undefined;
}

/**
 * `.env`, `.env.local`, `.env.example`, `.env-example`, `.env_sample`, `env.example`, `prod.env`:
 * named, not extended (not `.envrc`: direnv's shell script).
 */
export function isEnvFile(base: string): boolean {
  return base === ".env" || /^\.env[._-]./.test(base) || /^env\.(example|sample|template|dist)$/.test(base) || (base.endsWith(".env") && base.length > 4);
}

function isDockerfile(base: string): boolean {
  return base === "Dockerfile" || base.startsWith("Dockerfile.") || base === "Containerfile" || base.startsWith("Containerfile.");
}

export function languageFor(file: string): Language | undefined {
  const base = file.slice(file.lastIndexOf("/") + 1);
  if (isEnvFile(base)) return ENV;
  if (isDockerfile(base)) return DOCKERFILE;
  // A Makefile's recipes are shell command lines (`python run.py --model …`): read as shell, so a
  // model given there is a value the gate sees, not text.
  if (base === "Makefile" || base === "makefile" || base === "GNUmakefile" || base.endsWith(".mk")) return SHELL;
  // Minified bundles are generated: searched as text (a finding to regenerate them), never rewritten.
  if (/\.min\.[cm]?js$/i.test(base)) return OTHER_TEXT;
  const dot = base.lastIndexOf(".");
  if (dot === -1) return undefined;
  return BY_EXTENSION[base.slice(dot).toLowerCase()];
}

const loaded = new Map<Language, Promise<Analyze>>();
const ready = new Map<Language, Analyze>();

export function analyzerFor(language: Language): Promise<Analyze> {
  let pending = loaded.get(language);
  if (!pending) {
    noteUsedPart(`front end ${language.name}`);
    pending = language.load().then((analyze) => {
      ready.set(language, analyze);
      return analyze;
    });
    loaded.set(language, pending);
  }
  return pending;
}

/** The analyzer once analyzerFor has loaded it: for callers that cannot await (an ESLint rule). */
export function loadedAnalyzer(language: Language): Analyze | undefined {
  return ready.get(language);
}
