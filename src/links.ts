// Cross-module linking: answers "what does `import { X } from './y'` hold?" from the
// exports the first pass found, following relative paths, tsconfig `paths` aliases, workspace
// package names (src/workspaces.ts),
// barrels (`export * from`, `export { X } from`), CommonJS `require` and Python
// `from x import Y` / `import x`. Only files on an import chain are ever read here.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ExportedId, ExternalUse, ImportedId, LinkKeys, ModuleLinks, ParamSink, RemoteArg, SinkState } from "./findings.js";
import { toPosix } from "./posix.js";
import { entryCandidates, workspacePackage, workspacePackageName, workspaceRoot } from "./workspaces.js";
import { commonSubstring, findNeedles, scanChunks } from "./prefilter.js";

const JS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const MAX_HOPS = 8;
// `from "x"`, `import "x"`, `import("x")`, `require("x")`: a module's static imports, read as text.
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'`])([^"'`\n]+)\1/g;
const COMPUTED_IMPORT = /\b(?:require|import)\s*\(\s*(?![\s"'`)])/;

interface PathAliases {
  baseDir: string;
  paths: Record<string, string[]>;
}

export class Linker implements ModuleLinks {
  /** Definitions some other module's request used: they need no "set the mode" note. */
  readonly usedDefinitions = new Set<string>();
  /** Definition ("file:line:column") → uses elsewhere as a name or that cannot be followed. */
  readonly vetoes = new Map<string, ExternalUse[]>();
  /** Definition → the modules whose requests took a mode from it. */
  readonly usedBy = new Map<string, Set<string>>();
  /** The module being analysed (set by the engine before each file of the linking pass). */
  current = "";
  /** Absolute path of each module → its parameters that reach a request (see ParamSink). */
  readonly sinksByFile = new Map<string, ParamSink[]>();
  /** "file:line:param" of a sink → what each call in another module passes ("at" → arg). */
  private readonly args = new Map<string, Map<string, RemoteArg>>();
  /** Set once every importer has been analysed: sink states are final from then on. */
  callersKnown = false;
  private readonly aliasCache = new Map<string, PathAliases | undefined>();
  private readonly barrelCache = new Map<string, Array<{ source: string; names: Map<string, string> | "*" }>>();

  constructor(
    private readonly cwd: string,
    /** Absolute path of each module with exports → its exports. */
    private readonly exportsByFile: Map<string, ExportedId[]>,
    /** Unsaved editor text by absolute path, read instead of the file (src/lsp). */
    private readonly overlay?: ReadonlyMap<string, string>,
  ) {}

  lookup(fromFile: string, specifier: string, name: string): ImportedId | undefined {
    const from = path.resolve(this.cwd, fromFile);
    return this.find(from, specifier, name, 0);
  }

  /** With --context: files read for linking only, never written (so no change may depend on editing them). */
  readOnly?: (rel: string) => boolean;

  used(id: ImportedId): void {
    const key = `${id.file}:${id.line}:${id.column}`;
    // The definition would move while the request that takes its mode from it cannot: both stay.
    if (this.readOnly && this.readOnly(this.current) !== this.readOnly(id.file)) {
      const why = `used by a request in ${this.current}, which this run only reads (--context); migrate both files together`;
      const list = this.vetoes.get(key) ?? [];
      if (!list.some((u) => u.why === why)) this.vetoes.set(key, [...list, { kind: "unknown", why }]);
    }
    this.usedDefinitions.add(key);
    this.usedBy.set(key, new Set([...(this.usedBy.get(key) ?? []), this.current]));
  }

  veto(id: ImportedId, kind: ExternalUse["kind"], why: string, fromFile: string, line: number, column: number, advice?: string): void {
    const key = `${id.file}:${id.line}:${id.column}`;
    const list = this.vetoes.get(key) ?? [];
    const text = `${why} (in ${fromFile}:${line}:${column})`;
    if (!list.some((u) => u.why === text)) list.push(advice ? { kind, why: text, advice } : { kind, why: text });
    this.vetoes.set(key, list);
    this.vetoesFrom.set(fromFile, [...(this.vetoesFrom.get(fromFile) ?? []), { key, text }]);
  }

  private readonly vetoesFrom = new Map<string, Array<{ key: string; text: string }>>();

  /**
   * A module analysed again replaces what it said before: a use reported while its callee's
   * callers were still unknown ("not known yet") must not hold the definition once they are.
   */
  forget(fromFile: string): void {
    for (const { key, text } of this.vetoesFrom.get(fromFile) ?? []) {
      const list = (this.vetoes.get(key) ?? []).filter((u) => u.why !== text);
      if (list.length > 0) this.vetoes.set(key, list);
      else this.vetoes.delete(key);
    }
    this.vetoesFrom.delete(fromFile);
  }

