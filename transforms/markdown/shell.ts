// Shell snippets from docs (curl examples): a small word splitter that knows quotes and
// line continuations, then the same value rules as config files, and the JSON transform
// for `-d '{...}'` bodies.
import type { Settings } from "../../src/rules.js";
import type { RawFinding, TransformResult } from "../../src/findings.js";
import { analyzeJson } from "../config/json.js";
import { configFindings, textMentions, type ConfigString } from "../config/values.js";
import { shiftFinding } from "../shared.js";

interface Word {
  value: string;
  start: number;
  end: number;
  /** Set when the word is one quoted string or plain text: its characters' span. */
  inner?: { start: number; end: number; quote: string };
}

const DATA_FLAGS = new Set(["-d", "--data", "--data-raw", "--data-binary", "--json"]);

export function analyzeShell(src: string, file: string, settings: Settings): TransformResult {
  const findings: RawFinding[] = [];
  const strings: ConfigString[] = [];
  const { words, comments } = splitWords(src);
  words.forEach((word, i) => {
    if (!word.inner) return;
    const inner = word.inner;
    if (i > 0 && DATA_FLAGS.has(words[i - 1]!.value) && (inner.quote === "'" || !word.value.includes("\\"))) {
      const body = analyzeJson(word.value, file, settings);
      if (!body.parseError) {
        for (const f of body.findings) findings.push(shiftFinding(f, inner.start));
        return;
      }
    }
    strings.push(shellString(word, words[i - 1]));
  });
  findings.push(...configFindings(src, strings, settings, "where this value is read and the request is sent"));
  for (const c of comments) findings.push(...textMentions(src.slice(c.start, c.end), c.start, settings, "a comment"));
  return { findings };
}


/**
 * A word's role: `NAME=value` (an environment variable, a setting), `key=value` and
 * `--model value` (a setting named by its key or flag), anything else an argument whose
 * meaning depends on the command.
 */
function shellString(word: Word, previous: Word | undefined): ConfigString {
  const inner = word.inner!;
  const assign = inner.quote === "" ? /^(--?)?([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/.exec(word.value) : null;
  if (assign) {
    const valueStart = inner.start + word.value.length - assign[3]!.length;
    const site = { value: assign[3]!, innerStart: valueStart, innerEnd: valueStart + assign[3]!.length, start: valueStart, end: valueStart + assign[3]!.length };
    const envVar = !assign[1] && /^[A-Z_][A-Z0-9_]*$/.test(assign[2]!);
    return envVar ? { ...site, kind: "value" } : { ...site, kind: "value", key: assign[2]! };
  }
  const site = { value: word.value, innerStart: inner.start, innerEnd: inner.end, start: word.start, end: word.end };
  const flag = previous && /^--?[A-Za-z][\w-]*$/.test(previous.value) ? previous.value.replace(/^-+/, "") : undefined;
  if (flag) return { ...site, kind: "value", key: flag };
  return { ...site, kind: "value", unknown: "passed as an argument of a command whose meaning ds-migrate does not know" };
}

function splitWords(src: string): { words: Word[]; comments: Array<{ start: number; end: number }> } {
  const words: Word[] = [];
  const comments: Array<{ start: number; end: number }> = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === "\\" && (src[i + 1] === "\n" || src[i + 1] === "\r")) {
      i += src[i + 1] === "\r" ? 3 : 2;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "#") {
      const end = src.indexOf("\n", i);
      comments.push({ start: i, end: end === -1 ? src.length : end });
      i = end === -1 ? src.length : end;
      continue;
    }
    const start = i;
    let value = "";
    let quote = "";
    while (i < src.length && !/\s/.test(src[i]!)) {
      const c = src[i]!;
      if (c === "'" || c === '"') {
        const close = src.indexOf(c, i + 1);
        const stop = close === -1 ? src.length : close;
        value += src.slice(i + 1, stop);
        quote = c;
        i = stop + 1;
      } else {
        value += c;
        i++;
      }
    }
    const single = quote !== "" && src[start] === quote && src[i - 1] === quote && value.length === i - start - 2;
    const plain = quote === "";
    const word: Word = { value, start, end: i };
    if (single) word.inner = { start: start + 1, end: i - 1, quote };
    else if (plain) word.inner = { start, end: i, quote: "" };
    words.push(word);
  }
  return { words, comments };
}
