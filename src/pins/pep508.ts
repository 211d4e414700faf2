// PEP 508 requirement strings, as far as pins need them: name, version specifier, direct URL.
export interface Requirement {
  name: string;
  /** The specifier without spaces (">=0.4,<1"); "" when none (any version, or a direct URL). */
  specifier: string;
}

const HEAD = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/s;

export function parseRequirement(line: string): Requirement | undefined {
  const m = HEAD.exec(line.trim());
  if (!m) return undefined;
  // Environment markers are ignored: the pin is the same whichever interpreter runs.
  let rest = (m[2] ?? "").split(";")[0].trim();
  if (rest.startsWith("@")) return { name: m[1], specifier: "" };
  rest = rest.replace(/^\((.*)\)$/s, "$1").trim();
  if (rest !== "" && !/^[<>=!~]/.test(rest)) return undefined;
  return { name: m[1], specifier: rest.replace(/\s+/g, "") };
}
