// The Markdown report as a pull-request comment: read back with the CommonMark reference
// parser, every diff block holds exactly its file's diff from the JSON report (fences inside
// the diff cannot close it early), code spans hold exactly their text, and a huge run stays
// under GitHub's comment limit with closed blocks and a note saying what was left out.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Parser, type Node } from "commonmark";
import { describe, expect, test } from "vitest";
import { cli, project, tempDir } from "./helpers/cli.js";

const TODAY = ["--today", "2026-11-25"];
const CAP = 60_000;
const CUT_NOTE = /^Cut short: (\d+) of (\d+) lines of this diff shown\.$/;

interface JsonReport {
  files: Array<{ file: string; diff?: string }>;
  findings: Array<{ file: string; severity: string; suppression?: unknown }>;
}

/** The Markdown and the JSON report of the same dry run, written with --report. */
function dryRunReports(dir: string): { md: string; json: JsonReport } {
  const out = tempDir();
  for (const ext of ["md", "json"]) expect(cli([".", "--dry-run", "--report", path.join(out, `r.${ext}`), ...TODAY], dir).status).toBe(0);
  return { md: readFileSync(path.join(out, "r.md"), "utf8"), json: JSON.parse(readFileSync(path.join(out, "r.json"), "utf8")) };
}

/** check's Markdown on stdout, and its JSON report through --report (it can outgrow a pipe's buffer). */
function checkReports(dir: string): { md: string; json: JsonReport } {
  const file = path.join(tempDir(), "r.json");
  const md = cli(["check", "--format", "markdown", "--report", file, ...TODAY], dir).stdout;
  return { md, json: JSON.parse(readFileSync(file, "utf8")) };
}

function blocks(md: string): Node[] {
  const out: Node[] = [];
  for (let node = new Parser().parse(md).firstChild; node; node = node.next) out.push(node);
  return out;
}

/** A paragraph's inline content, one string a line; code spans shown as «literal». */
function inlineLines(paragraph: Node): string[] {
  const lines = [""];
  for (let node = paragraph.firstChild; node; node = node.next) {
    if (node.type === "softbreak" || node.type === "linebreak") lines.push("");
    else lines[lines.length - 1] += node.type === "code" ? `«${node.literal}»` : node.type === "emph" ? text(node) : node.literal;
  }
  return lines;
}

function text(node: Node): string {
  let out = "";
  for (let child = node.firstChild; child; child = child.next) out += child.literal ?? text(child);
  return out;
}

interface DiffBlock {
  file: string;
  literal: string;
  fence: number;
  /** The paragraph right after the block, when it is a cut note. */
  note?: string;
}

/** Every diff code block, the file its `--- a/` line names, and the note that follows it. */
function diffBlocks(md: string): DiffBlock[] {
  const all = blocks(md);
  return all.flatMap((node, i) => {
    if (node.type !== "code_block" || node.info !== "diff") return [];
    const next = all[i + 1];
    const note = next?.type === "paragraph" && CUT_NOTE.test(text(next)) ? text(next) : undefined;
    return [{ file: node.literal!.match(/^--- a\/(.*)\n/)![1]!, literal: node.literal!, fence: fenceLength(md, node), note }];
  });
}

