// .env files: KEY=value lines (optionally `export KEY=value`), values bare, 'single' or
// "double" quoted, `# comments` after whitespace. The format is line-based, so this
// reader is the format's grammar, not a pattern guess. Every value is a setting.
import type { Settings } from "../../src/rules.js";
import type { RawFinding, TransformResult } from "../../src/findings.js";
import { passThroughFor } from "../clients.js";
import { configFindings, markModelsOfOtherServers, textMentions, type ConfigString } from "./values.js";

const LINE = /^([ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*[ \t]*=[ \t]*)(.*?)[ \t]*$/;

export function analyzeEnv(src: string, file: string, settings: Settings): TransformResult {
  const strings: ConfigString[] = [];
  const comments: RawFinding[] = [];
  const vars: Array<{ name: string; s: ConfigString }> = [];
  let offset = 0;
  for (const rawLine of src.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    const name = readLine(line, offset, strings, comments, settings);
    if (name) vars.push({ name, s: strings.at(-1)! });
    offset += rawLine.length + 1;
  }
  markModelsOfOtherServers(vars, settings);
  return { findings: [...configFindings(src, strings, settings, `where the application reads this variable and sends the request (${passThroughFor(file, settings)})`), ...comments] };
}

/** Reads one line; returns the variable's name when the line sets one. */
function readLine(line: string, offset: number, strings: ConfigString[], comments: RawFinding[], settings: Settings): string | undefined {
  if (/^[ \t]*#/.test(line)) {
    comments.push(...textMentions(line, offset, settings, "a comment"));
    return undefined;
  }
  const m = LINE.exec(line);
  if (!m) return undefined;
  const valueStart = offset + m[1]!.length;
  const rest = m[2]!;
  const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : "";
  let value: string;
  let comment = "";
  if (quote) {
    const close = rest.indexOf(quote, 1);
    if (close === -1) return undefined;
    value = rest.slice(1, close);
    comment = rest.slice(close + 1);
  } else {
    const hash = rest.search(/[ \t]#/);
    value = hash === -1 ? rest : rest.slice(0, hash).trimEnd();
    comment = hash === -1 ? "" : rest.slice(hash);
  }
  const innerStart = valueStart + quote.length;
  strings.push({ kind: "value", value, innerStart, innerEnd: innerStart + value.length, start: valueStart, end: innerStart + value.length + quote.length });
  comments.push(...textMentions(comment, offset + line.length - comment.length, settings, "a comment"));
  return m[1]!.replace(/^[ \t]*(?:export[ \t]+)?/, "").replace(/[ \t]*=[ \t]*$/, "");
}
