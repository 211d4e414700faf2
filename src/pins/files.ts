// Reads below the project root only, each file and folder listing at most once, parses memoised.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isInside } from "./paths.js";

export class Files {
  private readonly texts = new Map<string, string | undefined>();
  private readonly folders = new Map<string, ReadonlySet<string>>();
  private readonly parses = new Map<string, unknown>();

  constructor(readonly root: string) {}

  /** The file's text; undefined when it is missing, unreadable or above the root. */
  readonly read = (file: string): string | undefined => {
    if (!this.texts.has(file)) this.texts.set(file, isInside(this.root, file) ? readText(file) : undefined);
    return this.texts.get(file);
  };

  /** Entry names of a folder (empty when missing). */
  names(dir: string): ReadonlySet<string> {
    let names = this.folders.get(dir);
    if (!names) {
      names = isInside(this.root, dir) ? listNames(dir) : new Set();
      this.folders.set(dir, names);
    }
    return names;
  }

  has(dir: string, name: string): boolean {
    return this.names(dir).has(name);
  }

  /** `parse` of the file's text, once per `kind`; undefined when the file is missing or the parser throws. */
  parsed<T>(kind: string, file: string, parse: (content: string) => T): T | undefined {
    const key = `${kind}\0${file}`;
    if (!this.parses.has(key)) this.parses.set(key, parseSafely(this.read(file), parse));
    return this.parses.get(key) as T | undefined;
  }

  /** Project-relative, forward slashes. */
  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join("/");
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, ""); // editors on Windows may write a BOM
  } catch {
    return undefined;
  }
}

function listNames(dir: string): ReadonlySet<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}

function parseSafely<T>(content: string | undefined, parse: (content: string) => T): T | undefined {
  if (content === undefined) return undefined;
  try {
    return parse(content);
  } catch {
    return undefined;
  }
}
