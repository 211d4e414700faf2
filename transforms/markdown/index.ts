// Markdown docs: fenced code blocks tagged with a language ds-migrate knows are migrated
// with that language's transform (offsets mapped back into the document); prose, inline
// code and other blocks are information only.
import { fromMarkdown } from "mdast-util-from-markdown";
import { needles, type Settings } from "../../src/rules.js";
import { RULE_IDS, type ModuleLinks, type RawFinding, type RawRequest, type TransformResult } from "../../src/findings.js";
import { analyzeEnv } from "../config/env.js";
import { analyzeJson } from "../config/json.js";
import { outputWords, textMentions, unparsedSnippetFindings } from "../config/values.js";
import { analyzeToml } from "../config/toml.js";
import { analyzeYaml } from "../config/yaml.js";
import { analyzeJsTs } from "../js-ts/index.js";
import { analyzePython } from "../python/index.js";
import { analyzeShell, hostOf, notDeepSeeks } from "./shell.js";
import { unsupportedMentions } from "../other/index.js";
import { topLevelSections } from "./sections.js";
import { contiguousRegion, indentedRegion, requestsToHost, toHost, type Region } from "../embedded.js";

/** The same region for a snippet with `by` characters more (positive) or fewer in front. */
function shiftRegion(region: Region, by: number): Region {
  return { ...region, text: by < 0 ? " ".repeat(-by) + region.text : region.text.slice(by), hostAt: (offset) => region.hostAt(Math.max(0, offset + by)), adapt: (t, at) => region.adapt(t, Math.max(0, at + by)) };
}

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

export function analyzeMarkdown(src: string, file: string, settings: Settings): TransformResult {
  const findings: RawFinding[] = [];
  const requests: RawRequest[] = [];
  const matter = frontMatter(src, settings);
  findings.push(...matter.findings);
  const visit = (node: MdNode, base: number): void => {
    const start = base + (node.position?.start.offset ?? 0);
    const end = base + (node.position?.end.offset ?? 0);
    if (node.type !== "root" && start < matter.end) return; // read as YAML above (CommonMark sees a rule and a heading there)
    if (node.type === "code") {
      const result = fence(src, node, start, end, settings, file, server);
      findings.push(...result.findings.map(snippetNote));
      requests.push(...(result.requests ?? []));
    }
    else if (node.type === "text" || node.type === "inlineCode" || node.type === "html") {
      findings.push(...textMentions(src.slice(start, end), start, settings, node.type === "inlineCode" ? "inline code" : "prose"));
    }
    for (const child of node.children ?? []) visit(child, base);
  };
  // Parsing is most of a long document's cost (a changelog of 37 KB: 90-350 ms), and a section
  // that names neither DeepSeek nor a needle gives no finding and no request.
  const server = ownServer(src, settings);
  const named = needles(settings.rules);
  const relevant = (text: string) => /deepseek/i.test(text) || named.some((n) => text.includes(n));
  for (const { start, end } of topLevelSections(src, matter.end)) {
    const text = start === 0 && end === src.length ? src : src.slice(start, end);
    if (relevant(text)) visit(fromMarkdown(text) as MdNode, start);
  }
  return { findings, requests };
}

/**
 * "Set the mode where the value is sent" about a snippet's value: a snippet is not run and has no
 * reader to trace (the project's code is checked on its own), so it is information for the docs.
 */
function snippetNote(f: RawFinding): RawFinding {
  if (f.ruleId !== RULE_IDS.setModeAtConsumer || f.severity !== "warning") return f;
  return { ...f, severity: "info", message: `In documentation (a snippet is not run; the project's code is checked on its own): ${f.message.replace(/; no use of it was found in this file or in the modules that import it/, "")}` };
}

/** YAML front matter (`---` on the first line up to the next `---`): its values are settings like any YAML file's. */
function frontMatter(src: string, settings: Settings): { end: number; findings: RawFinding[] } {
  const open = /^---\r?\n/.exec(src);
  const close = open ? /^---[ \t]*$/m.exec(src.slice(open[0].length)) : null;
  if (!open || !close) return { end: 0, findings: [] };
  const contentStart = open[0].length;
  const contentEnd = contentStart + close.index;
  const region = contiguousRegion(src.slice(contentStart, contentEnd), contentStart);
  const result = analyzeYaml(region.text, "front-matter.yaml", settings);
  const found = result.parseError ? textMentions(region.text, contentStart, settings, "front matter that does not parse") : toHost(result.findings, region, src);
  return { end: contentEnd + close[0].length, findings: found };
}

