// Top-level blocks of a Markdown document, so only the parts that name DeepSeek are parsed.
// A line that starts at column 0 right after a blank line begins a top-level block in
// CommonMark wherever the document is cut there: the blank line or the unindented line has
// ended every open block (paragraphs, list items, block quotes, indented code, HTML blocks
// of types 6 and 7), except a fenced code block or an HTML block of types 1 to 5, which only
// their own end marker closes; those two are followed line by line below. Cutting a loose
// list there makes two lists, with the same text at the same offsets. Link reference
// definitions reach across blocks, so a document with one is not cut.

export interface Section {
  start: number;
  end: number;
}

// An opening fence at up to three spaces, after list markers (`- ```js` opens one inside the item).
const FENCE_OPEN = /^ {0,3}(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)$/;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;
/** HTML blocks that run to an end marker (CommonMark types 1 to 5): start test and end test. */
const HTML_BLOCKS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** The document cut before each unindented line that follows a blank line, from `from` on (after front matter); one section when it cannot be cut safely. */
export function topLevelSections(src: string, from = 0): Section[] {
  if (DEFINITION.test(src)) return [{ start: 0, end: src.length }];
  const sections: Section[] = [];
  let start = 0;
  let fenceClose: RegExp | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = true;
  let at = 0;
  while (at < src.length) {
    const newline = src.indexOf("\n", at);
    const lineEnd = newline === -1 ? src.length : newline;
    const line = src.slice(at, lineEnd).replace(/\r$/, "");
    if (fenceClose) {
      if (fenceClose.test(line)) fenceClose = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      if (previousBlank && at > start && at >= from && /^\S/.test(line)) {
        sections.push({ start, end: at });
        start = at;
      }
      const open = FENCE_OPEN.exec(line);
      // A backtick fence's info string holds no backtick (else the line is inline code).
      if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) fenceClose = new RegExp(`^ {0,3}${open[1]![0]}{${open[1]!.length},}[ \\t]*$`);
      else {
        const html = HTML_BLOCKS.find(([begin]) => begin.test(line));
        if (html && !html[1].test(line)) htmlEnd = html[1];
      }
    }
    previousBlank = /^[ \t]*$/.test(line);
    at = lineEnd + 1;
  }
  sections.push({ start, end: src.length });
  return sections;
}
