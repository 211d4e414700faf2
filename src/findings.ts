// Findings are plain data: every transform returns them, every reporter formats them.

export type Severity = "error" | "warning" | "info";

/** Replace [start, end) of the file's text (BOM excluded) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** An edit with its positions, as reports show it (1-based lines and columns). */
export interface LocatedEdit extends Edit {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Finding {
  /** Stable rule id, documented in docs/report-schema.md. */
  ruleId: string;
  /** Severity as `check` reports it (before --strict). */
  severity: Severity;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors and SARIF's default. */
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The rewrite migrate applies for this finding; absent for review findings. */
  edits?: LocatedEdit[];
  /** Other places the same finding covers (the rest of a group), 1-based. */
  related?: LocatedPlace[];
  /** Set when a ds-migrate-ignore comment silences it: never an error, never rewritten, counted apart. */
  suppression?: { kind: "inSource"; directive: string; line: number };
  /** For a finding inside a DeepSeek request: every value that can reach its model (the ledger's sources). */
  sources?: string[];
}

/** A place a finding also covers, given by offsets (transforms) or positions (reports). */
export interface RelatedPlace {
  start: number;
  end: number;
  message: string;
}

export interface LocatedPlace extends RelatedPlace {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Transforms report a location by offsets; the engine turns them into lines. */
export interface RawFinding {
  ruleId: string;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  edits?: Edit[];
  related?: RelatedPlace[];
  sources?: string[];
}

export interface ParseFailure {
  message: string;
  line: number;
  column: number;
}

/** A legacy ID a module exports (after migration: the rewritten literal's definition). */
export interface ExportedId {
  /** Export path: "CHAT", "Models.Chat", "config.model", "default.model". */
  name: string;
  legacyId: string;
  mode: "thinking" | "non-thinking";
  /** What the definition becomes (or became) in this run. */
  replacement: string;
  /** An alias whose requests keep the mode they state: importers add no mode for it. */
  keepsMode?: boolean;
  /** Span of the defining literal in its file, to link consumers back to it. */
  start: number;
  end: number;
  /** 1-based position of the literal, filled in by the engine. */
  line?: number;
  column?: number;
  /** Kept for review in its module (an identity there): importers must not add a mode for it. */
  held?: boolean;
  /** What replaces the value at run time (a pydantic-settings field: "the environment variable X"): importers treat it as dynamic. */
  overriddenBy?: string;
}

/** What another module's import resolves to, as the engine's linker answers it. */
export interface ImportedId {
  legacyId: string;
  mode: "thinking" | "non-thinking";
  replacement: string;
  keepsMode?: boolean;
  /** The defining file (as reported) and the literal's 1-based position. */
  file: string;
  line: number;
  column: number;
  /** The definition is kept for review: requests using it keep their legacy model too. */
  held?: boolean;
  overriddenBy?: string;
  /** A run-time-replaced value with other definitions under the same name (`self.x` set in two methods): their positions. */
  alike?: Array<{ line: number; column: number; overriddenBy: string; legacyId: string }>;
}

/**
 * A parameter of an exported function or class whose value becomes the model of a request in
 * its module: callers in other modules decide that value as much as its default does.
 */
export interface ParamSink {
  /** Export path of the function or class: "ask", "Bot", "default". */
  name: string;
  /** The parameter's local name. */
  param: string;
  /** The parameter's position; `key` when it is a property of an options object (`{ model }`). */
  index: number;
  key?: string;
  /** Python: the keyword a caller may pass it by. */
  keyword?: string;
  /** Python: reached only by that keyword (a `**kwargs` the function spreads on), never by position. */
  keywordOnly?: boolean;
  /** The parameter (same file) a `**kwargs` sink hands the keyword to: that one's callers count in its state too. */
  reaches?: { line: number; param: string };
  /** The parameter, in its file (as reported), 1-based. */
  file: string;
  line: number;
  /** Python: the parameter reaches no request here but is handed to an imported function (a forwarder): its state is that function's. */
  forwards?: boolean;
  /** Python: the request reads this attribute of the client instance passed (`llm.model_name`); `param` is then "llm.model_name". */
  attribute?: string;
  /** JS: the whole parameter is sent as DeepSeek's JSON body there: an object literal passed to it is a request. */
  body?: boolean;
  /** What the module's own calls pass (string values; null: computed at run time), and its default. */
  local: Array<string | null>;
  /** Beside `local`: how each computed value comes, in words (`the environment variable M`), and its line, where known. */
  localWhy?: Array<{ why: string; line: number } | undefined>;
  /** The parameter picks an entry there (`MODELS[model]` on line 12): a caller's value names that entry, whatever else it does. */
  lookupKey?: string;
  /** The provider prefixes (`deepseek/`) every request the parameter reaches accepts: a caller's prefixed ID is a model there. */
  prefixes?: string[];
  default?: string;
  /**
   * Python: a field of a dataclass or pydantic model (not settings) whose default is a legacy ID and
   * that no request of its own module reads. A request in another module may read it through a typed
   * parameter (`cfg.model` with `cfg: Cfg`): callers' values count as models only once one does
   * (ModuleLinks.fieldSent).
   */
  readElsewhere?: boolean;
  /** With readElsewhere: the class's own classmethods that build it with `cls(…)` (counted here), so a call of one elsewhere fills nothing unseen. */
  builders?: string[];
}

/** What one call in another module passes to a sink's parameter. */
export interface RemoteArg {
  /** The string passed; null when computed at run time; undefined when the call leaves it out. */
  value?: string | null;
  /** Where the value is: "src/app.ts:4:14". */
  at: string;
  /** For an imported constant handed on: where it is defined ("src/models.ts:2:14"), the request's source. */
  definedAt?: string;
  /** When the value is a legacy ID: what it is, for the request's mode. */
  /** `held`: an imported constant its module keeps (a collision, a name): the request keeps it too and gets no mode. */
  legacy?: Pick<ImportedId, "legacyId" | "mode" | "replacement" | "keepsMode" | "held">;
  /** A client instance handed in (a `ParamSink.attribute` sink): the mode holder it states, as written (`extra_body={…}`). */
  mode?: string;
  /** A computed value that is a condition between known values: each branch in words (`"deepseek-chat" (models.ts:2)`). */
  branches?: string[];
  /** For a value no argument shows (an instance a loader or a framework makes, a field set later): how it comes, in words. */
  why?: string;
}

/** How the calls across the project settle a sink: one legacy ID everywhere, or several values (listed). */
export interface SinkState {
  sink: ParamSink;
  /** Every value the parameter can hold, in words, when they are not one literal. */
  mixed?: string[];
  /** A forwarder whose value goes where ds-migrate found no request: where, in words. */
  lost?: string;
}

/** A use another module makes of an exported legacy ID that is not a request's model. */
export interface ExternalUse {
  kind: "identity" | "unknown";
  /** Where and what: "a dict key in src/prices.ts:3:5". */
  why: string;
  /** For a use that does reach a request but cannot be migrated from here: what to do instead. */
  advice?: string;
}

/** Phase two of a run: lets a transform look up values imported from other files. */
export interface ModuleLinks {
  /** `specifier` as written in `fromFile`; `name` is an export path like "CHAT" or "config.model". */
  lookup(fromFile: string, specifier: string, name: string): ImportedId | undefined;
  /** Record that a request in another file uses this definition (so it needs no consumer note). */
  used(id: ImportedId): void;
  /** Record a use of an imported definition as a name, or one that cannot be followed: it must stay. */
  veto(id: ImportedId, kind: ExternalUse["kind"], why: string, fromFile: string, line: number, column: number, advice?: string): void;
  /** Every exported ID inside the object `prefix` names ("" for the whole module), through barrels. */
  exportsUnder?(fromFile: string, specifier: string, prefix: string): ImportedId[];
  /** Whether `specifier` in `fromFile` names a module of the scanned tree (a workspace package by name, a path alias). */
  inProject?(fromFile: string, specifier: string): boolean;
  /** Such uses other modules make of the definition at `file`:`line`:`column` (known once the importers ran). */
  externalUses(file: string, line: number, column: number): ExternalUse[];
  /** The sink parameter `index` (or `key` of it) of an imported function or class is, once every caller is known. */
  sinksOf?(fromFile: string, specifier: string, name: string): ParamSink[];
  /** Every sink of the module a specifier names (a class or function picked by name at run time: `getattr(module, name)(...)`). */
  moduleSinks?(fromFile: string, specifier: string): ParamSink[];
  /** How every caller settles a sink; "pending" until the engine has seen all of them. */
  sinkState?(sink: ParamSink): SinkState | "pending";
  /** Record that a request in the module being analysed reads this field sink (ParamSink.readElsewhere). */
  fieldRead?(sink: ParamSink): void;
  /** Whether some request reads this field sink. */
  fieldSent?(sink: ParamSink): boolean;
  /** Record what a call passes to an imported sink's parameter. */
  passArg?(sink: ParamSink, arg: RemoteArg): void;
  /** The forwarding sink `param` declared at `file`:`line` hands its value to `to`: it settles as `to` does. */
  forward?(file: string, line: number, param: string, to: ParamSink): void;
  /** What calls in other modules pass to the parameter `param` declared at `file`:`line`. */
  argsFor?(file: string, line: number, param: string): RemoteArg[];
  /** Whether the imported `name` is an HTTP client instance built on DeepSeek's base URL (TransformResult.clients). */
  clientHost?(fromFile: string, specifier: string, name: string): boolean;
  /** Whether the imported `name` is another module's bare DeepSeek host (TransformResult.baseUrls). */
  isBaseUrlExport?(fromFile: string, specifier: string, name: string): boolean;
  /** Whether the imported `name` names DeepSeek's API in its module (TransformResult.hosts or .baseUrls). */
  hostExport?(fromFile: string, specifier: string, name: string): boolean;
  /** The other server the imported `name` names in its module (TransformResult.otherHosts), if it does. */
  otherHostExport?(fromFile: string, specifier: string, name: string): { url: string; setting?: string } | undefined;
  /** The bare-host names (TransformResult.baseUrls) of the module `specifier` names, if any. */
  baseUrlNamesOf?(fromFile: string, specifier: string): string[];
  /** Record a read of such a name: as a client's base URL (`asBase`), or anything else (which keeps it as it is). */
  baseUrlRead?(fromFile: string, specifier: string, name: string, asBase: boolean): void;
  /** Whether importers read this module's `name` only as a client's base URL, and at least once (then it gains `/v1`). */
  baseUrlProven?(file: string, name: string): boolean;
}

/**
 * How a DeepSeek request stands on its thinking mode: `explicit` (it states one), `migrated`
 * (this run writes one), `implicit` (none: V4 thinks), `dynamic` (its model is decided at run
 * time), `no-pass-through` (its client has no way to send one), `withheld` (the pinned client
 * release would not forward one), `held` (its model is kept for review).
 */
export type RequestMode = "explicit" | "migrated" | "implicit" | "dynamic" | "no-pass-through" | "withheld" | "held";

/** Mode debt: what `check` keeps reporting until someone states the mode. */
export const MODE_DEBT: readonly RequestMode[] = ["implicit", "dynamic", "no-pass-through", "withheld"];

/** One entry of the mode ledger, as a transform reports it (offsets). */
export interface RawRequest {
  start: number;
  end: number;
  /** The detector or shape row: "openai-node", "langchain-openai-py"... */
  client: string;
  /** Every value that can reach the model, in words: `"deepseek-chat" (line 3)`, `the environment variable MODEL`. */
  sources: string[];
  mode: RequestMode;
  /** The client release the pass-through was chosen for, when the project pins one. */
  dependency?: string;
}

export interface RequestRecord extends RawRequest {
  file: string;
  line: number;
  column: number;
}

/** The prefix TransformResult.clients gives an AI SDK DeepSeek provider (an axios instance has none). */
export const AI_PROVIDER_CLIENT = "ai-deepseek:";

export interface TransformResult {
  findings: RawFinding[];
  /** The mode ledger: every DeepSeek request found, with its mode. */
  requests?: RawRequest[];
  parseError?: ParseFailure;
  /** Legacy IDs this module exports, for requests in other modules. */
  exports?: ExportedId[];
  /** Parameters of exported functions and classes that reach a request's model (line filled in by the engine). */
  sinks?: Array<Omit<ParamSink, "line" | "file"> & { start: number }>;
  /** Imported functions and classes this module hands a legacy ID it could not follow: the engine reads their modules for sinks. */
  called?: CalledImport[];
  /**
   * Export names of HTTP client instances this module builds on DeepSeek's base URL (`axios.create`): a relative path another module posts through them goes to DeepSeek.
   * An AI SDK `createDeepSeek()` provider's name carries the AI_PROVIDER_CLIENT prefix.
   */
  clients?: string[];
  /** Python: the names through which another module's definitions can reach this one (see LinkKeys). */
  linkKeys?: LinkKeys;
  /** Module-level (JS/TS: exported) names holding DeepSeek's bare host that no client here takes: importers may prove it a client base URL. */
  baseUrls?: string[];
  /** Module-level (JS/TS: exported) names whose value names DeepSeek's API (any of its URLs, or an environment variable's default one): a client another module builds on one talks to DeepSeek. */
  hosts?: string[];
  /** JS/TS: exported names whose value names another server (`LLM_BASE_URL: env || "http://localhost:8000/v1"`), with that URL: a client another module builds on one does not talk to DeepSeek. */
  otherHosts?: Array<{ name: string; url: string; setting?: string }>;
  /** A model here is DeepSeek's only if an imported base URL is (LiteLLM's `openai/` route): the linking pass reads this module again once hosts are known. */
  hostsWanted?: boolean;
}

/**
 * How a Python module can reach other modules' definitions, recorded by the first pass: every
 * name a lookup's export path can hold (imported names, attribute names) and each `from`
 * import. The linking pass analyses the module again only if one of them can link (links.ts `mayLink`).
 */
export interface LinkKeys {
  names: string[];
  from: Array<{ source: string; imported: string }>;
}

/** `import { ask } from "./llm"; ask("deepseek-chat")`: the specifier as written and the export path called. */
export interface CalledImport {
  specifier: string;
  name: string;
  /** Named by a forwarding parameter: followed only once a value is known to flow into this module. */
  forward?: boolean;
}

export const RULE_IDS = {
  legacyModelId: "legacy-model-id",
  aliasModelId: "retired-model-alias",
  legacyBaseUrl: "legacy-base-url",
  insecureBaseUrl: "insecure-base-url",
  betaBaseUrl: "beta-base-url",
  thinkingMode: "thinking-mode",
  setModeAtConsumer: "set-mode-at-consumer",
  collision: "model-collision",
  identity: "legacy-id-identity",
  unproven: "legacy-id-unproven",
  migrationMap: "migration-map",
  dynamicModel: "dynamic-model",
  idInText: "legacy-id-in-text",
  unparsedFile: "legacy-id-in-unparsed-file",
  conditionalMix: "conditional-model-review",
  reasoningToolsAdvice: "reasoning-tools-advice",
  reasoningContentRead: "reasoning-content-non-thinking",
  noPassThrough: "no-thinking-pass-through",
  unsupportedFile: "legacy-id-in-unsupported-file",
  unusedSuppression: "unused-suppression",
  implicitMode: "implicit-thinking-mode",
  clientModelType: "client-model-type",
  anthropicThinking: "anthropic-thinking-budget",
  fileNotScanned: "file-not-scanned",
} as const;
