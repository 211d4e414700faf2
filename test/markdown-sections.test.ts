// transforms/markdown/sections.ts cuts a document so only the parts naming DeepSeek are
// parsed. The cut is only sound if each part parses to the same code, text, inline code and
// HTML nodes, at the same offsets, as the whole document does: that is what is checked here,
// on every Markdown fixture and on documents built to break a careless cut.
import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { fromMarkdown } from "mdast-util-from-markdown";
import { describe, expect, it } from "vitest";
import { topLevelSections } from "../transforms/markdown/sections.js";

interface MdNode {
  type: string;
  lang?: string | null;
  position?: { start: { offset?: number; column: number }; end: { offset?: number } };
  children?: MdNode[];
}

/** What analyzeMarkdown reads of a tree: each leaf it looks at, with its absolute place. */
function leaves(tree: MdNode, base: number): string[] {
  const out: string[] = [];
  const visit = (node: MdNode): void => {
    if (["code", "text", "inlineCode", "html"].includes(node.type)) {
      out.push(`${node.type}:${base + node.position!.start.offset!}-${base + node.position!.end.offset!}:${node.position!.start.column}:${node.lang ?? ""}`);
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return out;
}

function cutLeaves(src: string): string[] {
  return topLevelSections(src).flatMap(({ start, end }) => leaves(fromMarkdown(src.slice(start, end)) as MdNode, start));
}

const TRICKY: Record<string, string> = {
  "a fence with a blank line and unindented text inside": "Intro\n\n```python\nx = 1\n\nmodel = \"deepseek-chat\"\n```\n\nAfter\n",
  "a longer fence closed only by a fence as long": "````md\n```\n\nnot closed yet\n```\n\nstill code\n````\n\nprose deepseek-chat\n",
  "a tilde fence holding backticks": "~~~\n```\n\ntext\n~~~\n\nafter\n",
  "an HTML comment across blank lines": "<!--\nhidden\n\n# not a heading\n-->\n\nvisible `deepseek-chat`\n",
  "a script block across blank lines": "<script>\nconst a = 1;\n\nlet b = 'deepseek-chat';\n</script>\n\ntext\n",
  "a loose list with a fence in an item": "- one\n\n  ```js\n  x\n\n  y\n  ```\n\n- two `deepseek-reasoner`\n\nend\n",
  "a list item opening a fence on its marker line": "- ```js\n  a\n\n  b\n  ```\n\nplain\n",
  "a block quote across a blank line": "> quoted\n\n> again deepseek-chat\n\nafter\n",
  "an indented code block": "text\n\n    code line\n\n    more code\n\ntext again\n",
  "setext and thematic breaks": "Title\n=====\n\n---\n\nSub\n---\n\n***\n\npara\n",
  "CRLF line endings": "a\r\n\r\n```py\r\nx\r\n\r\ny\r\n```\r\n\r\nb\r\n",
  "a fence never closed": "para\n\n```js\nconst a = 1;\n\nconst b = 2;\n",
  "inline HTML and a table of components": "| a | b |\n|---|---|\n| <X size={1} /> | `deepseek-chat` |\n\n<Note>\n\ninside\n\n</Note>\n",
};

describe("markdown sections", () => {
  for (const [name, src] of Object.entries(TRICKY)) {
    it(`cuts without changing what is read: ${name}`, () => {
      expect(cutLeaves(src)).toEqual(leaves(fromMarkdown(src) as MdNode, 0));
    });
  }

  it("cuts without changing what is read: every Markdown fixture", () => {
    const files = fg.sync(["fixtures/**/*.{md,mdx,mdc}"], { cwd: new URL("..", import.meta.url).pathname, absolute: true });
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const src = readFileSync(file, "utf8");
      expect(cutLeaves(src), file).toEqual(leaves(fromMarkdown(src) as MdNode, 0));
    }
  });

  it("cuts a document of paragraphs at each one, and never inside a fence", () => {
    const src = "one\n\ntwo\n\n```\nthree\n\nfour\n```\n\nfive\n";
    expect(topLevelSections(src).map(({ start, end }) => src.slice(start, end))).toEqual(["one\n\n", "two\n\n", "```\nthree\n\nfour\n```\n\n", "five\n"]);
  });

  it("does not cut a document with a link reference definition, nor inside front matter", () => {
    expect(topLevelSections("[a]: https://x\n\ntext [a]\n")).toHaveLength(1);
    const matter = "---\ntitle: x\n\nmodel: y\n---\n\nbody\n";
    expect(topLevelSections(matter, matter.indexOf("\n\nbody") + 1).map((s) => s.start)).toEqual([0, matter.indexOf("body")]);
  });
});
