// Single-file components (.vue, .svelte, .astro) and HTML pages: each `<script>` block (and
// Astro's `---` front matter) goes through the JS/TS transform in its own language
// (`lang="ts"`), at its offsets in the file. Templates, markup and styles are never
// rewritten; a legacy ID there is reported like one in a file ds-migrate does not parse.
import type { Settings } from "../../src/rules.js";
import type { RawFinding, RawRequest, TransformResult } from "../../src/findings.js";
import { LineIndex } from "../../src/text.js";
import { contiguousRegion, joinedRegion, requestsToHost, toHost } from "../embedded.js";
import { analyzeJsTs } from "../js-ts/index.js";
import { unsupportedMentions } from "../other/index.js";

interface Block {
  start: number;
  end: number;
  /** The extension the block is analysed as (`.ts`, `.tsx`, `.js`). */
  ext: string;
}

export function analyzeComponent(src: string, file: string, settings: Settings): TransformResult {
  const page = isPage(file);
  const blocks = scriptBlocks(src, file);
  const findings: RawFinding[] = [];
  const requests: RawRequest[] = [];
  for (const group of scopes(blocks, file)) {
    const region = joinedRegion(group.map((b) => contiguousRegion(src.slice(b.start, b.end), b.start)));
    const ext = group.some((b) => b.ext === ".tsx") ? ".tsx" : group.some((b) => b.ext === ".ts") ? ".ts" : page ? ".js" : ".jsx";
    const result = analyzeJsTs(region.text, `${file}${ext}`, settings);
    // A page's scripts are often server templates (`{{ model }}`, `{% if %}`): searched as text, as before.
    if (result.parseError && page) return { findings: unsupportedMentions(src, 0, settings, file) };
    if (result.parseError) {
      const at = region.hostAt(new LineIndex(region.text).offsetOf(result.parseError.line, result.parseError.column));
      const pos = new LineIndex(src).position(at);
      return { findings: [], parseError: { ...result.parseError, line: pos.line, column: pos.column } };
    }
    findings.push(...toHost(result.findings, region, src));
    requests.push(...requestsToHost(result.requests, region, src));
  }
  // Everything outside the scripts (template, styles) is searched as text.
  let at = 0;
  for (const block of [...blocks, { start: src.length, end: src.length, ext: "" }]) {
    findings.push(...unsupportedMentions(src.slice(at, block.start), at, settings, file, page ? "this page's markup" : "this component's template"));
    at = block.end;
  }
  return { findings, requests };
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

function scriptBlocks(src: string, file: string): Block[] {
  const blocks: Block[] = [];
  const comments = htmlComments(src);
  if (file.endsWith(".astro")) {
    // Astro's component script: front matter between `---` lines at the top, always TypeScript.
    const m = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(src);
    if (m) blocks.push({ start: m[0].indexOf("\n") + 1, end: m[0].indexOf("\n") + 1 + m[1]!.length, ext: ".ts" });
  }
  for (let m = SCRIPT.exec(src); m; m = SCRIPT.exec(src)) {
    const start = m.index + m[0].indexOf(">") + 1;
    if (comments.some(([a, b]) => m!.index >= a && m!.index < b)) continue;
    const attrs = m[1]!;
    // JSON data blocks and templates in script tags are not code.
    const type = /\btype\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    if (type && !/javascript|module|typescript/i.test(type)) continue;
    const lang = /\blang\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1]?.toLowerCase();
    const ext = lang === "ts" || lang === "typescript" || file.endsWith(".astro") ? ".ts" : lang === "tsx" ? ".tsx" : isPage(file) ? ".js" : ".jsx";
    blocks.push({ start, end: start + m[2]!.length, ext });
  }
  SCRIPT.lastIndex = 0;
  return blocks.sort((a, b) => a.start - b.start);
}

/** An HTML page: its inline classic scripts share one global scope, like a component's. */
function isPage(file: string): boolean {
  return /\.html?$/i.test(file);
}

function htmlComments(src: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = src.indexOf("<!--"); i !== -1; i = src.indexOf("<!--", i + 4)) {
    const end = src.indexOf("-->", i + 4);
    out.push([i, end === -1 ? src.length : end + 3]);
  }
  return out;
}

/**
 * Which blocks share one scope: a Vue or Svelte component's scripts do (`<script>` and
 * `<script setup>`, Svelte's module and instance scripts); Astro's front matter runs on the
 * server and each client `<script>` in the browser, so each is its own.
 */
function scopes(blocks: Block[], file: string): Block[][] {
  if (file.endsWith(".astro")) return blocks.map((b) => [b]);
  return blocks.length > 0 ? [blocks] : [];
}