  externalUses(file: string, line: number, column: number): ExternalUse[] {
    return this.vetoes.get(`${file}:${line}:${column}`) ?? [];
  }

  /** Module-level names holding DeepSeek's bare host, by module (TransformResult.baseUrls). */
  readonly baseUrlsByFile = new Map<string, string[]>();
  /** How importers read each of them (`file:name`): as a client's base URL, or otherwise. */
  private readonly baseUrlReads = new Map<string, { asBase: number; other: number }>();

  isBaseUrlExport(fromFile: string, specifier: string, name: string): boolean {
    return this.baseUrlNamesOf(fromFile, specifier).includes(name);
  }

  baseUrlNamesOf(fromFile: string, specifier: string): string[] {
    // Most runs hold none: no specifier is resolved for the reads every linked module makes.
    if (this.baseUrlsByFile.size === 0) return [];
    const target = this.resolved(path.resolve(this.cwd, fromFile), specifier);
    return (target && this.baseUrlsByFile.get(target)) || [];
  }

  /** Module-level names naming DeepSeek's API, by module (TransformResult.hosts). */
  readonly hostsByFile = new Map<string, string[]>();

  hostExport(fromFile: string, specifier: string, name: string): boolean {
    if (this.hostsByFile.size === 0 && this.baseUrlsByFile.size === 0) return false;
    const target = this.resolved(path.resolve(this.cwd, fromFile), specifier);
    return !!target && !!(this.hostsByFile.get(target)?.includes(name) || this.baseUrlsByFile.get(target)?.includes(name));
  }

  /** Module-level names naming another server, by module (TransformResult.otherHosts). */
  readonly otherHostsByFile = new Map<string, Array<{ name: string; url: string; setting?: string }>>();

  otherHostExport(fromFile: string, specifier: string, name: string): { url: string; setting?: string } | undefined {
    if (this.otherHostsByFile.size === 0) return undefined;
    const target = this.resolved(path.resolve(this.cwd, fromFile), specifier);
    const found = target ? this.otherHostsByFile.get(target)?.find((h) => h.name === name) : undefined;
    return found && { url: found.url, ...(found.setting ? { setting: found.setting } : {}) };
  }

  /** Which bare-host names each importer read (relative path → `file:name` keys). */
  readonly baseUrlReadsBy = new Map<string, Set<string>>();

  baseUrlRead(fromFile: string, specifier: string, name: string, asBase: boolean): void {
    const target = this.resolved(path.resolve(this.cwd, fromFile), specifier);
    if (!target) return;
    const key = `${target}:${name}`;
    this.baseUrlReadsBy.set(fromFile, new Set([...(this.baseUrlReadsBy.get(fromFile) ?? []), key]));
    this.countBaseUrlRead(key, asBase);
  }

  /** A read the engine could not see (an importer it did not analyse) keeps the host as it is. */
  baseUrlUnseen(file: string, name: string): void {
    this.countBaseUrlRead(`${file}:${name}`, false);
  }

  private countBaseUrlRead(key: string, asBase: boolean): void {
    const reads = this.baseUrlReads.get(key) ?? { asBase: 0, other: 0 };
    if (asBase) reads.asBase++;
    else reads.other++;
    this.baseUrlReads.set(key, reads);
  }

  baseUrlProven(file: string, name: string): boolean {
    const reads = this.baseUrlReads.get(`${path.resolve(this.cwd, file)}:${name}`);
    return !!reads && reads.asBase > 0 && reads.other === 0;
  }

  /** Export names of HTTP client instances on DeepSeek's base URL, by module. */
  readonly clientsByFile = new Map<string, string[]>();

  clientHost(fromFile: string, specifier: string, name: string): boolean {
    const target = this.resolved(path.resolve(this.cwd, fromFile), specifier);
    return !!target && (this.clientsByFile.get(target)?.includes(name) ?? false);
  }

  sinksOf(fromFile: string, specifier: string, name: string): ParamSink[] {
    if (this.sinksByFile.size === 0) return [];
    return this.findSinks(path.resolve(this.cwd, fromFile), specifier, name, 0);
  }

  moduleSinks(fromFile: string, specifier: string): ParamSink[] {
    if (this.sinksByFile.size === 0) return [];
    const target = this.resolved(path.resolve(this.cwd, fromFile), specifier);
    if (!target) return [];
    // A package's `__init__.py` (or a barrel) re-exports its classes: `from .deepseek import DeepSeek`.
    const out = [...(this.sinksByFile.get(target) ?? [])];
    for (const re of this.reExportsOf(target)) {
      const names = re.names === "*" ? [] : [...re.names.values()];
      for (const name of new Set(names)) out.push(...this.findSinks(target, re.source, name, 1));
    }
    return out;
  }

