// key=value files: .ini, .cfg, .conf, .properties. `[section]` headers, `#`/`;`/`!`
// comments, `key = value` or `key: value` (values bare or quoted). A value under a key is a
// setting; a line that is not key=value (an nginx directive, say) is searched as text in a
// file ds-migrate does not parse.
import type { Settings } from "../../src/rules.js";
import type { RawFinding, TransformResult } from "../../src/findings.js";
import { unsupportedMentions } from "../other/index.js";
import { passThroughFor } from "../clients.js";
import { configFindings, textMentions, type ConfigString } from "./values.js";

const PAIR = /^([ \t]*)([^\s=:#;!\[][^=:]*?)([ \t]*[=:][ \t]*)(.*?)[ \t]*$/;

export function analyzeIni(src: string, file: string, settings: Settings): TransformResult {
  const strings: ConfigString[] = [];
  const other: RawFinding[] = [];
  let offset = 0;
  for (const rawLine of src.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    readLine(line, offset, file, strings, other, settings);
    offset += rawLine.length + 1;
  }
  return { findings: [...configFindings(src, strings, settings, `where the application reads this setting and sends the request (${passThroughFor(file, settings)})`), ...other] };
}

function readLine(line: string, offset: number, file: string, strings: ConfigString[], other: RawFinding[], settings: Settings): void {
  const trimmed = line.trimStart();
  if (trimmed === "" || /^\[.*\]$/.test(trimmed.trimEnd())) {
    if (trimmed !== "") other.push(...textMentions(line, offset, settings, "a section name"));
    return;
  }
  if (/^[#;!]/.test(trimmed)) {
    other.push(...textMentions(line, offset, settings, "a comment"));
    return;
  }
  const m = PAIR.exec(line);
  if (!m) {
    other.push(...unsupportedMentions(line, offset, settings, file));
    return;
  }
  const key = m[2]!.trim();
  const valueStart = offset + m[1]!.length + m[2]!.length + m[3]!.length;
  const rest = m[4]!;
  const quote = rest.length >= 2 && (rest[0] === '"' || rest[0] === "'") && rest.endsWith(rest[0]!) ? rest[0]! : "";
  const value = quote ? rest.slice(1, -1) : rest.replace(/[ \t]+[#;].*$/, "");
  const innerStart = valueStart + quote.length;
  strings.push({ kind: "value", key: key.split(".").pop()!, value, innerStart, innerEnd: innerStart + value.length, start: valueStart, end: innerStart + value.length + quote.length });
}
