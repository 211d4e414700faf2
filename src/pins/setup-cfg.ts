// setup.cfg (setuptools): [options] install_requires and [options.extras_require], INI with indented continuations.
import { requirementList } from "./pyproject.js";
import type { Extract } from "./types.js";

export const extractSetupCfg: Extract = (content, file) => {
  const sections = iniSections(content);
  const values = [sections.get("options")?.get("install_requires"), ...(sections.get("options.extras_require")?.values() ?? [])];
  return requirementList(values.flatMap((v) => (v === undefined ? [] : listSemi(v))), file);
};

/** setuptools' "list-semi": one requirement per line, or `;`-separated on a single line. */
function listSemi(value: string): string[] {
  const lines = value.split("\n").map((l) => l.replace(/(^|\s)#.*$/, "").trim());
  const items = value.includes("\n") ? lines : lines.flatMap((l) => l.split(";"));
  return items.filter((l) => l !== "");
}

function iniSections(content: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const line of content.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(line)) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    const pair = /^([^\s=:][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (header) {
      section = new Map();
      sections.set(header[1].trim(), section);
      key = undefined;
    } else if (/^\s/.test(line) && section && key !== undefined) {
      section.set(key, `${section.get(key)}\n${line.trim()}`);
    } else if (pair && section) {
      key = pair[1].trim();
      section.set(key, pair[2]);
    }
  }
  return sections;
}