  private findSinks(from: string, specifier: string, name: string, hops: number): ParamSink[] {
    if (hops > MAX_HOPS) return [];
    const target = this.resolved(from, specifier);
    const found = target ? this.sinksIn(target, name, hops) : [];
    // `from pkg import llm` then `llm.ask(...)`: the first name is a module.
    const dot = name.indexOf(".");
    if (found.length > 0 || !from.endsWith(".py") || dot === -1) return found;
    return this.findSinks(from, specifier.endsWith(".") ? specifier + name.slice(0, dot) : `${specifier}.${name.slice(0, dot)}`, name.slice(dot + 1), hops + 1);
  }

  /** The sinks `name` names in `file`: its own, or those of a module it re-exports (a barrel: `export * from "./llm"`). */
  private sinksIn(file: string, name: string, hops: number): ParamSink[] {
    const own = (this.sinksByFile.get(file) ?? []).filter((s) => s.name === name);
    if (own.length > 0) return own;
    const head = name.split(".")[0]!;
    for (const re of this.reExportsOf(file)) {
      if (re.names !== "*" && !re.names.has(head)) continue;
      const inner = re.names === "*" ? name : re.names.get(head)! + name.slice(head.length);
      const found = this.findSinks(file, re.source, inner, hops + 1);
      if (found.length > 0) return found;
    }
    return [];
  }

  passArg(sink: ParamSink, arg: RemoteArg): void {
    const key = `${sink.file}:${sink.line}:${sink.param}`;
    const list = this.args.get(key) ?? new Map<string, RemoteArg>();
    list.set(arg.at, arg);
    this.args.set(key, list);
  }

  /** Forwarding sink ("file:line:param") → the sinks it hands its value to. */
  private readonly forwards = new Map<string, ParamSink[]>();

  forward(file: string, line: number, param: string, to: ParamSink): void {
    const key = `${file}:${line}:${param}`;
    const list = this.forwards.get(key) ?? [];
    if (!list.some((s) => s.file === to.file && s.line === to.line && s.param === to.param)) list.push(to);
    this.forwards.set(key, list);
  }

  /** Field sink ("file:line:param") → the modules whose requests read it (ParamSink.readElsewhere). */
  private readonly fieldReads = new Map<string, Set<string>>();

  fieldRead(sink: ParamSink): void {
    const key = `${sink.file}:${sink.line}:${sink.param}`;
    this.fieldReads.set(key, new Set([...(this.fieldReads.get(key) ?? []), this.current]));
  }

  fieldSent(sink: ParamSink): boolean {
    return this.fieldReads.has(`${sink.file}:${sink.line}:${sink.param}`);
  }

  /** Modules whose requests read another module's field sink: decided again once its callers are known. */
  fieldReaders(): string[] {
    return [...new Set([...this.fieldReads.values()].flatMap((s) => [...s]))];
  }

  argsFor(file: string, line: number, param: string): RemoteArg[] {
    return [...(this.args.get(`${file}:${line}:${param}`)?.values() ?? [])];
  }

  /** Files whose calls pass values to a sink of another module (analysed again once states are final). */
  callers(): string[] {
    return [...new Set([...this.args.values()].flatMap((m) => [...m.keys()].map((at) => at.replace(/:\d+:\d+$/, ""))))];
  }

  /** Files declaring a sink some other module calls. */
  sinkFiles(): string[] {
    return [...new Set([...this.args.keys()].map((k) => k.replace(/:\d+:[^:]+$/, "")))];
  }

  /**
   * One value everywhere (the module's own calls, every other module's, and the default
   * wherever a call leaves the parameter out), or the list of what differs.
   */
  sinkState(sink: ParamSink, depth = 0): SinkState | "pending" {
    if (!this.callersKnown) return "pending";
    const own = this.ownState(sink);
    if (!sink.forwards || own.mixed) return own;
    // A forwarder's value is settled where it is sent: by the function it hands it to, with every caller of that one.
    const to = this.forwards.get(`${sink.file}:${sink.line}:${sink.param}`) ?? [];
    if (to.length === 0 || depth > MAX_HOPS) return { sink, lost: "hands it on to a function where ds-migrate found no request" };
    for (const next of to) {
      const state = this.sinkState(next, depth + 1);
      if (state === "pending" || state.mixed || state.lost) return state === "pending" ? state : { ...state, sink };
    }
    return own;
  }

