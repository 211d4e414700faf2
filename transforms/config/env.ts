// .env files: KEY=value lines (optionally `export KEY=value`), values bare, 'single' or
// "double" quoted, `# comments` after whitespace. The format is line-based, so this
// reader is the format's grammar, not a pattern guess.
import type { Settings } from "../../src/rules.js";
import type { RawFinding, TransformResult } from "../../src/findings.js";
import { configValueFindings, textMentions } from "./values.js";

const LINE = /^([ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*[ \t]*=[ \t]*)(.*?)[ \t]*$/;

export function analyzeEnv(src: string, _file: string, settings: Settings): TransformResult {
  const findings: RawFinding[] = [];
  let offset = 0;
  for (const rawLine of src.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    findings.push(...lineFindings(line, offset, settings));
    offset += rawLine.length + 1;
  }
  return { findings };
}

function lineFindings(line: string, offset: number, settings: Settings): RawFinding[] {
  if (/^[ \t]*#/.test(line)) return textMentions(line, offset, settings, "a comment");
  const m = LINE.exec(line);
  if (!m) return [];
  const valueStart = offset + m[1]!.length;
  const rest = m[2]!;
  const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : "";
  let value: string;
  let comment = "";
  if (quote) {
    const close = rest.indexOf(quote, 1);
    if (close === -1) return [];
    value = rest.slice(1, close);
    comment = rest.slice(close + 1);
  } else {
    const hash = rest.search(/[ \t]#/);
    value = hash === -1 ? rest : rest.slice(0, hash).trimEnd();
    comment = hash === -1 ? "" : rest.slice(hash);
  }
  const innerStart = valueStart + quote.length;
  const site = { value, innerStart, innerEnd: innerStart + value.length, start: valueStart, end: innerStart + value.length + quote.length };
  const findings = configValueFindings(site, settings, { where: "where the application reads this variable and sends the request" });
  const commentStart = offset + line.length - comment.length;
  return [...findings, ...textMentions(comment, commentStart, settings, "a comment")];
}
