// Jupyter notebooks: code cells go through the Python transform together, as the kernel
// runs them (one namespace, so a client built in one cell is known in the next); markdown
// cells go through the Markdown transform; outputs are never touched (their IDs are information). Edits land
// inside the JSON strings of `source`, escaped, so Jupyter's own layout stays and a diff
// shows only the changed source lines. IPython magics (`%pip`, `!ls`, `%%bash` cells) are not
// Python: they are blanked for the parser and never fail a cell.
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Settings } from "../../src/rules.js";
import { LineIndex } from "../../src/text.js";
import { type ModuleLinks, type RawFinding, type RawRequest, type TransformResult } from "../../src/findings.js";
import { joinedRegion, mappedRegion, requestsToHost, toHost, type Region } from "../embedded.js";
import { analyzeMarkdown } from "../markdown/index.js";
import { analyzeShell } from "../markdown/shell.js";
import { analyzePython } from "../python/index.js";
import { textMentions, unparsedSnippetFindings } from "../config/values.js";
import { unsupportedMentions } from "../other/index.js";
import { shiftFinding } from "../shared.js";

interface Cell {
  kind: string;
  /** The cell's source as the kernel sees it, mapped to the notebook's bytes. */
  region: Region;
}

export function analyzeNotebook(src: string, file: string, settings: Settings, links?: ModuleLinks): TransformResult {
  const errors: ParseError[] = [];
  const root = parseTree(src, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0) {
    const at = new LineIndex(src).position(errors[0]?.offset ?? 0);
    return { findings: [], parseError: { message: "not valid notebook JSON", line: at.line, column: at.column } };
  }
  const language = kernelLanguage(root);
  const cells = readCells(src, root);
  const findings: RawFinding[] = [];
  const requests: RawRequest[] = [];
  const code = cells.filter((c) => c.kind === "code");
  // What the code cells import from the project's modules (and hand to them) links like a module's.
  let linked: Pick<TransformResult, "called"> = {};
  if (language === "python") {
    const result = pythonCells(code, file, settings, links);
    findings.push(...result.findings);
    requests.push(...(result.requests ?? []));
    linked = result;
  } else for (const c of code) findings.push(...toHost(unsupportedMentions(c.region.text, 0, settings, file, `a ${language} notebook cell`), c.region));
  for (const c of cells.filter((x) => x.kind === "markdown")) {
    const result = analyzeMarkdown(c.region.text, file, settings);
    findings.push(...toHost(result.findings, c.region, src));
    requests.push(...requestsToHost(result.requests, c.region, src));
  }
  for (const c of cells.filter((x) => x.kind === "raw")) findings.push(...toHost(textMentions(c.region.text, 0, settings, "a raw cell"), c.region));
  // Saved outputs record what a run printed (which model answered): information, never rewritten.
  for (const outputs of cellOutputs(root)) findings.push(...textMentions(src.slice(outputs.offset, outputs.offset + outputs.length), outputs.offset, settings, "a cell's saved output (a record of what a run printed)"));
  return { findings, requests, ...(linked.called ? { called: linked.called } : {}) };
}

function cellOutputs(root: JsonNode): JsonNode[] {
  return (property(root, "cells")?.children ?? []).flatMap((cell) => {
    const outputs = property(cell, "outputs");
    return outputs?.type === "array" && (outputs.children?.length ?? 0) > 0 ? [outputs] : [];
  });
}

function kernelLanguage(root: JsonNode): string {
  const metadata = property(root, "metadata");
  const lang = property(property(metadata, "kernelspec"), "language")?.value ?? property(property(metadata, "language_info"), "name")?.value;
  return typeof lang === "string" ? lang.toLowerCase() : "python";
}

function property(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== "object") return undefined;
  const pair = node.children?.find((p) => p.children?.[0]?.value === key);
  return pair?.children?.[1];
}

function readCells(src: string, root: JsonNode): Cell[] {
  const out: Cell[] = [];
  for (const cell of property(root, "cells")?.children ?? []) {
    const kind = property(cell, "cell_type")?.value;
    const source = property(cell, "source");
    if (typeof kind !== "string" || !source) continue;
    const strings = source.type === "array" ? (source.children ?? []).filter((c) => c.type === "string") : source.type === "string" ? [source] : [];
    if (strings.length === 0) continue;
    out.push({ kind, region: sourceRegion(src, strings, source.type === "array") });
  }
  return out;
}