  private ownState(sink: ParamSink): SinkState {
    const remote = [...this.argsFor(sink.file, sink.line, sink.param), ...(sink.reaches ? this.argsFor(sink.file, sink.reaches.line, sink.reaches.param) : [])];
    const shown = (v: string | null | undefined, at: string) => (v === null ? `a value computed at run time (${at})` : `"${v}" (${at})`);
    const why = (i: number) => sink.localWhy?.[i];
    const all = [...sink.local.map((v, i) => (v === null && why(i) ? `${why(i)!.why} (${sink.file}:${why(i)!.line})` : shown(v, `${sink.file}`)))];
    for (const r of remote) all.push(r.why ? `${r.why} (${r.at})` : r.value === undefined ? shown(sink.default ?? null, `the default, left out at ${r.at}`) : shown(r.value, r.at));
    const values = new Set([...sink.local, ...remote.map((r) => (r.value === undefined ? (sink.default ?? null) : r.value))]);
    // A value passed across the line between migrated and read-only files (--context) cannot move with its mode.
    const split = this.readOnly && remote.some((r) => r.value !== undefined && this.readOnly!(r.at.replace(/:\d+(:\d+)?$/, "")) !== this.readOnly!(sink.file));
    if (split) all.push(`a call in a file that is only read here (--context)`);
    return values.size === 1 && !values.has(null) && !split ? { sink } : { sink, mixed: all };
  }

  /** A defining module was analysed again: its exports (now some held) replace the old ones. */
  updateExports(absFile: string, exports: ExportedId[]): void {
    this.exportsByFile.set(absFile, exports);
  }

  // Module resolution by (importing folder, specifier): a file calls its imports many times, and each try is a stat.
  private readonly resolvedCache = new Map<string, string | undefined>();

  inProject(fromFile: string, specifier: string): boolean {
    return !!this.resolved(path.resolve(this.cwd, fromFile), specifier);
  }

  /**
   * Whether a JS/TS module that did not parse may import one of the modules the linking pass
   * links (`linked`): every import specifier its bytes hold, resolved as a parsed module's would
   * be and through re-exports. A computed one (`require(name)`, `import(x)`) may name any.
   */
  mayImportLinked(from: string, text: string, linked: (abs: string) => boolean): boolean {
    if (COMPUTED_IMPORT.test(text)) return true;
    for (const match of text.matchAll(IMPORT_SPECIFIER)) if (this.reaches(from, match[2]!, linked, 0)) return true;
    return false;
  }

  private reaches(from: string, specifier: string, linked: (abs: string) => boolean, hops: number): boolean {
    const target = this.resolved(from, specifier);
    if (!target) return false;
    if (linked(target) || hops > MAX_HOPS) return true;
    return this.reExportsOf(target).some((re) => this.reaches(target, re.source, linked, hops + 1));
  }

  /** The file an import specifier in `from` (absolute) names in the project, if any. */
  resolve(from: string, specifier: string): string | undefined {
    return this.resolved(from, specifier);
  }

  /** The module `specifier` names and, through its re-exports of `name` (a package's `__init__.py`, a barrel), the modules defining it. */
  modulesDefining(from: string, specifier: string, name: string, hops = 0): string[] {
    const target = hops > MAX_HOPS ? undefined : this.resolved(from, specifier);
    if (!target) return [];
    const head = name.split(".")[0]!;
    const inner = this.reExportsOf(target).flatMap((re) => (re.names === "*" || re.names.has(head)
      ? this.modulesDefining(target, re.source, re.names === "*" ? name : re.names.get(head)!, hops + 1) : []));
    return [target, ...inner];
  }

  private resolved(from: string, specifier: string): string | undefined {
    const key = `${path.dirname(from)}\0${from.endsWith(".py") ? "py" : "js"}\0${specifier}`;
    if (!this.resolvedCache.has(key)) this.resolvedCache.set(key, from.endsWith(".py") ? resolvePython(from, specifier) : this.resolveJs(from, specifier));
    return this.resolvedCache.get(key);
  }

  private find(from: string, specifier: string, name: string, hops: number): ImportedId | undefined {
    if (hops > MAX_HOPS) return undefined;
    const python = from.endsWith(".py");
    const target = this.resolved(from, specifier);
    if (target) {
      const direct = this.exportsByFile.get(target)?.find((e) => e.name === name);
      if (direct) return this.idOf(target, direct);
      const viaBarrel = this.throughReExports(target, name, hops);
      if (viaBarrel) return viaBarrel;
    }
    // `from pkg import models` then `models.X`: the first name may itself be a module.
    const dot = name.indexOf(".");
    if (python && dot !== -1) {
      const sub = specifier.endsWith(".") ? specifier + name.slice(0, dot) : `${specifier}.${name.slice(0, dot)}`;
      return this.find(from, sub, name.slice(dot + 1), hops + 1);
    }
    return undefined;
  }

