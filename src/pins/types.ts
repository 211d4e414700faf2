// The shapes every manager module shares (the Renovate "managers" model): manifest modules
// produce Declared records, lockfile modules produce a Lock to ask for versions.

export type Ecosystem = "npm" | "pypi";

export interface Pin {
  ecosystem: Ecosystem;
  /** Normalised name: npm as-is; PyPI lower-cased with runs of -_. replaced by "-" (PEP 503). */
  name: string;
  /** The exact version that runs: from a lockfile, or from an exact pin (`==1.2.3`, `"1.2.3"`). */
  version?: string;
  /** The declared requirement when no exact version is known (">=0.4,<1", "^1.2.0"). */
  range?: string;
  /** Project-relative path (forward slashes) of the manifest or lockfile that gave it. */
  from: string;
}

/** One dependency as a manifest declares it. */
export interface Declared {
  /** Normalised as in Pin.name. */
  name: string;
  /** Set when the manifest pins one exact version. */
  version?: string;
  /** npm: the range as written; PyPI: a PEP 440 specifier (poetry's ^/~ translated). Absent = any. */
  range?: string;
  /** Absolute path of the file the record came from (an included requirements file, a constraints file). */
  file: string;
}

export interface LockQuery {
  name: string;
  range?: string;
  /** The manifest's folder relative to the lockfile's, forward slashes; "" = the lockfile's own folder. */
  importer: string;
}

export interface Lock {
  /** Whether this lockfile resolves the project in `importer` (a workspace member, or its own folder). */
  covers(importer: string): boolean;
  /** The locked version for that project, if the lockfile has one. */
  version(query: LockQuery): string | undefined;
}

/** A manifest reader: the file's text and absolute path; `read` gives other files (includes), cached. */
export type Extract = (content: string, file: string, read: (file: string) => string | undefined) => Declared[];

/** A lockfile reader; undefined when the text cannot be parsed. */
export type ParseLock = (content: string) => Lock | undefined;
