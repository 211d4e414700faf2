// Shell: scripts (.sh, .bash, .zsh, a shell shebang) and shell blocks in docs. A small word
// splitter that knows quotes, line continuations and heredocs; then the same value rules as
// config files, and the JSON transform for curl bodies (`-d '{...}'`, a JSON heredoc).
import type { Settings } from "../../src/rules.js";
import { RULE_IDS, type RawFinding, type TransformResult } from "../../src/findings.js";
import { analyzeJson } from "../config/json.js";
import { passThroughFor } from "../clients.js";
import { configFindings, markModelsOfOtherServers, textMentions, type ConfigString } from "../config/values.js";
import { shiftFinding } from "../shared.js";

interface Word {
  value: string;
  start: number;
  end: number;
  /** Set when the word is one quoted string or plain text: its characters' span. */
  inner?: { start: number; end: number; quote: string };
  /** `NAME=value`, `--flag=value`, `key='value'`: the name and the value's characters. */
  assign?: { dashes: string; name: string; value: string; start: number; end: number; quote: string };
}

interface Heredoc {
  /** The body's span (between the line after `<<EOF` and the delimiter line). */
  start: number;
  end: number;
}

const DATA_FLAGS = new Set(["-d", "--data", "--data-raw", "--data-binary", "--json"]);
/** A bare word naming the model setting, as in `tool config set model deepseek-chat`. */
const MODEL_WORD = /^(model|model[-_]?(name|id))$/i;