  private idOf(target: string, direct: ExportedId): ImportedId {
    const id: ImportedId = { legacyId: direct.legacyId, mode: direct.mode, replacement: direct.replacement, file: toPosix(path.relative(this.cwd, target)), line: direct.line ?? 0, column: direct.column ?? 0 };
    if (direct.held) id.held = true;
    if (direct.keepsMode) id.keepsMode = true;
    if (direct.overriddenBy) id.overriddenBy = direct.overriddenBy;
    // Several values under one name, each replacing the other at run time: whoever holds one holds all.
    const alike = direct.overriddenBy ? this.exportsByFile.get(target)!.filter((e, i, all) => e.start !== direct.start && e.name === direct.name && e.overriddenBy && all.findIndex((o) => o.name === direct.name && o.start === e.start) === i) : [];
    if (alike.length > 0) id.alike = alike.map((e) => ({ line: e.line ?? 0, column: e.column ?? 0, overriddenBy: e.overriddenBy!, legacyId: e.legacyId }));
    return id;
  }

  /**
   * Every exported ID inside `prefix` (`config` holds `config.model`; "" is the whole module, a
   * namespace import), through barrels: what an importer reading that object whole reads.
   */
  exportsUnder(fromFile: string, specifier: string, prefix: string): ImportedId[] {
    return this.under(path.resolve(this.cwd, fromFile), specifier, prefix, 0, new Set());
  }

  /** `seen`: module and prefix pairs already read (barrels re-exporting each other, or one module by many paths). */
  private under(from: string, specifier: string, prefix: string, hops: number, seen: Set<string>): ImportedId[] {
    const target = hops > MAX_HOPS ? undefined : this.resolved(from, specifier);
    if (!target || seen.has(`${target}\0${prefix}`)) return [];
    seen.add(`${target}\0${prefix}`);
    const inside = (name: string) => prefix === "" || name === prefix || name.startsWith(`${prefix}.`);
    const out = (this.exportsByFile.get(target) ?? []).filter((e) => inside(e.name)).map((e) => this.idOf(target, e));
    const head = prefix.split(".")[0]!;
    for (const re of this.reExportsOf(target)) {
      if (re.names === "*") out.push(...this.under(target, re.source, prefix, hops + 1, seen));
      else if (prefix === "") for (const inner of new Set(re.names.values())) out.push(...this.under(target, re.source, inner, hops + 1, seen));
      else if (re.names.has(head)) out.push(...this.under(target, re.source, re.names.get(head)! + prefix.slice(head.length), hops + 1, seen));
    }
    return out;
  }

  private throughReExports(file: string, name: string, hops: number): ImportedId | undefined {
    const head = name.split(".")[0]!.replace(/\(\u2026?\)$/, "");
    const rest = name.slice(head.length);
    for (const re of this.reExportsOf(file)) {
      if (re.names === "*") {
        const found = this.find(file, re.source, name, hops + 1);
        if (found) return found;
      } else if (re.names.has(head)) {
        return this.find(file, re.source, re.names.get(head)! + rest, hops + 1);
      }
    }
    return undefined;
  }

  /** `export * from "./x"`, `export { a as b } from "./x"`, Python `from .x import a as b`. */
  private reExportsOf(file: string): Array<{ source: string; names: Map<string, string> | "*" }> {
    const cached = this.barrelCache.get(file);
    if (cached) return cached;
    let text = "";
    try {
      text = this.overlay?.get(file) ?? readFileSync(file, "utf8");
    } catch {
      // Unreadable barrels simply link nothing.
    }
    const found = file.endsWith(".py") ? pythonReExports(text) : jsReExports(text);
    this.barrelCache.set(file, found);
    return found;
  }

  private resolveJs(from: string, specifier: string): string | undefined {
    if (specifier.startsWith(".") || specifier.startsWith("/")) return resolveFile(path.resolve(path.dirname(from), specifier));
    const aliases = this.aliasesFor(path.dirname(from));
    for (const [pattern, targets] of Object.entries(aliases?.paths ?? {})) {
      const star = pattern.indexOf("*");
      const matches = star === -1 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
      if (!matches) continue;
      const captured = star === -1 ? "" : specifier.slice(star, specifier.length - (pattern.length - star - 1));
      for (const t of targets) {
        const resolved = resolveFile(path.resolve(aliases!.baseDir, t.replace("*", captured)));
        if (resolved) return resolved;
      }
    }
    // `@acme/vector-memory` in a monorepo: the workspace package's source, not its build.
    const pkg = workspacePackage(path.dirname(from), specifier);
    if (!pkg) return undefined;
    if (pkg.sub) return resolveFile(path.join(pkg.dir, pkg.sub)) ?? resolveFile(path.join(pkg.dir, "src", pkg.sub));
    for (const candidate of entryCandidates(pkg.dir)) {
      const resolved = resolveFile(candidate);
      if (resolved) return resolved;
    }
    return undefined;
  }