function fenceLength(md: string, node: Node): number {
  const line = md.split("\n")[node.sourcepos[0][0] - 1]!;
  return line.match(/^`+/)![0].length;
}

function diffsOf(json: JsonReport): Map<string, string> {
  return new Map(json.files.filter((f) => f.diff).map((f) => [f.file, f.diff!]));
}

describe("fences and code spans", () => {
  test("a Markdown file whose ``` and ```` code blocks are migrated: each diff block holds its whole diff", () => {
    const readme = [
      "# Client", "", "```js", 'const a = JSON.stringify({ model: "deepseek-chat", messages: [] });', "```", "",
      "````js", 'const b = JSON.stringify({ model: "deepseek-chat", messages: [] });', "````", "", "The end.", "",
    ].join("\n");
    const dir = project({ "README.md": readme, "src/a.ts": 'export const body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n' });
    const { md, json } = dryRunReports(dir);
    const diffs = diffsOf(json);
    expect([...diffs.keys()]).toEqual(["README.md", "src/a.ts"]);
    expect(diffs.get("README.md")).toContain("\n ````js\n");
    const found = diffBlocks(md);
    expect(found.map((b) => [b.file, b.literal, b.fence, b.note])).toEqual([
      ["README.md", diffs.get("README.md"), 5, undefined],
      ["src/a.ts", diffs.get("src/a.ts"), 3, undefined],
    ]);
    // The fold closes after the last diff, outside every code block.
    const html = blocks(md).filter((n) => n.type === "html_block").map((n) => n.literal!.trim());
    expect(html).toEqual(["<details><summary>Diff</summary>", "</details>"]);
    expect(md).not.toContain("Left out");
  });

  test("file names and messages holding backticks stay in their own code spans", () => {
    const dir = project({
      "we`ird.js": 'export const body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n',
      "`tick.js": 'export const body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n',
      "notes.md": "~~~ja`va\nuse deepseek-chat here\n~~~\n",
    });
    const { md, json } = checkReports(dir);
    const table = blocks(md).find((n) => n.type === "paragraph" && text(n).startsWith("| File |"))!;
    const rows = inlineLines(table);
    expect(rows).toContain('| «`tick.js» | 1:45 | error | «legacy-model-id» | Legacy model ID "deepseek-chat" → "deepseek-flash" (deadline 2026-07-24). |');
    expect(rows).toContain('| «we`ird.js» | 1:45 | error | «legacy-model-id» | Legacy model ID "deepseek-chat" → "deepseek-flash" (deadline 2026-07-24). |');
    // The message quotes the fence's language, which holds a backtick: it shows as written, no span.
    expect(rows).toContain('| «notes.md» | 2:5 | info | «legacy-id-in-text» | "deepseek-chat" in a `ja`va` code block, outside a quoted value: not rewritten; update it by hand if it matters. |');
    expect(rows.length).toBe(2 + json.findings.length);
    const diffs = diffsOf(json);
    expect(diffBlocks(md).map((b) => [b.file, b.literal])).toEqual([...diffs.entries()]);
  });

  test("a message whose backticks pair up keeps its code spans", () => {
    const dir = project({ "notes.md": "```ruby\nmodel = 'deepseek-chat'\n```\n" });
    const table = blocks(checkReports(dir).md).find((n) => n.type === "paragraph" && text(n).startsWith("| File |"))!;
    expect(inlineLines(table)[2]).toBe('| «notes.md» | 2:10 | error | «legacy-id-in-unsupported-file» | "deepseek-chat" in a «ruby» code block: not rewritten (ds-migrate does not parse this). Change it to "deepseek-flash" by hand and set thinking: {"type":"disabled"} on the request that sends it (V4 thinks by default). |');
  });
});

describe("a small report keeps its shape", () => {
  test("one changed file: the summary, the table and one diff block in a fold, nothing left out", () => {
    const dir = project({ "src/a.ts": 'export const body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n' });
    const { md, json } = checkReports(dir);
    expect(md).toBe([
      "## ds-migrate check", "",
      "**⚠️ deepseek-chat: deprecated since 2026-07-24 (124 days ago): requests with this ID fail**", "",
      "Files scanned: 1 · with hits: 1 · to change: 1 · errors: 1 · warnings: 0 · info: 1", "",
      "Mode ledger: 1 DeepSeek request (1 given a mode by migrate); every one states its thinking mode after migration.", "",
      "| File | Line | Severity | Rule | Message |",
      "| --- | ---: | --- | --- | --- |",
      "| `src/a.ts` | 1:38 | info | `thinking-mode` | V4 thinks by default: set the mode explicitly (non-thinking) to keep this request's behaviour. |",
      '| `src/a.ts` | 1:45 | error | `legacy-model-id` | Legacy model ID "deepseek-chat" → "deepseek-flash" (deadline 2026-07-24). |', "",
      "<details><summary>Diff</summary>", "",
      "```diff",
      "--- a/src/a.ts",
      "+++ b/src/a.ts",
      "@@ -1,1 +1,1 @@",
      '-export const body = JSON.stringify({ model: "deepseek-chat", messages: [] });',
      '+export const body = JSON.stringify({ model: "deepseek-flash", thinking: { type: "disabled" }, messages: [] });',
      "```", "",
      "</details>", "",
    ].join("\n"));
    expect(blocks(md).map((n) => n.type)).toEqual(["heading", "paragraph", "paragraph", "paragraph", "paragraph", "html_block", "code_block", "html_block"]);
    expect(diffBlocks(md)).toEqual([{ file: "src/a.ts", literal: json.files[0]!.diff, fence: 3, note: undefined }]);
  });
});