/**
 * A fence whose code does not parse in its labelled language but is plainly something else:
 * a bare object literal (`{ model: … }`, an excerpt of a call's options, read as an expression).
 */
function mislabelled(text: string, analyze: Analyze, settings: Settings): { result: TransformResult; shift: number } | undefined {
  if (analyze === analyzeJsTs && /^\s*\{/.test(text) && /\}[\s,;]*$/.test(text)) {
    const asExpression = analyzeJsTs(`(${text.replace(/[\s,;]*$/, (tail) => tail.replace(/[,;]/g, " "))})`, "snippet.ts", settings);
    return asExpression.parseError ? undefined : { result: asExpression, shift: 1 };
  }
  return undefined;
}

/** Every line (comments aside) is `NAME=value` or `export NAME=value` with an upper-case name: an env file. */
function envLines(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !/^\s*#/.test(l));
  return lines.length > 0 && lines.every((l) => /^\s*(export\s+)?[A-Z_][A-Z0-9_]*=\S*\s*$/.test(l));
}

function fence(src: string, node: MdNode, start: number, end: number, settings: Settings, file: string, server?: string): TransformResult {
  const firstLineEnd = src.indexOf("\n", start);
  if (firstLineEnd === -1 || firstLineEnd >= end) return { findings: [] };
  const contentStart = firstLineEnd + 1;
  const lastLineStart = src.lastIndexOf("\n", end - 1) + 1;
  const closed = lastLineStart > start && /^\s*(`{3,}|~{3,})\s*$/.test(src.slice(lastLineStart, end));
  const contentEnd = closed ? lastLineStart : end;
  const lang = (node.lang ?? "").toLowerCase();
  const known = FENCES[lang];
  let region = known ? fenceRegion(src, contentStart, contentEnd, node.position!.start.column - 1) : undefined;
  if (!known || !region) {
    const content = src.slice(contentStart, contentEnd);
    // Code in a language ds-migrate does not parse (Go, PHP...) is code all the same: its quoted IDs fail check as in a .go file.
    if (lang && !known && !PROSE_FENCES.has(lang)) return { findings: unsupportedMentions(content, contentStart, settings, file, `a \`${lang}\` code block`) };
    const where = !lang ? "a code block without a language" : known ? `a \`${lang}\` code block inside a block quote (not migrated)` : `a \`${lang}\` code block ds-migrate does not migrate`;
    return { findings: textMentions(content, contentStart, settings, where) };
  }
  const [analyze, name] = known;
  // `NAME=value` lines parse as JS assignments (`deepseek - chat`): an env file in a code fence is read as one first.
  let result = envLines(region.text) && (analyze === analyzeJsTs || analyze === analyzePython) ? analyzeEnv(region.text, ".env", settings) : analyze(region.text, name, settings);
  const preamble = analyze === analyzePython && !result.parseError ? importsBefore(src, start, region.text) : "";
  if (preamble) {
    // A tutorial imports once (`from litellm import completion` under "Setup") and calls in later
    // blocks: the block is read after the imports of the Python blocks before it.
    const withImports = analyze(preamble + region.text, name, settings);
    if (!withImports.parseError) {
      const after = (at: { start: number }) => at.start >= preamble.length;
      result = { ...withImports, findings: withImports.findings.filter(after), requests: withImports.requests?.filter(after) };
      region = { ...shiftRegion(region, -preamble.length), text: preamble + region.text };
    }
  }
  const other = result.parseError ? mislabelled(region.text, analyze, settings) : undefined;
  if (other && other.shift === 0) result = other.result;
  if (other && other.shift === 1) {
    // The snippet was wrapped in parentheses: its offsets are one past the fence's.
    const inner = shiftRegion(region, -1);
    return { findings: toHost(other.result.findings, inner, src), requests: requestsToHost(other.result.requests, inner, src) };
  }
  // `data: {…}` lines: a recorded server-sent event stream (a response), which says which model ran.
  if (result.parseError && /^\s*data:\s*[{[]/m.test(region.text)) return { findings: textMentions(src.slice(contentStart, contentEnd), contentStart, settings, outputWords()) };
  if (result.parseError) return { findings: toHost(unparsedSnippetFindings(region.text, settings, () => `Found by text search in a \`${lang}\` code block that does not parse; update this example by hand.`), region) };
  // A response example (`**Response**`, `响应示例`): output, which says which model ran, never a request or a setting.
  if (BODY_FENCES.has(analyze) && responseLead(src, start)) return { findings: textMentions(src.slice(contentStart, contentEnd), contentStart, settings, outputWords()) };
  const target = BODY_FENCES.has(analyze) ? (leadInTarget(src, start, settings) ?? server) : undefined;
  if (target) return { findings: toHost(notDeepSeeks(result.findings, region.text, target), region, src) };
  return { findings: toHost(result.findings, region, src), requests: requestsToHost(result.requests, region, src) };
}

const PYTHON_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*(?:python3?|py)\b[^\n]*\n([\s\S]*?)^[ \t]{0,3}\1[ \t]*$/gm;
const IMPORT_LINE = /^(?:import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*|from\s+[\w.]+\s+import\s+[\w ,]+?)[ \t]*$/gm;

/**
 * The one-line imports of the Python fences before `fenceStart`, less those binding a name the
 * block imports itself (two bindings of one name would make the block's own ambiguous).
 */
function importsBefore(src: string, fenceStart: number, block: string): string {
  const own = new Set([...block.matchAll(IMPORT_LINE)].flatMap((m) => boundNames(m[0])));
  const lines: string[] = [];
  for (const fence of pythonFenceImports(src)) {
    if (fence.start >= fenceStart) break;
    for (const line of fence.imports) if (!lines.includes(line) && !boundNames(line).some((n) => own.has(n))) lines.push(line);
  }
  // A snippet that leaves its imports out calls a client class by the name its library gives it.
  const bound = new Set([...own, ...lines.flatMap(boundNames)]);
  for (const [name, line] of IMPLIED_IMPORTS) {
    if (!bound.has(name) && new RegExp(`(^|[^\\w.])${name}\\(`).test(block) && !new RegExp(`^\\s*(def|class)\\s+${name}\\b|^\\s*${name}\\s*=`, "m").test(block)) lines.push(line);
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

/** Client classes snippets use without importing them, and the import every guide writes for each. */
const IMPLIED_IMPORTS: Array<[string, string]> = [
  ["OpenAI", "from openai import OpenAI"],
  ["AsyncOpenAI", "from openai import AsyncOpenAI"],
  ["OpenAIModel", "from pydantic_ai.models.openai import OpenAIModel"],
  ["ChatOpenAI", "from langchain_openai import ChatOpenAI"],
  ["ChatDeepSeek", "from langchain_deepseek import ChatDeepSeek"],
];

// A document's Python fences and their imports, found once for all its fences (a long tutorial has dozens).
let lastFenceImports: { src: string; fences: Array<{ start: number; imports: string[] }> } | undefined;
function pythonFenceImports(src: string): Array<{ start: number; imports: string[] }> {
  if (lastFenceImports?.src !== src) {
    const fences = [...src.matchAll(PYTHON_FENCE)].map((f) => ({ start: f.index, imports: [...f[2]!.matchAll(IMPORT_LINE)].map((m) => m[0].trim()) }));
    lastFenceImports = { src, fences };
  }
  return lastFenceImports.fences;
}

/** The names an import line binds: `import a.b as c` → c, `import a.b` → a, `from m import x as y, z` → y, z. */
function boundNames(line: string): string[] {
  const list = line.startsWith("from ") ? line.replace(/^from\s+\S+\s+import\s+/, "") : line.replace(/^import\s+/, "");
  return list.split(",").map((part) => {
    const [name, alias] = part.trim().split(/\s+as\s+/);
    return alias ?? (line.startsWith("from ") ? name! : name!.split(".")[0]!);
  });
}

/** Fence labels for text, not code: output, logs, diffs, prose. */
const PROSE_FENCES = new Set(["text", "txt", "plaintext", "plain", "output", "log", "logs", "diff", "patch", "markdown", "md", "mermaid", "csv", "none"]);

/** Fences that hold a request body on their own (the endpoint, if any, is named in the prose before them). */
const BODY_FENCES = new Set<Analyze>([analyzeJson, analyzeYaml]);

/** What the OpenAI-compatible path names alone: DeepSeek's own docs write `POST /chat/completions` too. */
const COMPATIBLE_PATH = /^\/(v1\/|beta\/)?chat\/completions\/?$/;

/**
 * The endpoint the prose right before a body fence names, when it is not DeepSeek's: the
 * app's own route (`POST /api/chat`), localhost, another host. The last one named before the
 * fence counts; a DeepSeek URL or nothing gives undefined (the body is judged as it is).
 */
function leadInTarget(src: string, fenceStart: number, settings: Settings): string | undefined {
  const lead = leadIn(src, fenceStart);
  // A route counts after an HTTP method (`POST /chat`) or when it is an `/api/` path; a bare `/v1` in prose is no endpoint.
  const named = [...lead.matchAll(/https?:\/\/[^\s`'"<>)\]]+|\b(?:GET|POST|PUT|PATCH)\s+(\/[A-Za-z0-9_\-./{}:]*)|(?:^|[\s`(])(\/api\/[A-Za-z0-9_\-./{}:]*)/g)];
  const last = named.at(-1);
  if (!last) return undefined;
  if (/^https?:/i.test(last[0])) return settings.rules.hosts.includes(hostOf(last[0])) ? undefined : last[0];
  const route = (last[1] ?? last[2])!;
  return COMPATIBLE_PATH.test(route) || route.startsWith("//") ? undefined : route;
}

/**
 * The server a document's bodies go to when the document names no DeepSeek host but calls an
 * OpenAI-compatible path on another one (`curl http://localhost:8787/chat/completions`): the
 * project's own server (a proxy, a gateway), whose model names are its own.
 */
function ownServer(src: string, settings: Settings): string | undefined {
  const lower = src.toLowerCase();
  if (settings.rules.hosts.some((h) => lower.includes(h.toLowerCase()))) return undefined;
  // The project serves this route itself (src/own-api.ts): the document describes that API.
  const own = settings.ownRoutes?.find((r) => src.includes(r.route));
  if (own) return `\`${own.route}\`, a route this project serves (${own.file})`;
  for (const [url] of src.matchAll(/https?:\/\/[^\s`'"<>)\]\\]+/g)) {
    const path = url.replace(/^https?:\/\/[^/]+/, "");
    if (COMPATIBLE_PATH.test(path)) return url;
  }
  return undefined;
}

/** Words that label what follows as a response; a label naming the request too is not one. */
const RESPONSE_WORDS = /\b(responses?|returns?|output)\b|响应|返回|回應|输出|レスポンス/i;
const REQUEST_WORDS = /\b(requests?|body|payload|config(uration)?|settings?)\b|请求|請求|参数|配置/i;

/** Whether the paragraph right before a fence labels it a response (`**Response example**`, `响应示例`, `Returns:`). */
function responseLead(src: string, fenceStart: number): boolean {
  const last = leadIn(src, fenceStart).split(/\n\s*\n/).at(-1) ?? "";
  const line = last.trim().split("\n").at(-1) ?? "";
  return line.length <= 80 && RESPONSE_WORDS.test(line) && !REQUEST_WORDS.test(line);
}

/** The paragraph (and heading) before a fence: back to the previous fence or two blank-line breaks, at most 400 characters. */
function leadIn(src: string, fenceStart: number): string {
  const before = src.slice(Math.max(0, fenceStart - 400), fenceStart);
  const lastFence = Math.max(before.lastIndexOf("```"), before.lastIndexOf("~~~"));
  const text = lastFence === -1 ? before : before.slice(lastFence + 3);
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== "");
  return paragraphs.slice(-2).join("\n");
}

/**
 * The fence's code as its own snippet. A fence indented inside a list item has that
 * indentation on every line: it is not the snippet's, so it is stripped, and new lines get
 * it back. A prefix other than spaces (a block quote's `>`) is not handled: undefined.
 */
function fenceRegion(src: string, contentStart: number, contentEnd: number, indent: number): Region | undefined {
  const content = src.slice(contentStart, contentEnd);
  if (indent === 0) return contiguousRegion(content, contentStart);
  const lines = content.split("\n");
  const hostStarts: number[] = [];
  const parts: string[] = [];
  let at = contentStart;
  for (const line of lines) {
    const spaces = /^ */.exec(line)![0].length;
    if (spaces < indent && line.trim() !== "") return undefined;
    const strip = Math.min(spaces, indent);
    hostStarts.push(at + strip);
    parts.push(line.slice(strip));
    at += line.length + 1;
  }
  return indentedRegion(parts.join("\n"), hostStarts, " ".repeat(indent));
}