  /** The nearest tsconfig.json / jsconfig.json with `paths`, searched upward. */
  private aliasesFor(dir: string): PathAliases | undefined {
    if (this.aliasCache.has(dir)) return this.aliasCache.get(dir);
    let found: PathAliases | undefined;
    for (const name of ["tsconfig.json", "jsconfig.json"]) {
      const file = path.join(dir, name);
      if (!existsSync(file)) continue;
      const options = readJsonc(file)?.compilerOptions;
      if (options?.paths) found = { baseDir: path.resolve(dir, options.baseUrl ?? "."), paths: options.paths };
      break;
    }
    const parent = path.dirname(dir);
    if (!found && parent !== dir) found = this.aliasesFor(parent);
    this.aliasCache.set(dir, found);
    return found;
  }
}

function resolveFile(base: string): string | undefined {
  const candidates = [base, ...JS_EXTENSIONS.map((e) => base + e), ...JS_EXTENSIONS.map((e) => path.join(base, "index" + e))];
  // TypeScript ESM style: `./x.js` in source names `./x.ts` on disk.
  const swapped = base.replace(/\.(m|c)?jsx?$/, "");
  if (swapped !== base) candidates.push(...JS_EXTENSIONS.map((e) => swapped + e));
  return candidates.find(isFile);
}

function resolvePython(from: string, specifier: string): string | undefined {
  const level = /^\.*/.exec(specifier)![0].length;
  const parts = specifier.slice(level).split(".").filter(Boolean);
  const bases: string[] = [];
  if (level > 0) {
    let dir = path.dirname(from);
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    // Absolute imports: try each folder above the importer as a source root.
    for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
      bases.push(dir);
      if (path.dirname(dir) === dir) break;
    }
  }
  for (const base of bases) {
    const target = path.join(base, ...parts);
    const file = [target + ".py", path.join(target, "__init__.py")].find(isFile);
    if (file) return file;
  }
  return undefined;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** JSON with comments and trailing commas, as tsconfig files allow. */
export function readJsonc(file: string): any {
  try {
    const text = readFileSync(file, "utf8");
    const noComments = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? "");
    return JSON.parse(noComments.replace(/,(\s*[}\]])/g, "$1"));
  } catch {
    return undefined;
  }
}

// Barrels are only read here, never rewritten, and hold little more than export lines,
// so a pattern is enough; a commented-out line can at worst link one extra definition.
function jsReExports(text: string): Array<{ source: string; names: Map<string, string> | "*" }> {
  const out: Array<{ source: string; names: Map<string, string> | "*" }> = [];
  for (const m of text.matchAll(/export\s+\*\s+from\s+["']([^"']+)["']/g)) out.push({ source: m[1]!, names: "*" });
  for (const m of text.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) out.push({ source: m[2]!, names: nameMap(m[1]!) });
  return out;
}

function pythonReExports(text: string): Array<{ source: string; names: Map<string, string> | "*" }> {
  const out: Array<{ source: string; names: Map<string, string> | "*" }> = [];
  for (const m of text.matchAll(/^from\s+(\.*[\w.]*)\s+import\s+\(?([^)\n]+)\)?/gm)) {
    out.push({ source: m[1]!, names: m[2]!.trim() === "*" ? "*" : nameMap(m[2]!) });
  }
  return out;
}

/** "a, b as c" → { a: "a", c: "b" } (exported name → name in the source module). */
function nameMap(list: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const part of list.split(",")) {
    const [orig, alias] = part.trim().split(/\s+as\s+/);
    if (orig) names.set((alias ?? orig).trim(), orig.trim());
  }
  return names;
}

/**
 * Whether a Python module whose first pass recorded `keys` can get any answer from the linker:
 * one of its names is an exported name (or a sink's), or one of its `from` imports is found
 * by a lookup (which follows re-exports, renamed ones too). A module that can get none would be
 * analysed again to the same result, and no other module's result depends on that analysis.
 */
