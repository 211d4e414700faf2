// Markdown docs: fenced code blocks tagged with a language ds-migrate knows are migrated
// with that language's transform (offsets mapped back into the document); prose, inline
// code and other blocks are information only.
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Settings } from "../../src/rules.js";
import { RULE_IDS, type ModuleLinks, type RawFinding, type TransformResult } from "../../src/findings.js";
import { analyzeEnv } from "../config/env.js";
import { analyzeJson } from "../config/json.js";
import { textMentions } from "../config/values.js";
import { analyzeToml } from "../config/toml.js";
import { analyzeYaml } from "../config/yaml.js";
import { analyzeJsTs } from "../js-ts/index.js";
import { analyzePython } from "../python/index.js";
import { analyzeShell } from "./shell.js";
import { shiftFinding } from "../shared.js";

type Analyze = (src: string, file: string, settings: Settings, links?: ModuleLinks) => TransformResult;

/** Fence info string → the transform and the file name it analyses the snippet as. */
const FENCES: Record<string, [Analyze, string]> = {
  js: [analyzeJsTs, "snippet.jsx"], javascript: [analyzeJsTs, "snippet.jsx"], jsx: [analyzeJsTs, "snippet.jsx"], mjs: [analyzeJsTs, "snippet.mjs"], cjs: [analyzeJsTs, "snippet.cjs"],
  ts: [analyzeJsTs, "snippet.ts"], typescript: [analyzeJsTs, "snippet.ts"], tsx: [analyzeJsTs, "snippet.tsx"],
  python: [analyzePython, "snippet.py"], py: [analyzePython, "snippet.py"],
  json: [analyzeJson, "snippet.json"], jsonc: [analyzeJson, "snippet.jsonc"],
  yaml: [analyzeYaml, "snippet.yaml"], yml: [analyzeYaml, "snippet.yaml"], toml: [analyzeToml, "snippet.toml"],
  bash: [analyzeShell, "snippet.sh"], sh: [analyzeShell, "snippet.sh"], shell: [analyzeShell, "snippet.sh"], zsh: [analyzeShell, "snippet.sh"],
  console: [analyzeShell, "snippet.sh"], curl: [analyzeShell, "snippet.sh"], env: [analyzeEnv, ".env"], dotenv: [analyzeEnv, ".env"],
};

interface MdNode {
  type: string;
  lang?: string | null;
  position?: { start: { offset?: number; column: number }; end: { offset?: number } };
  children?: MdNode[];
}

export function analyzeMarkdown(src: string, _file: string, settings: Settings): TransformResult {
  const findings: RawFinding[] = [];
  const visit = (node: MdNode): void => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (node.type === "code") findings.push(...fence(src, node, start, end, settings));
    else if (node.type === "text" || node.type === "inlineCode" || node.type === "html") {
      findings.push(...textMentions(src.slice(start, end), start, settings, node.type === "inlineCode" ? "inline code" : "prose"));
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(fromMarkdown(src) as MdNode);
  return { findings };
}

function fence(src: string, node: MdNode, start: number, end: number, settings: Settings): RawFinding[] {
  const firstLineEnd = src.indexOf("\n", start);
  if (firstLineEnd === -1 || firstLineEnd >= end) return [];
  const contentStart = firstLineEnd + 1;
  const lastLineStart = src.lastIndexOf("\n", end - 1) + 1;
  const closed = lastLineStart > start && /^\s*(`{3,}|~{3,})\s*$/.test(src.slice(lastLineStart, end));
  const contentEnd = closed ? lastLineStart : end;
  const content = src.slice(contentStart, contentEnd);
  const lang = (node.lang ?? "").toLowerCase();
  const known = FENCES[lang];
  // Fences inside list items are indented; their lines are not the snippet's own bytes.
  if (!known || node.position!.start.column !== 1) {
    return textMentions(content, contentStart, settings, lang ? `a \`${lang}\` code block ds-migrate does not migrate` : "a code block without a language");
  }
  const [analyze, name] = known;
  const result = analyze(content, name, settings);
  if (result.parseError) return unparsedFence(content, contentStart, lang, settings);
  return result.findings.map((f) => shiftFinding(f, contentStart));
}

/** A snippet that does not parse (docs often elide code) still fails `check` on its IDs. */
function unparsedFence(content: string, offset: number, lang: string, settings: Settings): RawFinding[] {
  return textMentions(content, offset, settings, "x").map((f) => ({
    ...f,
    ruleId: RULE_IDS.unparsedFile,
    severity: Object.keys(settings.rules.legacyModels).some((id) => content.slice(f.start - offset, f.end - offset) === id) ? "error" : "info",
    message: `Found by text search in a \`${lang}\` code block that does not parse; update this example by hand.`,
  }));
}