export function analyzeShell(src: string, file: string, settings: Settings): TransformResult {
  const findings: RawFinding[] = [];
  const strings: ConfigString[] = [];
  const { words, comments, heredocs } = splitWords(src);
  words.forEach((word, i) => {
    const previous = words[i - 1];
    if (word.inner && previous && DATA_FLAGS.has(previous.value) && (word.inner.quote === "'" || !word.value.includes("\\"))) {
      const body = analyzeJson(word.value, file, settings);
      if (!body.parseError) {
        const target = curlTarget(words, i);
        const foreign = target && !settings.rules.hosts.includes(hostOf(target));
        for (const f of foreign ? notDeepSeeks(body.findings, word.value, target) : body.findings) findings.push(shiftFinding(f, word.inner.start));
        return;
      }
    }
    const s = shellString(word, previous);
    // The URL curl fetches is the request itself (`curl -I https://api.deepseek.com` checks the host is reachable).
    if (s && /^https?:\/\//i.test(s.value) && curlTarget(words, i) === word.value) s.target = "the address curl fetches";
    if (s) strings.push(s);
  });
  markModelsOfOtherServers(strings.flatMap((s) => (s.envName ? [{ name: s.envName, s }] : [])), settings);
  for (const str of strings) {
    const path = str.envName ? pathOnlyRead(src, str.envName) : undefined;
    if (path) str.unknown = `read only as part of a path (\`${path}\`), where it names a folder or file: renaming it would lose what is stored under the old name`;
  }
  findings.push(...configFindings(src, withSiblingLines(src, strings), settings, `where this value is read and the request is sent (${passThroughFor(file, settings)})`));
  for (const c of comments) findings.push(...textMentions(src.slice(c.start, c.end), c.start, settings, "a comment"));
  for (const h of heredocs) findings.push(...heredocFindings(src.slice(h.start, h.end), h.start, file, settings));
  return { findings };
}

/** `OUT="results/$LABEL"`: the variable's reads, when there are some and each is a path segment (a `/` beside it), as the first one reads. */
function pathOnlyRead(src: string, name: string): string | undefined {
  const reads = [...src.matchAll(new RegExp(`\\$(\\{${name}\\}|${name}(?![A-Za-z0-9_]))`, "g"))];
  const pathy = (m: RegExpMatchArray) => src[m.index! - 1] === "/" || src[m.index! + m[0].length] === "/";
  if (reads.length === 0 || !reads.every(pathy)) return undefined;
  const at = reads[0]!.index!;
  const line = src.slice(src.lastIndexOf("\n", at) + 1, src.indexOf("\n", at) === -1 ? undefined : src.indexOf("\n", at));
  return line.trim().split(/\s+/).find((w) => w.includes(reads[0]![0])) ?? reads[0]![0];
}

/**
 * The values one setting takes across a script or a doc block (`--model X` on one command line,
 * `--model Y` on the next; `MODEL=` in two branches) must stay distinct: two commands that differ
 * only by the model (an evaluation over both, a "fast" and a "precise" example) are siblings, so
 * the IDs that would merge are reported as a collision instead of rewritten.
 */
function withSiblingLines(src: string, strings: ConfigString[]): ConfigString[] {
  const byName = new Map<string, ConfigString[]>();
  for (const s of strings) {
    if (s.unknown || (s.key === undefined && s.envName === undefined)) continue;
    // A flag's siblings are the same command's (`python eval.py --model`), not another tool's `--model`.
    const group = s.envName ?? `${commandHead(src, s.start)}\0${s.key}`;
    byName.set(group, [...(byName.get(group) ?? []), s]);
  }
  for (const [group, members] of byName) {
    const name = group.slice(group.indexOf("\0") + 1);
    const list = members;
    if (list.length < 2) continue;
    const siblings = { key: list, what: `values of ${name} on sibling command lines`, values: list.map((g) => g.value) };
    for (const s of list) s.siblings = [...(s.siblings ?? []), siblings];
  }
  return strings;
}

/** The first two words of the command a value sits in (`python eval.py`, `mytool config`). */
function commandHead(src: string, at: number): string {
  const line = src.slice(src.lastIndexOf("\n", at - 1) + 1, at);
  const command = line.split(/;|&&|\|\|?/).pop()!;
  return command.trim().split(/\s+/).slice(0, 2).join(" ");
}

/** The URL a curl command's body goes to, when the command names one literally. */
function curlTarget(words: Word[], at: number): string | undefined {
  let start = at;
  while (start > 0 && words[start]!.value !== "curl") start--;
  if (words[start]?.value !== "curl") return undefined;
  for (let j = start + 1; j < words.length && words[j]!.value !== "curl"; j++) {
    if (/^https?:\/\//i.test(words[j]!.value)) return words[j]!.value;
  }
  return undefined;
}

export function hostOf(url: string): string {
  return /^https?:\/\/([^/?#:\s]+)/i.exec(url)?.[1]?.toLowerCase() ?? "";
}

/**
 * A body sent to another server (the app's own API, localhost, a gateway) is not a DeepSeek
 * request, whatever it holds: its IDs are reported, nothing is written into it.
 */
export function notDeepSeeks(found: RawFinding[], body: string, target: string): RawFinding[] {
  return found.filter((f) => f.edits && f.edits.length > 0 && f.ruleId === RULE_IDS.legacyModelId).map((f) => ({
    ruleId: RULE_IDS.unproven,
    severity: f.severity,
    start: f.start,
    end: f.end,
    message: `${body.slice(f.start, f.end)} is sent to ${target}, which is not DeepSeek's API (that server decides what this name means): not rewritten. ` +
      "If that server forwards it to DeepSeek, migrate its code and this example together.",
  }));
}

/** A heredoc body: a JSON request body (`curl -d @- <<EOF`), else more shell (`cat <<EOF > .env`). */
function heredocFindings(body: string, offset: number, file: string, settings: Settings): RawFinding[] {
  const trimmed = body.trim();
  const asJson = trimmed.startsWith("{") || trimmed.startsWith("[") ? analyzeJson(body, file, settings) : undefined;
  const result = asJson && !asJson.parseError ? asJson : analyzeShell(body, file, settings);
  return result.findings.map((f) => shiftFinding(f, offset));
}

/**
 * A word's role: `NAME=value` (an environment variable, a setting), `key=value`, `--model value`
 * and `set model value` (a setting named by its key, flag or word), anything else an argument
 * whose meaning depends on the command.
 */
function shellString(word: Word, previous: Word | undefined): ConfigString | undefined {
  if (word.assign) {
    const a = word.assign;
    const site = { value: a.value, innerStart: a.start, innerEnd: a.end, start: a.start - a.quote.length, end: a.end + a.quote.length };
    const envVar = !a.dashes && /^[A-Z_][A-Z0-9_]*$/.test(a.name);
    if (a.dashes) return { ...site, kind: "value", unknown: optionOfCommand(`${a.dashes}${a.name}`) };
    return envVar ? { ...site, kind: "value", envName: a.name } : { ...site, kind: "value", key: a.name };
  }
  if (!word.inner) return undefined;
  const inner = word.inner;
  // `"${MODEL:-deepseek-chat}"`: the default is the value used when MODEL is unset, so it is a value like any other.
  const fallback = /^\$\{[A-Za-z_]\w*:?[-=]([^}]*)\}$/.exec(word.value);
  const valueStart = fallback ? inner.start + word.value.length - 1 - fallback[1]!.length : inner.start;
  const site = fallback
    ? { value: fallback[1]!, innerStart: valueStart, innerEnd: valueStart + fallback[1]!.length, start: valueStart, end: valueStart + fallback[1]!.length }
    : { value: word.value, innerStart: inner.start, innerEnd: inner.end, start: word.start, end: word.end };
  // A command's option or `set model X` is the command's to read: what it sends, and whether a
  // thinking mode can reach DeepSeek through it, is unknown (`llm -m` takes its plugins' aliases).
  if (previous && /^--?[A-Za-z][\w-]*$/.test(previous.value)) return { ...site, kind: "value", unknown: optionOfCommand(previous.value) };
  if (previous && MODEL_WORD.test(previous.value)) return { ...site, kind: "value", unknown: `set as \`${previous.value}\` by a command whose meaning ds-migrate does not know` };
  return { ...site, kind: "value", unknown: "passed as an argument of a command whose meaning ds-migrate does not know" };
}

function optionOfCommand(option: string): string {
  return `passed as the \`${option}\` option of a command whose meaning ds-migrate does not know (a command line cannot carry a thinking mode)`;
}

function splitWords(src: string): { words: Word[]; comments: Array<{ start: number; end: number }>; heredocs: Heredoc[] } {
  const words: Word[] = [];
  const comments: Array<{ start: number; end: number }> = [];
  const heredocs: Heredoc[] = [];
  const pending: Array<{ delimiter: string; stripTabs: boolean }> = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === "\\" && (src[i + 1] === "\n" || src[i + 1] === "\r")) {
      i += src[i + 1] === "\r" ? 3 : 2;
      continue;
    }
    if (ch === "\n" && pending.length > 0) {
      i = readHeredocs(src, i + 1, pending.splice(0), heredocs);
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
    const heredoc = /^<<(-?)[ \t]*(['"]?)([A-Za-z_][\w-]*)\2/.exec(src.slice(i, i + 64));
    if (heredoc) {
      pending.push({ delimiter: heredoc[3]!, stripTabs: heredoc[1] === "-" });
      i += heredoc[0].length;
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
    words.push(makeWord(src, start, i, value, quote));
  }
  return { words, comments, heredocs };
}

function makeWord(src: string, start: number, end: number, value: string, quote: string): Word {
  const word: Word = { value, start, end };
  const single = quote !== "" && src[start] === quote && src[end - 1] === quote && value.length === end - start - 2;
  if (single) word.inner = { start: start + 1, end: end - 1, quote };
  else if (quote === "") word.inner = { start, end, quote: "" };
  // `NAME=value`, `NAME="value"`, `--model='value'`: the value is one plain or quoted run.
  const raw = src.slice(start, end);
  const m = /^(--?)?([A-Za-z_][\w.-]*)=(?:(["'])([^"']*)\3|([^"'\s]*))$/.exec(raw);
  if (m) {
    const q = m[3] ?? "";
    const v = m[4] ?? m[5] ?? "";
    const valueStart = start + raw.indexOf("=") + 1 + q.length;
    word.assign = { dashes: m[1] ?? "", name: m[2]!, value: v, start: valueStart, end: valueStart + v.length, quote: q };
  }
  return word;
}

/** Heredoc bodies start on the line after their `<<DELIM`; each ends at a line that is its delimiter. */
function readHeredocs(src: string, at: number, pending: Array<{ delimiter: string; stripTabs: boolean }>, out: Heredoc[]): number {
  let i = at;
  for (const { delimiter, stripTabs } of pending) {
    const start = i;
    for (;;) {
      const lineEnd = src.indexOf("\n", i);
      const line = src.slice(i, lineEnd === -1 ? src.length : lineEnd).replace(/\r$/, "");
      if ((stripTabs ? line.replace(/^\t+/, "") : line) === delimiter) {
        out.push({ start, end: i });
        i = lineEnd === -1 ? src.length : lineEnd + 1;
        break;
      }
      if (lineEnd === -1) {
        out.push({ start, end: src.length });
        return src.length;
      }
      i = lineEnd + 1;
    }
  }
  return i;
}