export function mayLink(linker: Linker, exports: Iterable<ExportedId[]>): (file: string, keys: LinkKeys) => boolean {
  const heads = new Set<string>();
  // The rest of an export path after its head: `.model` of `config.model`, `().attr` of a factory's attribute.
  const tails = new Set<string>();
  for (const list of exports) {
    for (const e of list) {
      const head = e.name.split(".")[0]!.replace(/\(\u2026?\)$/, "");
      heads.add(head);
      tails.add(e.name.slice(head.length));
    }
  }
  for (const sinks of linker.sinksByFile.values()) for (const s of sinks) heads.add(s.name.split(".")[0]!);
  // A lookup's answer depends on the importing folder, not the file: modules of one folder share their imports' answers.
  const answers = new Map<string, boolean>();
  const answered = (file: string, source: string, imported: string): boolean => {
    const key = `${path.dirname(file)}\0${source}\0${imported}`;
    let found = answers.get(key);
    if (found === undefined) {
      found = linker.sinksOf(file, source, imported).length > 0 || [...tails].some((tail) => !!linker.lookup(file, source, imported + tail));
      answers.set(key, found);
    }
    return found;
  };
  return (file, keys) => keys.names.some((n) => heads.has(n)) || keys.from.some(({ source, imported }) => answered(file, source, imported));
}

/**
 * Which files might import a module's exported IDs, by bytes: the file is in the defining
 * module's project (nearest folder with a package manifest or tsconfig), and it names both
 * an exported name and the module (its file or folder name, as any import of it must).
 * Plain strings, so the check can run in worker threads.
 */
export interface ImporterNeedles {
  root: string;
  names: string[];
  modules: string[];
  /** The exporting module's dependency scope (see dependencyScope). */
  scope: string;
}

/** The cheap part of the importer test, without reading: a code file in a group's project and scope. */
export function mayImport(groups: ImporterNeedles[]): (abs: string) => boolean {
  // Run on every file of the tree (twice on a large one), so the scope test is one regex (or a
  // prefix and one regex), not dependencyScope's walk over every dependency folder in a
  // node_modules path; groups sharing a project and scope are one place. Roots and scopes are
  // folders, so the answer is the same for every file of a folder, and the walk lists a folder's
  // files together: the last folder's answer is kept (the corpus's 77k files: ~100 → ~25 ms).
  const places = [...new Map(groups.map((g) => [`${g.root}\0${g.scope}`, g])).values()];
  let lastFolder: string | undefined;
  let lastAnswer = false;
  return (abs) => {
    if (!IMPORTING_FILE.test(abs)) return false;
    const folder = abs.slice(0, Math.max(abs.lastIndexOf("/"), abs.lastIndexOf("\\")));
    if (folder !== lastFolder) {
      lastFolder = folder;
      lastAnswer = places.some((g) => abs.startsWith(g.root) && inScope(abs, g.scope));
    }
    return lastAnswer;
  };
}

const IN_DEPENDENCY = /[\\/](node_modules|site-packages|dist-packages)[\\/][^\\/]/;

/** dependencyScope(abs) === scope. */
function inScope(abs: string, scope: string): boolean {
  if (scope === "") return !IN_DEPENDENCY.test(abs);
  return abs.startsWith(scope) && (abs[scope.length] === "/" || abs[scope.length] === "\\") && !IN_DEPENDENCY.test(abs.slice(scope.length));
}

const PROJECT_MARKERS = ["package.json", "tsconfig.json", "jsconfig.json", "pyproject.toml", "setup.py", "setup.cfg", ".git"];
// Notebooks import the project's Python modules from their folder, as the kernel does.
const IMPORTING_FILE = /\.(m|c)?[jt]sx?$|\.py$|\.ipynb$/;

/** `barrels`: importers may reach the module through its folder's index (exported IDs and sinks are followed through re-exports). */
export function importerNeedles(file: string, exports: Array<{ name: string }>, barrels = true, roots = new Map<string, string>()): ImporterNeedles {
  // A factory's attributes are exported as `get_settings().attr`: importers name the function.
  const names = [...new Set(exports.map((e) => e.name.split(".")[0]!.replace(/\(\u2026?\)$/, "")).filter((n) => n !== "default"))];
  const base = path.basename(file).replace(/\.[^.]+$/, "");
  const folder = path.basename(path.dirname(file));
  const own = base === "index" || base === "__init__" ? folder : base;
  // A workspace package's modules are imported by the package's name as well.
  const named = dependencyScope(file) === "" ? workspacePackageName(file) : undefined;
  const modules = [...new Set([...(barrels ? [own, folder] : [own]), ...(named ? [named] : [])])];
  return { root: projectRoot(file, roots), names, modules, scope: dependencyScope(file) };
}

const DEPENDENCY_DIR = /[\\/](node_modules|site-packages|dist-packages)[\\/](@[^\\/]+[\\/])?[^\\/]+/g;

