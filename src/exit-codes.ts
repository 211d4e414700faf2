// Every exit code in one place.
export const EXIT = {
  /** migrate: every file processed; check: no error-severity finding. */
  ok: 0,
  /** migrate: a file could not be read, parsed or written; check: an error-severity finding remains. */
  findingsOrFileErrors: 1,
  /** A usage or input error: bad option, missing path, invalid config, refused write. */
  usage: 2,
} as const;