/**
 * The decoded text of a cell's source strings, with each character's offset in the file.
 * New lines written into an array source become new array elements, in its indentation.
 */
function sourceRegion(src: string, strings: JsonNode[], isArray: boolean): Region {
  let text = "";
  const map: number[] = [];
  for (const s of strings) {
    const end = s.offset + s.length - 1;
    for (let i = s.offset + 1; i < end; ) {
      if (src[i] !== "\\") {
        text += src[i];
        map.push(i++);
        continue;
      }
      const step = escapeLength(src, i);
      text += JSON.parse(`"${src.slice(i, i + step)}"`) as string;
      map.push(i);
      i += step;
    }
  }
  const last = strings[strings.length - 1]!;
  map.push(last.offset + last.length - 1);
  const first = strings[0]!;
  const indent = /[ \t]*$/.exec(src.slice(src.lastIndexOf("\n", first.offset) + 1, first.offset))![0];
  const escape = (t: string) => JSON.stringify(t).slice(1, -1);
  const adapt = (t: string) => (isArray ? t.split("\n").map(escape).join(`\\n",\n${indent}"`) : escape(t));
  return mappedRegion(text, map, adapt);
}

function escapeLength(src: string, i: number): number {
  return src[i + 1] === "u" ? 6 : 2;
}

// IPython runs `pip install x`, `pip show x`, `conda list` without `%` (automagic): shell lines, not Python.
const MAGIC_LINE = /^[ \t]*(%|!|\?)|\?\??[ \t]*$|^[ \t]*[A-Za-z_][\w.]*[ \t]*=[ \t]*[!%]|^[ \t]*(pip|pip3|conda|mamba)[ \t]+[a-z][a-z-]*\b/;

/** IPython syntax the Python parser must not see: blanked to spaces, so offsets stay. */
function blankMagics(text: string): string {
  return text.split("\n").map((line) => (MAGIC_LINE.test(line) ? " ".repeat(line.length) : line)).join("\n");
}

/**
 * Code cells run in one namespace: they are analysed as one module (magics blanked), and the
 * findings go back to their cells. If that module does not parse, each cell is analysed alone,
 * and a cell that does not parse is searched as text (its IDs fail check; the others migrate).
 */
function pythonCells(cells: Cell[], file: string, settings: Settings, links?: ModuleLinks): TransformResult {
  const python = cells.filter((c) => !c.region.text.startsWith("%%"));
  const findings: RawFinding[] = [];
  for (const c of cells.filter((x) => x.region.text.startsWith("%%"))) findings.push(...cellMagic(c, file, settings));
  const joined = joinedRegion(python.map((c) => c.region));
  // Imports resolve from the notebook's folder, as the kernel started there resolves them.
  const together = analyzePython(blankMagics(joined.text), `${file}.py`, settings, links);
  if (!together.parseError) return { findings: [...findings, ...toHost(together.findings, joined)], requests: requestsToHost(together.requests, joined), ...(together.called ? { called: together.called } : {}) };
  const requests: RawRequest[] = [];
  for (const c of python) {
    const alone = analyzePython(blankMagics(c.region.text), `${file}.py`, settings);
    const raw = alone.parseError
      ? unparsedSnippetFindings(c.region.text, settings, (id) => `"${id}" found by text search in a code cell that does not parse (${alone.parseError!.message}); fix the cell and run again, or migrate it by hand.`)
      : alone.findings;
    findings.push(...toHost(raw, c.region));
    requests.push(...requestsToHost(alone.requests, c.region));
  }
  return { findings, requests };
}

/** `%%bash` / `%%sh` cells are shell; other cell magics (`%%time`, `%%writefile`...) are text. */
function cellMagic(cell: Cell, file: string, settings: Settings): RawFinding[] {
  const firstLineEnd = cell.region.text.indexOf("\n");
  const magic = cell.region.text.slice(2, firstLineEnd === -1 ? undefined : firstLineEnd).trim().split(/\s+/)[0];
  if (firstLineEnd === -1) return [];
  const body = cell.region.text.slice(firstLineEnd + 1);
  const raw = magic === "bash" || magic === "sh"
    ? analyzeShell(body, file, settings).findings
    : textMentions(body, 0, settings, `a %%${magic} cell (not Python)`);
  return toHost(raw.map((f) => shiftFinding(f, firstLineEnd + 1)), cell.region);
}
