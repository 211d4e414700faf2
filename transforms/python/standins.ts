// Valid Python that @lezer/python 1.1 rejects, rewritten for the parser into text of the same
// length, so every offset is still the source's (readers read the source itself, never this text).
// Only used when the source itself does not parse: a file lezer accepts is parsed as written.
// Found by parsing the standard library and test suite of CPython 3.8–3.13; none of these spans
// holds a model value a reader would miss.

interface Token {
  kind: "name" | "number" | "string" | "op" | "comment" | "newline";
  from: number;
  to: number;
  text: string;
  /** For f-strings: the replacement fields' format specs, as spans. */
  specs?: [number, number][];
  /** For f-strings: the replacement fields' expressions, as spans. */
  fields?: [number, number][];
}

const OPERATOR = /\*\*=?|\/\/=?|>>=?|<<=?|:=|->|[=!<>]=|\.\.\.|[-+*/%&|^@]=|[^\s\w]/y;
const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]*/uy;
const NUMBER = /0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d[\d_]*)?[jJ]?/y;
const STRING_START = /([rRbBuUfF]{0,2})('''|"""|'|")/y;

/** Python tokens, brackets and all; newlines only where they end a logical line. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let at = 0;
  while (at < src.length) {
    const ch = src[at]!;
    if (ch === "\n") {
      if (depth === 0) tokens.push({ kind: "newline", from: at, to: at + 1, text: "\n" });
      at++;
    } else if (ch === "\\" && /^\r?\n/.test(src.slice(at + 1, at + 3))) at += src[at + 1] === "\r" ? 3 : 2;
    else if (/\s/.test(ch)) at++;
    else if (ch === "#") {
      const end = lineEnd(src, at);
      tokens.push({ kind: "comment", from: at, to: end, text: src.slice(at, end) });
      at = end;
    } else {
      const token = stringAt(src, at) ?? match(NUMBER, "number", src, at) ?? match(NAME, "name", src, at) ?? match(OPERATOR, "op", src, at)!;
      if (token.kind === "op" && "([{".includes(token.text)) depth++;
      if (token.kind === "op" && ")]}".includes(token.text)) depth = Math.max(0, depth - 1);
      tokens.push(token);
      at = token.to;
    }
  }
  return tokens;
}

function lineEnd(src: string, at: number): number {
  const end = src.indexOf("\n", at);
  return end === -1 ? src.length : end;
}

function match(pattern: RegExp, kind: Token["kind"], src: string, at: number): Token | undefined {
  pattern.lastIndex = at;
  const found = pattern.exec(src);
  if (!found || found[0] === "") return undefined;
  return { kind, from: at, to: at + found[0].length, text: found[0] };
}

/** A string literal at `at`, f-strings with their nested fields (PEP 701 quotes too). */
function stringAt(src: string, at: number): Token | undefined {
  STRING_START.lastIndex = at;
  const start = STRING_START.exec(src);
  if (!start) return undefined;
  const prefix = start[1]!.toLowerCase();
  const parts: Parts = { specs: [], fields: [] };
  const to = stringEnd(src, at + start[0].length, start[2]!, prefix.includes("f"), parts);
  return { kind: "string", from: at, to, text: src.slice(at, to), ...parts };
}

interface Parts {
  specs: [number, number][];
  fields: [number, number][];
}

function stringEnd(src: string, at: number, quote: string, formatted: boolean, parts: Parts): number {
  while (at < src.length) {
    if (src.startsWith(quote, at)) return at + quote.length;
    const ch = src[at]!;
    if (ch === "\n" && quote.length === 1) return at;
    // In an f-string a backslash does not escape a brace: `{` still opens a field.
    if (ch === "\\") at += formatted && /[{}]/.test(src[at + 1] ?? "") ? 1 : 2;
    else if (formatted && ch === "{" && src[at + 1] === "{") at += 2;
    else if (formatted && ch === "{") at = fieldEnd(src, at + 1, parts);
    else at++;
  }
  return src.length;
}

/** The end of an f-string replacement field that starts at `at` (after its `{`). */
function fieldEnd(src: string, at: number, parts: Parts): number {
  const from = at;
  let depth = 0;
  while (at < src.length) {
    const ch = src[at]!;
    const string = /['"]/.test(ch) ? stringAt(src, at) : undefined;
    if (string) at = string.to;
    else if ("([{".includes(ch)) (depth++, at++);
    else if (")]".includes(ch)) (depth--, at++);
    else if (ch === "}" && depth === 0) return (parts.fields.push([from, at]), at + 1);
    else if (ch === "}") (depth--, at++);
    else if (ch === ":" && depth === 0) return (parts.fields.push([from, at]), specEnd(src, at + 1, parts));
    else at++;
  }
  return src.length;
}

function specEnd(src: string, at: number, parts: Parts): number {
  const from = at;
  while (at < src.length && src[at] !== "}" && src[at] !== "\n") {
    if (src[at] === "{") at = fieldEnd(src, at + 1, parts);
    else at++;
  }
  parts.specs.push([from, at]);
  return Math.min(at + 1, src.length);
}

/** Where brackets nest deeper than Python allows (200: "too many nested parentheses"), if they do. */
export function nestedTooDeep(src: string): number | undefined {
  let depth = 0;
  for (const token of tokenize(src)) {
    if (token.kind !== "op") continue;
    if ("([{".includes(token.text) && ++depth > 200) return token.from;
    if (")]}".includes(token.text)) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** +1 for an opening bracket token, -1 for a closing one, 0 for anything else. */
function nesting(token: Token): number {
  if (token.kind !== "op" || token.text.length !== 1) return 0;
  return "([{".includes(token.text) ? 1 : ")]}".includes(token.text) ? -1 : 0;
}

/** Logical lines: the tokens between two newlines at bracket depth 0, comments left out. */
function logicalLines(tokens: Token[]): Token[][] {
  const lines: Token[][] = [];
  let line: Token[] = [];
  for (const token of tokens) {
    if (token.kind === "newline") {
      if (line.length > 0) lines.push(line);
      line = [];
    } else if (token.kind !== "comment") line.push(token);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** The text lezer is given in place of a source it rejects; same length, same line breaks where they matter. */
export function standIns(src: string): string {
  const out = src.split("");
  const blank = (from: number, to: number, first = " ") => {
    for (let i = from; i < to; i++) out[i] = i === from ? first : " ";
  };
  const tokens = tokenize(src);
  const comments = tokens.filter((t) => t.kind === "comment");
  for (const token of tokens) standInToken(token, src, blank);
  for (const line of logicalLines(tokens)) standInLine(line, comments, blank, out);
  return out.join("")
    // A form feed at a line's start is whitespace to Python (PEP 8 page breaks), not to lezer.
    .replace(/^\f+/gm, (feeds) => " ".repeat(feeds.length))
    // `20.`: a float with no digits after the dot (in f-string fields too, so not by token).
    .replace(/(?<![\w.])(\d[\d_]*)\.(?![\w.])/g, "$10")
    // An indented blank last line with no newline: lezer wants a dedent there; a comment at column 0 is the same to Python.
    .replace(/\n[ \t]+$/, (tail) => `\n#${" ".repeat(tail.length - 2)}`);
}

type Blank = (from: number, to: number, first?: string) => void;

function standInToken(token: Token, src: string, blank: Blank): void {
  if (token.kind !== "string" || !token.specs || !token.fields) return;
  // Format specs (`f'{x:=10}'`) are text lezer need not read.
  for (const [from, to] of token.specs) if (!src.slice(from, to).includes("{")) blank(from, to);
  // `f'{yield x}'`: a yield lezer does not take inside a field; one name of the same length.
  for (const [from, to] of token.fields) if (/^\s*yield\b/.test(src.slice(from, to))) for (let at = from; at < to; at++) blank(at, at + 1, "_");
  // A raw f-string's backslash before a brace is a literal character, not an escape.
  if (/^[a-z]*r/i.test(token.text) && /^[a-z]*f/i.test(token.text)) {
    for (let i = token.from; i < token.to; i++) if (src[i] === "\\" && /[{}]/.test(src[i + 1] ?? "")) blank(i, i + 1, "_");
  }
}

function standInLine(line: Token[], comments: Token[], blank: Blank, out: string[]): void {
  const first = line[0]!.kind === "name" && line[0]!.text === "async" ? 1 : 0;
  const head = line[first]!;
  if (head.kind === "name" && head.text === "with") standInWith(line.slice(first + 1), comments, blank);
  if (head.kind === "name" && head.text === "case" && isSoftKeywordHeader(line)) standInCase(line, blank);
  if (head.kind === "name" && (head.text === "match" || head.text === "case") && isSoftKeywordHeader(line)) trailingComma(line, blank);
  if (head.kind === "name" && head.text === "match" && isSoftKeywordHeader(line)) subjectTuple(line, blank);
  if (head.kind === "op" && head.text === "@" && !isDottedCall(line.slice(1))) blank(line[1]?.from ?? head.to, line[line.length - 1]!.to, "_");
  // `print >> f, x` is an expression in Python 3 (a tuple); lezer takes `print` for Python 2's statement.
  if (head.kind === "name" && head.text === "print" && line[1]?.kind === "op" && !["(", "="].includes(line[1].text)) for (let i = head.from; i < head.to; i++) out[i] = out[i]!.toUpperCase();
  const last = line[line.length - 1]!;
  if (last.kind === "name" && last.text === "yield") bareYield(last, out);
  if (head.kind === "name" && ["def", "class", "type"].includes(head.text)) typeParamDefaults(line.slice(first), blank);
  standInStars(line, blank);
  standInLambdas(line, blank);
}

/** `def f[T = int]()`, `class C[T: str = "a"]` (PEP 696): the defaults are blanked. */
function typeParamDefaults(line: Token[], blank: Blank): void {
  if (line[1]?.kind !== "name" || line[2]?.text !== "[") return;
  const close = closing(line, 2);
  let depth = 0;
  let start = -1;
  for (let i = 3; i <= close; i++) {
    const text = line[i]!.kind === "op" ? line[i]!.text : "";
    if (depth === 0 && text === "=") start = i;
    if (depth === 0 && (text === "," || i === close) && start !== -1) {
      blank(line[start]!.from, line[i - 1]!.to);
      start = -1;
    }
    depth += nesting(line[i]!);
  }
}

/** A bare `yield` before a comment: lezer wants an operand there; give it a name of the same length. */
function bareYield(yieldToken: Token, out: string[]): void {
  let at = yieldToken.to;
  while (out[at] === " " || out[at] === "\t") at++;
  if (out[at] === "#" && at > yieldToken.to) out[yieldToken.to] = "0";
}

/** Index of the bracket closing the one at `open`, within `line`. */
function closing(line: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    if (line[i]!.kind !== "op") continue;
    depth += nesting(line[i]!);
    if (nesting(line[i]!) < 0 && depth === 0) return i;
  }
  return line.length - 1;
}

/** Everything between two tokens that is not a string: newlines, comments, continuations. */
function blankGaps(tokens: Token[], comments: Token[], blank: Blank): void {
  for (let i = 1; i < tokens.length; i++) blank(tokens[i - 1]!.to, tokens[i]!.from);
  const from = tokens[0]!.from;
  const to = tokens[tokens.length - 1]!.to;
  for (const comment of comments) if (comment.from > from && comment.to < to) blank(comment.from, comment.to);
}

/** `with (a() as b,\n c() as d):` and `as` targets that are tuples, attributes or subscripts. */
function standInWith(items: Token[], comments: Token[], blank: Blank): void {
  if (items[0]?.text === "(") {
    const close = closing(items, 0);
    const inner = items.slice(1, close);
    if (items[close + 1]?.text === ":" && atDepthZero(inner).some((t) => t.text === "as")) {
      blankGaps(items.slice(0, close + 1), comments, blank);
      blank(items[0]!.from, items[0]!.to);
      blank(items[close]!.from, items[close]!.to);
      const last = inner[inner.length - 1];
      if (last?.text === ",") blank(last.from, last.to);
      items = inner;
    }
  }
  for (let i = 0; i < items.length; i++) {
    if (items[i]!.text !== "as" || items[i]!.kind !== "name") continue;
    const target = targetAfter(items, i + 1);
    if (target.length <= 1) continue;
    if (target[0]!.text === "(" || target[0]!.text === "[") {
      blankGaps(target, comments, blank);
      blank(target[0]!.from, target[0]!.to);
      blank(target[target.length - 1]!.from, target[target.length - 1]!.to);
      const inner = target.slice(1, -1);
      for (const element of elements(inner)) if (element.length > 1) asOneName(element, blank);
      const last = inner[inner.length - 1];
      if (last?.kind === "op" && last.text === ",") blank(last.from, last.to);
    } else asOneName(target, blank);
  }
}

/** `as self.x`, `as targets[1][0]`: one name of the same length. */
function asOneName(target: Token[], blank: Blank): void {
  for (let at = target[0]!.from; at < target[target.length - 1]!.to; at++) blank(at, at + 1, "_");
}

/** A tuple's elements: its tokens split at the commas of its own depth. */
function elements(tokens: Token[]): Token[][] {
  const result: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    const text = token.kind === "op" ? token.text : "";
    if (depth === 0 && text === ",") result.push([]);
    else result[result.length - 1]!.push(token);
    depth += nesting(token);
  }
  return result.filter((element) => element.length > 0);
}

/** The tokens of a `with` target: up to a `,`, `:` or `)` at its own depth. */
function targetAfter(items: Token[], start: number): Token[] {
  let depth = 0;
  let end = start;
  for (; end < items.length; end++) {
    const text = items[end]!.kind === "op" ? items[end]!.text : "";
    if (depth === 0 && (text === "," || text === ":" || text === ")")) break;
    depth += nesting(items[end]!);
  }
  return items.slice(start, end);
}

function atDepthZero(tokens: Token[]): Token[] {
  let depth = 0;
  return tokens.filter((t) => {
    const step = nesting(t);
    depth += step;
    return step === 0 ? depth === 0 : step < 0 && depth < 0;
  });
}

/** `case …:` or `match …:`, not a variable of that name (`case = 1`, `match.x`, `case(x)` as a call). */
function isSoftKeywordHeader(line: Token[]): boolean {
  const next = line[1];
  if (!next || (next.kind === "op" && !["(", "[", "{", "-", "*", "..."].includes(next.text))) return false;
  return atDepthZero(line.slice(1)).some((t) => t.text === ":");
}

/** Class patterns with no arguments (`case Foo():`) and empty sequence or mapping patterns. */
function standInCase(line: Token[], blank: Blank): void {
  const pattern = patternOf(line);
  // A mapping key that is a dotted name (`{Keys.KEY: y}`): one name of the same length.
  for (let i = 3; i < pattern.length; i++) {
    if (pattern[i]!.text !== ":" || pattern[i]!.kind !== "op") continue;
    let start = i - 1;
    while (start >= 2 && pattern[start - 1]!.text === "." && pattern[start - 2]!.kind === "name") start -= 2;
    if (start < i - 1 && pattern[start]!.kind === "name") asOneName(pattern.slice(start, i), blank);
  }
  for (let i = 1; i < pattern.length - 1; i++) {
    const open = pattern[i]!;
    const close = pattern[i + 1]!;
    if (open.kind !== "op" || close.kind !== "op" || !["()", "[]", "{}"].includes(open.text + close.text)) continue;
    if (open.text === "(" && pattern[i - 1]?.kind === "name" && i > 1) blank(open.from, close.to);
    else (blank(open.from, open.to), blank(close.from, close.to, "_"));
  }
}

/** A case header's tokens up to its guard or its colon. */
function patternOf(line: Token[]): Token[] {
  let depth = 0;
  for (let i = 1; i < line.length; i++) {
    const text = line[i]!.kind === "op" ? line[i]!.text : "";
    if (depth === 0 && (text === ":" || (line[i]!.kind === "name" && line[i]!.text === "if"))) return line.slice(0, i);
    depth += nesting(line[i]!);
  }
  return line;
}

/** `match x,:` and `case y,:`: a one-element tuple lezer does not take there. */
function trailingComma(line: Token[], blank: Blank): void {
  const colon = line.indexOf(atDepthZero(line).find((t) => t.text === ":")!);
  const comma = line[colon - 1];
  if (colon > 1 && comma?.text === "," && comma.kind === "op") blank(comma.from, comma.to);
}

/** `match w, x:` and `match w := x:`: subjects lezer does not take; the commas and `:=` become an operator. */
function subjectTuple(line: Token[], blank: Blank): void {
  const top = atDepthZero(line);
  const colon = top.findIndex((t) => t.text === ":");
  if (colon === -1) return;
  for (const op of top.slice(1, colon - 1)) if (op.kind === "op" && (op.text === "," || op.text === ":=")) blank(op.from, op.to, "+");
}

/** A decorator lezer takes: a dotted name, optionally called. */
function isDottedCall(rest: Token[]): boolean {
  if (rest[0]?.kind !== "name") return false;
  let i = 1;
  while (rest[i]?.text === "." && rest[i + 1]?.kind === "name") i += 2;
  return i === rest.length || (rest[i]!.text === "(" && closing(rest, i) === rest.length - 1);
}

/**
 * `*Ts` in a subscript or an annotation (PEP 646), `*rest` in a comprehension's target and
 * `for x in *a, *b:`: the star is dropped.
 */
function standInStars(line: Token[], blank: Blank): void {
  const brackets: string[] = [];
  let inTarget = false;
  const forStatement = line[0]!.text === "for" || (line[0]!.text === "async" && line[1]?.text === "for");
  for (let i = 0; i < line.length; i++) {
    const token = line[i]!;
    if (token.kind === "name" && token.text === "for") inTarget = true;
    // `for x in *a, *b:`: the iterable of a for statement takes stars too.
    if (token.kind === "name" && token.text === "in") inTarget = forStatement && brackets.length === 0;
    if (token.kind !== "op") continue;
    if ("([{".includes(token.text)) brackets.push(token.text);
    else if (")]}".includes(token.text)) brackets.pop();
    if (token.text !== "*") continue;
    const previous = line[i - 1]?.text ?? "";
    const operand = line[i + 1]?.kind === "name" || line[i + 1]?.text === "(";
    const unary = /^([[(,:]|in|for)$/.test(previous);
    if (token.text === "*" && operand && unary && (brackets[brackets.length - 1] === "[" || inTarget || /^(:|in)$/.test(previous))) blank(token.from, token.to);
  }
}

/** `lambda a, /, b: …` and `lambda a,: …`: the positional-only marker and a trailing comma. */
function standInLambdas(line: Token[], blank: Blank): void {
  for (let i = 0; i < line.length; i++) {
    if (line[i]!.kind !== "name" || line[i]!.text !== "lambda") continue;
    let depth = 0;
    let end = i + 1;
    for (; end < line.length; end++) {
      const text = line[end]!.kind === "op" ? line[end]!.text : "";
      if (depth === 0 && text === ":") break;
      depth += nesting(line[end]!);
    }
    const kept = line.slice(i + 1, end);
    const slash = kept.findIndex((t) => t.kind === "op" && t.text === "/");
    if (slash !== -1) kept.splice(slash, kept[slash + 1]?.text === "," ? 2 : 1).forEach((t) => blank(t.from, t.to));
    const last = kept[kept.length - 1];
    if (last?.kind === "op" && last.text === ",") blank(last.from, last.to);
  }
}