/**
 * The installed package a file belongs to ("" for the app's own code): code inside a
 * dependency only imports its own package's modules by path, and the app imports a
 * dependency by its package name, never by a path into node_modules. So an importer
 * candidate must share its module's scope, which keeps the linking pass out of
 * node_modules and virtualenvs when the exporting module is the app's.
 */
export function dependencyScope(file: string): string {
  // Most paths hold none of the folder names: say so without a regex.
  if (!file.includes("node_modules") && !file.includes("-packages")) return "";
  let scope = "";
  for (const m of file.matchAll(DEPENDENCY_DIR)) scope = file.slice(0, m.index! + m[0].length);
  return scope;
}

/**
 * `rootOfDir`: folder → project root, kept by the caller for one run (most exporting modules share
 * their folder; seven stats per level otherwise). `markers`: the files that mark a project's folder.
 */
export function projectRoot(file: string, rootOfDir: Map<string, string>, markers: readonly string[] = PROJECT_MARKERS): string {
  const start = path.dirname(file);
  const known = rootOfDir.get(start);
  if (known !== undefined) return known;
  let root = "";
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (markers.some((m) => existsSync(path.join(dir, m)))) {
      // A package of a monorepo: its siblings import it by name, so the project is the workspace.
      const workspace = dependencyScope(file) === "" ? workspaceRoot(dir) : undefined;
      root = (workspace ?? dir) + path.sep;
      break;
    }
    if (path.dirname(dir) === dir) {
      root = dir;
      break;
    }
  }
  rootOfDir.set(start, root);
  return root;
}

/**
 * A reusable test for many files, reading each in chunks: the distinct export names of
 * all groups first, and the module needles only when a name is there.
 */
export function importerFilter(groups: ImporterNeedles[], overlay?: ReadonlyMap<string, string>): (abs: string) => boolean {
  const names = [...new Set(groups.flatMap((g) => g.names))];
  const modules = [...new Set(groups.flatMap((g) => g.modules))];
  const nameBufs = names.map((w) => Buffer.from(w));
  // Exported names often share a word (MODEL, CHAT_MODEL...): one search for it first.
  const shared = commonSubstring(names);
  const sharedBuf = shared.length >= 3 && names.length > 1 ? [Buffer.from(shared)] : [];
  const moduleBufs = new Map(modules.map((w) => [w, Buffer.from(w)]));
  const overlap = Math.max(0, ...modules.map((w) => Buffer.byteLength(w) - 1));
  // Short names occur most often: tried first, they end a candidate's search soonest.
  const shortestFirst = [...modules].sort((a, b) => a.length - b.length);
  const nameIndex = new Map(names.map((w, i) => [w, i]));
  const anyDefault = groups.some((g) => g.names.length === 0);
  const chunk = Buffer.allocUnsafe(256 * 1024);
  // An editor's unsaved text stands in for the file (the language server's overlay).
  const unsavedOf = (abs: string): Buffer | undefined => {
    const text = overlay?.get(abs);
    return text === undefined ? undefined : Buffer.from(text, "utf8");
  };
  const search = (abs: string, needles: Buffer[]): boolean[] => {
    const buf = unsavedOf(abs);
    return buf ? needles.map((n) => buf.indexOf(n) !== -1) : findNeedles(abs, needles, chunk);
  };
  return (abs) => {
    if (!IMPORTING_FILE.test(abs)) return false;
    const inProject = groups.filter((g) => abs.startsWith(g.root) && inScope(abs, g.scope));
    if (inProject.length === 0) return false;
    try {
      // The few distinct export names first: most files name none of them.
      if (!anyDefault && sharedBuf.length > 0 && !search(abs, sharedBuf)[0]) return false;
      const nameFound = search(abs, nameBufs);
      if (!anyDefault && !nameFound.includes(true)) return false;
      const named = inProject.filter((g) => g.names.length === 0 || g.names.some((w) => nameFound[nameIndex.get(w)!]));
      // Any module of a named group makes the file a candidate: search each once, stop at the first.
      // (A tree where every module exports the same name has as many needles as modules.)
      const want = new Set(named.flatMap((g) => g.modules));
      const wanted = shortestFirst.filter((w) => want.has(w)).map((w) => moduleBufs.get(w)!);
      if (wanted.length === 0) return false;
      const holds = (buf: Buffer) => wanted.some((needle) => buf.indexOf(needle) !== -1);
      const buf = unsavedOf(abs);
      return buf ? holds(buf) : scanChunks(abs, chunk, overlap, holds);
    } catch {
      return false;
    }
  };
}
