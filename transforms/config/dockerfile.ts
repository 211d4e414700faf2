// Dockerfiles (Dockerfile, Dockerfile.*, *.dockerfile, Containerfile): `ENV`/`ARG`/`LABEL`
// values are settings, `RUN`/`CMD`/`ENTRYPOINT` in shell form go through the shell reader,
// comments are text. Instructions may continue over lines with `\`.
import type { Settings } from "../../src/rules.js";
import type { RawFinding, TransformResult } from "../../src/findings.js";
import { analyzeShell } from "../markdown/shell.js";
import { unsupportedMentions } from "../other/index.js";
import { shiftFinding } from "../shared.js";
import { passThroughFor } from "../clients.js";
import { configFindings, textMentions, type ConfigString } from "./values.js";

export function analyzeDockerfile(src: string, file: string, settings: Settings): TransformResult {
  const findings: RawFinding[] = [];
  const strings: ConfigString[] = [];
  for (const ins of instructions(src)) {
    const text = src.slice(ins.argsStart, ins.end);
    if (ins.keyword === "#") findings.push(...textMentions(text, ins.argsStart, settings, "a comment"));
    else if (ins.keyword === "ENV" || ins.keyword === "ARG" || ins.keyword === "LABEL") strings.push(...assignments(text, ins.argsStart));
    else if (["RUN", "CMD", "ENTRYPOINT"].includes(ins.keyword) && !text.trimStart().startsWith("[")) {
      findings.push(...analyzeShell(text, file, settings).findings.map((f) => shiftFinding(f, ins.argsStart)));
    } else findings.push(...unsupportedMentions(text, ins.argsStart, settings, file, `a Dockerfile ${ins.keyword} instruction`));
  }
  findings.push(...configFindings(src, strings, settings, `where the application in this image reads the variable and sends the request (${passThroughFor(file, settings)})`));
  return { findings };
}

interface Instruction {
  keyword: string;
  argsStart: number;
  end: number;
}

/** Each instruction with its arguments' span (continuation lines included); `#` lines are comments. */
function instructions(src: string): Instruction[] {
  const out: Instruction[] = [];
  let i = 0;
  while (i < src.length) {
    let lineEnd = src.indexOf("\n", i);
    if (lineEnd === -1) lineEnd = src.length;
    const line = src.slice(i, lineEnd);
    const m = /^([ \t]*)(#|[A-Za-z]+)([ \t]*)/.exec(line);
    if (!m) {
      i = lineEnd + 1;
      continue;
    }
    const keyword = m[2] === "#" ? "#" : m[2]!.toUpperCase();
    const argsStart = i + m[0].length;
    let end = lineEnd;
    // `\` at the end of a line continues the instruction (comments do not continue).
    while (keyword !== "#" && /\\\r?$/.test(src.slice(i, end)) && end < src.length) {
      i = end + 1;
      end = src.indexOf("\n", i);
      if (end === -1) end = src.length;
    }
    out.push({ keyword, argsStart, end: src[end - 1] === "\r" ? end - 1 : end });
    i = end + 1;
  }
  return out;
}

/** `KEY=value KEY2="v w"` or the old `KEY value` form. */
function assignments(text: string, offset: number): ConfigString[] {
  const out: ConfigString[] = [];
  const pair = /([A-Za-z_][\w.-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'\\]*))/g;
  let found = false;
  for (let m = pair.exec(text); m; m = pair.exec(text)) {
    found = true;
    const quote = m[2] !== undefined ? '"' : m[3] !== undefined ? "'" : "";
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    const innerStart = offset + m.index + m[1]!.length + 1 + quote.length;
    out.push(setting(m[1]!, value, innerStart, quote));
  }
  if (found) return out;
  const legacy = /^([A-Za-z_][\w.-]*)[ \t]+(.*?)[ \t]*$/.exec(text);
  if (legacy) out.push(setting(legacy[1]!, legacy[2]!, offset + text.indexOf(legacy[2]!, legacy[1]!.length), ""));
  return out;
}

function setting(name: string, value: string, innerStart: number, quote: string): ConfigString {
  const site = { value, innerStart, innerEnd: innerStart + value.length, start: innerStart - quote.length, end: innerStart + value.length + quote.length };
  return /^[A-Z_][A-Z0-9_]*$/.test(name) ? { ...site, kind: "value" } : { ...site, kind: "value", key: name };
}