describe("the size cap", () => {
  const filler = (n: number) => `// ${"lorem ipsum dolor sit amet ".repeat(14)}${n}`;

  test("diffs too long for a comment: some whole, the longer cut to their first lines, the last left out, every block closed", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`a-small/s${String(i).padStart(2, "0")}.js`] = 'export const u = new OpenAI({ baseURL: "https://api.deepseek.com" });\n';
    for (let i = 0; i < 100; i++) {
      const lines = [filler(1), filler(2), filler(3), 'export const u = new OpenAI({ baseURL: "https://api.deepseek.com" });', filler(4), filler(5), filler(6)];
      files[`b-big/b${String(i).padStart(3, "0")}.js`] = `${lines.join("\n")}\n`;
    }
    const { md, json } = checkReports(project(files));
    expect(md.length).toBeLessThanOrEqual(CAP);
    const diffs = diffsOf(json);
    expect(diffs.size).toBe(150);
    // Every finding is listed: the findings come before the diffs.
    expect(md.split("\n").filter((l) => l.startsWith("| `")).length).toBe(json.findings.length);
    const found = diffBlocks(md);
    const whole = found.filter((b) => b.literal === diffs.get(b.file));
    const cut = found.filter((b) => b.literal !== diffs.get(b.file));
    for (const b of whole) expect(b.note).toBeUndefined();
    for (const b of cut) {
      const full = diffs.get(b.file)!;
      expect(full.startsWith(b.literal) && b.literal.endsWith("\n")).toBe(true);
      expect(b.note).toBe(`Cut short: ${b.literal.split("\n").length - 1} of ${full.split("\n").length - 1} lines of this diff shown.`);
    }
    expect(whole.map((b) => b.file)).toEqual([...diffs.keys()].slice(0, 50));
    expect(cut.length).toBeGreaterThan(0);
    // The files left out are the last ones, in the report's order.
    expect(found.map((b) => b.file)).toEqual([...diffs.keys()].slice(0, found.length));
    const omitted = 150 - found.length;
    expect(omitted).toBeGreaterThan(0);
    const last = blocks(md).at(-1)!;
    expect(last.type).toBe("paragraph");
    expect(text(last)).toBe(`Left out to keep this comment under GitHub's limit of 65,536 characters: the ends of ${cut.length} of 150 diffs, the diffs of ${omitted} of 150 files. ` +
      "The full report, with every finding and diff, is in the JSON report: run with --report FILE.json (or check --format json).");
    expect(blocks(md).filter((n) => n.type === "html_block").map((n) => n.literal!.trim())).toEqual(["<details><summary>Diff</summary>", "</details>"]);
  });

  test("more findings than a comment holds: errors first, a count, no diffs, under the cap", () => {
    const files: Record<string, string> = {};
    const body = Array.from({ length: 20 }, (_, j) => `export const m${j} = { model: "deepseek-chat", n: ${j} };\n`).join("");
    for (let i = 0; i < 300; i++) files[`src/f${i}.js`] = body;
    const { md, json } = checkReports(project(files));
    expect(md.length).toBeLessThanOrEqual(CAP);
    const listed = json.findings.filter((f) => !f.suppression).length;
    expect(listed).toBe(12_000);
    const rows = md.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.includes(" | error | "))).toBe(true);
    expect(md).toContain(`\n\n_${rows.length} of 12000 findings shown._\n\n`);
    expect(diffBlocks(md)).toEqual([]);
    expect(blocks(md).some((n) => n.type === "code_block" || n.type === "html_block")).toBe(false);
    expect(text(blocks(md).at(-1)!)).toBe(`Left out to keep this comment under GitHub's limit of 65,536 characters: ${12_000 - rows.length} of 12000 findings; the diffs of 300 of 300 files. ` +
      "The full report, with every finding and diff, is in the JSON report: run with --report FILE.json (or check --format json).");
  });
});
