// Format parsers behind one contract: the parsed value, or undefined when the text is not valid.
import { parse as parseJsoncText, type ParseError } from "jsonc-parser";
import { getStaticTOMLValue, parseTOML } from "toml-eslint-parser";
import { parse as parseYamlText } from "yaml";

export type Table = Record<string, unknown>;

export function parseToml(text: string): Table | undefined {
  try {
    return getStaticTOMLValue(parseTOML(text)) as Table;
  } catch {
    return undefined;
  }
}

/** JSON and JSONC (bun.lock has comments and trailing commas); any syntax error rejects the file. */
export function parseJsonc(text: string): Table | undefined {
  const errors: ParseError[] = [];
  const value: unknown = parseJsoncText(text, errors, { allowTrailingComma: true });
  return errors.length === 0 ? table(value) : undefined;
}

export function parseYaml(text: string): Table | undefined {
  try {
    return table(parseYamlText(text, { uniqueKeys: false }));
  } catch {
    return undefined;
  }
}

export function table(value: unknown): Table | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Table) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Entries of a table that may be missing. */
export function entries(value: unknown): Array<[string, unknown]> {
  return Object.entries(table(value) ?? {});
}
