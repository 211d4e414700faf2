// A notebook an editor opens as cells (LSP notebook documents: VS Code's notebook editor) is
// analysed as the .ipynb text the engine reads: the cells' current texts written as nbformat
// JSON, one source line per JSON line, with the saved file's notebook metadata. Positions and
// edits come back from that JSON to the cell and line they stand in.
import type { Finding, LocatedEdit } from "../findings.js";
import type { Position, Range, TextEdit } from "./convert.js";

export interface Cell {
  /** 1: Markdown, 2: code (the protocol's NotebookCellKind). */
  kind: number;
  text: string;
}

interface SourceLine {
  cell: number;
  line: number;
  /** 0-based column of the first character inside the JSON string. */
  start: number;
  /** The line as written in the JSON string (escaped). */
  escaped: string;
}

export interface NotebookText {
  text: string;
  /** 1-based JSON line → the cell line it holds. */
  lines: Map<number, SourceLine>;
}

/** The .ipynb text of these cells; `saved` (the file on disk) gives the notebook's metadata. */
export function notebookText(cells: Cell[], saved: string | undefined): NotebookText {
  let top: { metadata?: unknown; nbformat?: unknown; nbformat_minor?: unknown } = {};
  try {
    if (saved) top = JSON.parse(saved);
  } catch {
    // An unreadable saved file: the cells alone, with empty metadata.
  }
  const out: string[] = ["{", ' "cells": ['];
  const lines = new Map<number, SourceLine>();
  cells.forEach((cell, c) => {
    const code = cell.kind === 2;
    out.push("  {", `   "cell_type": ${code ? '"code"' : '"markdown"'},`);
    if (code) out.push('   "execution_count": null,');
    out.push('   "metadata": {},');
    if (code) out.push('   "outputs": [],');
    const source = sourceLines(cell.text);
    if (source.length === 0) out.push('   "source": []');
    else {
      out.push('   "source": [');
      source.forEach((line, i) => {
        const escaped = JSON.stringify(line).slice(1, -1);
        out.push(`    "${escaped}"${i < source.length - 1 ? "," : ""}`);
        lines.set(out.length, { cell: c, line: i, start: 5, escaped });
      });
      out.push("   ]");
    }
    out.push(`  }${c < cells.length - 1 ? "," : ""}`);
  });
  out.push(" ],");
  out.push(` "metadata": ${JSON.stringify(top.metadata ?? {})},`);
  out.push(` "nbformat": ${JSON.stringify(top.nbformat ?? 4)},`);
  out.push(` "nbformat_minor": ${JSON.stringify(top.nbformat_minor ?? 5)}`);
  out.push("}", "");
  return { text: out.join("\n"), lines };
}

/** nbformat's source list: each line with its newline, the last without one (none when empty). */
function sourceLines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split("\n");
  const out = parts.map((p, i) => (i < parts.length - 1 ? p + "\n" : p));
  if (out[out.length - 1] === "") out.pop();
  return out;
}

/** A 1-based JSON position as a cell and a 0-based position in its text; undefined off the source lines or inside an escape. */
export function toCell(nb: NotebookText, line: number, column: number): { cell: number; position: Position } | undefined {
  const source = nb.lines.get(line);
  if (!source) return undefined;
  const offset = column - 1 - source.start;
  if (offset < 0 || offset > source.escaped.length) return undefined;
  let decoded = 0;
  for (let i = 0; i < offset; ) {
    const step = source.escaped[i] !== "\\" ? 1 : source.escaped[i + 1] === "u" ? 6 : 2;
    if (i + step > offset) return undefined;
    // An escaped newline ends the cell line: a position after it is on the next line.
    if (source.escaped.slice(i, i + 2) === "\\n") return { cell: source.cell, position: { line: source.line + 1, character: 0 } };
    i += step;
    decoded++;
  }
  return { cell: source.cell, position: { line: source.line, character: decoded } };
}

export function findingInCell(nb: NotebookText, f: Pick<Finding, "line" | "column" | "endLine" | "endColumn">): { cell: number; range: Range } | undefined {
  const start = toCell(nb, f.line, f.column);
  if (!start) return undefined;
  const end = toCell(nb, f.endLine, f.endColumn);
  return { cell: start.cell, range: { start: start.position, end: end && end.cell === start.cell ? end.position : start.position } };
}

/** An edit of the JSON as an edit of one cell; undefined when it reaches outside one cell line's string. */
export function editInCell(nb: NotebookText, e: LocatedEdit): { cell: number; edit: TextEdit } | undefined {
  if (e.startLine !== e.endLine) return undefined;
  const start = toCell(nb, e.startLine, e.startColumn);
  const end = toCell(nb, e.endLine, e.endColumn);
  if (!start || !end || start.cell !== end.cell) return undefined;
  let newText: string;
  try {
    newText = JSON.parse(`"${e.text}"`) as string;
  } catch {
    return undefined; // JSON structure (a quote closing the string), not text within it
  }
  return { cell: start.cell, edit: { range: { start: start.position, end: end.position }, newText } };
}
