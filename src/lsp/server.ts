// `ds-migrate lsp`: a Language Server over stdio. Diagnostics are `check`'s findings on the
// editor's unsaved text, with the workspace folder as link context; code actions carry the
// edits `ds-migrate` would write (a site, a file) or add a suppression comment; hover explains
// the rule and the deadline. The server writes nothing itself: every change goes to the client
// as a workspace edit. Built on the standard Node implementation (vscode-languageserver).
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  NotebookDocuments,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type NotebookDocument,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding } from "../findings.js";
import type { FileResult } from "../process.js";
import { diagnosticsOf, findingRange, findingsAt, hoverText, overlaps, silenceEdit, SOURCE, toTextEdit, type EditsByFile, type Range } from "./convert.js";
import { Workspace, type Analysis, type ServerOptions } from "./workspace.js";
import { editInCell, findingInCell, notebookText, type NotebookText } from "./notebook.js";
import { todayIso } from "../deadline.js";
import { VERSION } from "../index.js";

/** Quiet time after a keystroke before the document is analysed again. */
const CHANGE_DELAY_MS = 150;

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.ds-migrate`;

interface Published {
  version: number;
  result: FileResult | undefined;
  analysis: Analysis;
  /** The version of every open document of the workspace the analysis read (absolute path → version). */
  versions: Map<string, number>;
  /** For a notebook open as cells: the .ipynb text analysed, and its cells' documents at the time. */
  notebook?: { text: NotebookText; cells: Array<{ uri: string; version: number }> };
}

/** An open document, or a notebook open as cells (then `text` is the .ipynb JSON made from them). */
interface Open {
  uri: string;
  abs: string;
  version: number;
  text: string;
  notebook?: { document: NotebookDocument; text: NotebookText; cells: Array<{ uri: string; version: number }> };
}

export function startServer(options: ServerOptions = {}, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Connection {
  // Streams (not a reader and writer): the library then exits when the client closes its end.
  const connection = createConnection(ProposedFeatures.all, input, output);
  // stdout is the protocol: anything logged goes to the client's log instead.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  console.warn = console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(" "));
  const documents = new TextDocuments(TextDocument);
  const notebooks = new NotebookDocuments(TextDocument);
  const folders: Workspace[] = [];
  /** Files outside every folder: each is its own workspace, scanned alone. */
  const loose = new Map<string, Workspace>();
  /** What the last analysis published for each open document: code actions and hover answer from it. */
  const published = new Map<string, Published>();
  const runs = new Map<Workspace, Scheduled>();
  let serverOptions: ServerOptions = options;
  let versionedEdits = false;
  let shownProblem: string | undefined;

  const absOf = (uri: string): string | undefined => (uri.startsWith("file:") ? path.resolve(fileURLToPath(uri)) : undefined);
  /** The open document of a file, whatever spelling of its URI the client used. */
  const openDoc = (abs: string): TextDocument | undefined => documents.all().find((d) => absOf(d.uri) === abs);
  const uriOf = (abs: string): string => openDoc(abs)?.uri ?? pathToFileURL(abs).href;

  const workspaceOf = (abs: string): Workspace => {
    // The innermost folder holding the file.
    const holding = folders.filter((w) => w.contains(abs)).sort((a, b) => b.root.length - a.root.length)[0];
    if (holding) return holding;
    let alone = loose.get(abs);
    if (!alone) loose.set(abs, (alone = new Workspace(path.dirname(abs), serverOptions, abs)));
    return alone;
  };

  const openIn = (w: Workspace): Open[] => {
    const out: Open[] = documents.all().flatMap((d) => {
      const abs = absOf(d.uri);
      return abs && workspaceOf(abs) === w ? [{ uri: d.uri, abs, version: d.version, text: d.getText() }] : [];
    });
    for (const uri of openNotebooks) {
      const nb = notebooks.getNotebookDocument(uri);
      const abs = absOf(uri);
      if (!nb || !abs || workspaceOf(abs) !== w) continue;
      const docs = nb.cells.map((c) => notebooks.getCellTextDocument(c));
      const cells = nb.cells.map((c, i) => ({ uri: c.document, version: docs[i]?.version ?? 0 }));
      const text = notebookText(nb.cells.map((c, i) => ({ kind: c.kind, text: docs[i]?.getText() ?? "" })), savedText(abs));
      out.push({ uri, abs, version: nb.version, text: text.text, notebook: { document: nb, text, cells } });
    }
    return out;
  };
  /** Notebooks open as cells, by URI (the library keeps them, but lists none). */
  const openNotebooks = new Set<string>();

  async function analyse(w: Workspace): Promise<void> {
    const open = openIn(w);
    if (open.length === 0 && w.only) {
      loose.delete(w.only);
      return;
    }
    const overlay = new Map(open.map(({ abs, text }) => [abs, text]));
    const versions = new Map(open.map(({ abs, version }) => [abs, version]));
    let analysis: Analysis;
    try {
      analysis = await w.analyse(overlay);
    } catch (error) {
      const message = `ds-migrate: ${(error as Error).message}`;
      connection.console.error(message);
      // Once per problem: a broken config would otherwise pop up on every keystroke.
      if (message !== shownProblem) void connection.window.showErrorMessage(message);
      shownProblem = message;
      for (const o of open) {
        published.delete(o.uri);
        for (const uri of o.notebook ? o.notebook.cells.map((c) => c.uri) : [o.uri]) void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
      return;
    }
    shownProblem = undefined;
    for (const o of open) {
      const result = analysis.results.get(w.rel(o.abs));
      if (o.notebook) {
        const { text, cells } = o.notebook;
        published.set(o.uri, { version: o.version, result, analysis, versions, notebook: { text, cells } });
        const byCell = cells.map(() => [] as ReturnType<typeof diagnosticsOf>);
        for (const d of diagnosticsOf(result, o.text, o.uri)) {
          const placed = findingInCell(text, { line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 });
          // A finding outside every cell's source (the notebook's metadata) stands at the top of the first cell.
          const cell = placed?.cell ?? 0;
          const { relatedInformation: _json, ...rest } = d;
          byCell[cell]?.push({ ...rest, range: placed?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
        }
        cells.forEach((c, i) => void connection.sendDiagnostics({ uri: c.uri, version: c.version, diagnostics: byCell[i]! }));
        continue;
      }
      published.set(o.uri, { version: o.version, result, analysis, versions });
      void connection.sendDiagnostics({ uri: o.uri, version: o.version, diagnostics: diagnosticsOf(result, o.text, o.uri) });
    }
  }

  /** Runs one analysis at a time per workspace; requests during a run coalesce into one more. */
  function schedule(w: Workspace, delay: number): void {
    let s = runs.get(w);
    if (!s) runs.set(w, (s = { running: false, again: false }));
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      void run(w, s);
    }, delay);
  }

  async function run(w: Workspace, s: Scheduled): Promise<void> {
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    try {
      await analyse(w);
    } catch (error) {
      connection.console.error(`ds-migrate: analysis failed (please report this): ${(error as Error).stack ?? error}`);
    } finally {
      s.running = false;
    }
    if (s.again) {
      s.again = false;
      await run(w, s);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    serverOptions = { ...(params.initializationOptions ?? {}), ...options };
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    for (const uri of roots) {
      const abs = absOf(uri);
      if (abs) folders.push(new Workspace(abs, serverOptions));
    }
    versionedEdits = !!params.capabilities.workspace?.workspaceEdit?.documentChanges;
    folderChanges = !!params.capabilities.workspace?.workspaceFolders;
    watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        // Notebooks open as cells (VS Code's notebook editor): analysed as the .ipynb they make.
        notebookDocumentSync: { notebookSelector: [{ notebook: { pattern: "**/*.ipynb" }, cells: [{ language: "python" }, { language: "markdown" }] }], save: true },
      },
      serverInfo: { name: "ds-migrate", version: VERSION },
    };
  });

  let watchFiles = false;
  let folderChanges = false;
  connection.onInitialized(() => {
    if (folderChanges) connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      for (const f of removed) {
        const abs = absOf(f.uri);
        const at = folders.findIndex((w) => w.root === abs);
        if (at !== -1) runs.delete(folders.splice(at, 1)[0]!);
      }
      for (const f of added) {
        const abs = absOf(f.uri);
        if (abs && !folders.some((w) => w.root === abs)) folders.push(new Workspace(abs, serverOptions));
      }
      // Open files may now belong to another folder (or none): each folder with open files runs again.
      for (const uri of [...documents.all().map((d) => d.uri), ...openNotebooks]) {
        const abs = absOf(uri);
        if (abs) schedule(workspaceOf(abs), 0);
      }
    });
    // Files changed outside the editor (git checkout, a formatter, a new manifest): their cached analyses go.
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*" }] });
  });

  documents.onDidOpen(({ document }) => {
    const abs = absOf(document.uri);
    if (!abs) return;
    const w = workspaceOf(abs);
    w.edited(abs);
    // A file the last walk did not see is new (or ignored, which a new walk confirms).
    if (!w.walked(abs)) w.rewalk();
    schedule(w, 0);
  });

  documents.onDidChangeContent(({ document }) => {
    const abs = absOf(document.uri);
    if (!abs) return;
    const w = workspaceOf(abs);
    w.edited(abs);
    schedule(w, CHANGE_DELAY_MS);
  });

  documents.onDidSave(({ document }) => {
    const abs = absOf(document.uri);
    if (!abs) return;
    const w = workspaceOf(abs);
    w.changed(abs, w.walked(abs) ? "changed" : "created");
    schedule(w, 0);
  });

  documents.onDidClose(({ document }) => {
    published.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    const abs = absOf(document.uri);
    if (!abs) return;
    // Its unsaved text no longer counts: other files are analysed against the disk again.
    const w = workspaceOf(abs);
    w.edited(abs);
    schedule(w, 0);
  });

  notebooks.onDidOpen((nb) => {
    const abs = absOf(nb.uri);
    if (!abs) return;
    openNotebooks.add(nb.uri);
    const w = workspaceOf(abs);
    w.edited(abs);
    if (!w.walked(abs)) w.rewalk();
    schedule(w, 0);
  });

  notebooks.onDidChange(({ notebookDocument }) => {
    const abs = absOf(notebookDocument.uri);
    if (!abs) return;
    const w = workspaceOf(abs);
    w.edited(abs);
    schedule(w, CHANGE_DELAY_MS);
  });

  notebooks.onDidSave((nb) => {
    const abs = absOf(nb.uri);
    if (!abs) return;
    const w = workspaceOf(abs);
    w.changed(abs, w.walked(abs) ? "changed" : "created");
    schedule(w, 0);
  });

  notebooks.onDidClose((nb) => {
    openNotebooks.delete(nb.uri);
    published.delete(nb.uri);
    for (const cell of nb.cells) void connection.sendDiagnostics({ uri: cell.document, diagnostics: [] });
    const abs = absOf(nb.uri);
    if (!abs) return;
    const w = workspaceOf(abs);
    w.edited(abs);
    schedule(w, 0);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const touched = new Set<Workspace>();
    for (const change of changes) {
      const abs = absOf(change.uri);
      if (!abs) continue;
      const w = workspaceOf(abs);
      w.changed(abs, change.type === FileChangeType.Created ? "created" : change.type === FileChangeType.Deleted ? "deleted" : "changed");
      touched.add(w);
    }
    for (const w of touched) schedule(w, 0);
  });

  /**
   * The analysis behind an open document, if it is of the texts the editor holds now (this one's
   * and every other open one's in its workspace: a site's edits may reach them). Otherwise a
   * new analysis is on its way, and answering from the old one could misplace an edit.
   */
  const fresh = (p: Published, abs: string): boolean => {
    const open = openIn(workspaceOf(abs));
    return open.length === p.versions.size && open.every((o) => p.versions.get(o.abs) === o.version);
  };
  const current = (uri: string): { doc: TextDocument; p: Published } | undefined => {
    const doc = documents.get(uri);
    const p = published.get(uri);
    const abs = absOf(uri);
    return doc && p && abs && p.version === doc.version && fresh(p, abs) ? { doc, p } : undefined;
  };

  /** For a cell of a notebook open as cells: its notebook's analysis (if current) and the cell's index. */
  const currentCell = (uri: string): { nb: NotebookDocument; p: Published & { notebook: NonNullable<Published["notebook"]> }; index: number; abs: string } | undefined => {
    const nb = notebooks.findNotebookDocumentForCell(uri);
    const p = nb && published.get(nb.uri);
    const abs = nb && absOf(nb.uri);
    if (!nb || !p?.notebook || !abs || p.version !== nb.version || !fresh(p, abs)) return undefined;
    return { nb, p: p as Published & { notebook: NonNullable<Published["notebook"]> }, index: nb.cells.findIndex((c) => c.document === uri), abs };
  };

  /** The findings placed in one cell, with their ranges there. */
  const cellFindings = (p: Published & { notebook: NonNullable<Published["notebook"]> }, index: number): Array<{ finding: Finding; range: Range }> =>
    (p.result?.findings ?? []).flatMap((f) => {
      if (f.suppression) return [];
      const placed = findingInCell(p.notebook.text, f);
      return placed && placed.cell === index ? [{ finding: f, range: placed.range }] : [];
    });

  /** A site's edits as cell edits; undefined when any reaches outside this notebook or outside a cell line. */
  const cellEdit = (byFile: EditsByFile | undefined, rel: string, p: Published & { notebook: NonNullable<Published["notebook"]> }): WorkspaceEdit | undefined => {
    if (!byFile || byFile.size !== 1 || !byFile.has(rel)) return undefined;
    const perCell = new Map<number, ReturnType<typeof toTextEdit>[]>();
    for (const e of byFile.get(rel)!) {
      const mapped = editInCell(p.notebook.text, e);
      if (!mapped) return undefined;
      perCell.set(mapped.cell, [...(perCell.get(mapped.cell) ?? []), mapped.edit]);
    }
    return cellsEdit(perCell, p.notebook.cells);
  };

  const cellsEdit = (perCell: Map<number, ReturnType<typeof toTextEdit>[]>, cells: Array<{ uri: string; version: number }>): WorkspaceEdit => {
    const entries = [...perCell].map(([i, edits]) => ({ textDocument: { uri: cells[i]!.uri, version: cells[i]!.version }, edits }));
    return versionedEdits ? { documentChanges: entries } : { changes: Object.fromEntries(entries.map((e) => [e.textDocument.uri, e.edits])) };
  };

  async function notebookActions(uri: string, range: Range, named: Array<{ code?: string | number; range: Range }>): Promise<CodeAction[]> {
    const found = currentCell(uri);
    if (!found?.p.result || found.index === -1) return [];
    const { p, index, abs, nb } = found;
    const result = p.result!;
    const w = workspaceOf(abs);
    const rel = w.rel(abs);
    const cellDoc = notebooks.getCellTextDocument(nb.cells[index]!);
    const at = cellFindings(p, index).filter((x) => overlaps(x.range, range));
    const chosen = named.length > 0 ? at.filter((x) => named.some((d) => d.code === x.finding.ruleId && sameRange(d.range, x.range))) : at;
    const actions: CodeAction[] = [];
    for (const { finding: f, range: placed } of chosen) {
      const diagnostic = { range: placed, severity: ({ error: 1, warning: 2, info: 3 } as const)[f.severity], code: f.ruleId, source: SOURCE, message: f.message };
      const site = f.edits && f.edits.length > 0 ? cellEdit(await w.site(p.analysis, result.file, [f]), rel, p) : undefined;
      if (site) actions.push({ title: "Migrate this site", kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: site });
      const line = (cellDoc?.getText() ?? "").split("\n")[placed.start.line] ?? "";
      const indent = /^[ \t]*/.exec(line)![0];
      const directive = `ds-migrate-ignore-next-line ${f.ruleId}`;
      const comment = nb.cells[index]!.kind === 2 ? `# ${directive}` : `<!-- ${directive} -->`;
      const insert = { range: { start: { line: placed.start.line, character: 0 }, end: { line: placed.start.line, character: 0 } }, newText: `${indent}${comment}\n` };
      actions.push({ title: `Silence with ds-migrate-ignore-next-line ${f.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: cellsEdit(new Map([[index, [insert]]]), p.notebook.cells) });
    }
    const all = result.findings.filter((f) => !f.suppression && f.edits && f.edits.length > 0);
    const file = all.length > 0 && actions.length > 0 ? cellEdit(await w.site(p.analysis, result.file, all), rel, p) : undefined;
    if (file) actions.push({ title: "Migrate this file", kind: CodeActionKind.QuickFix, edit: file });
    return actions;
  }

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    if (notebooks.findNotebookDocumentForCell(textDocument.uri)) {
      const named = context.diagnostics.filter((d) => d.source === SOURCE && d.range?.start && d.range.end);
      return !context.only || context.only.some((k) => CodeActionKind.QuickFix.startsWith(k)) ? notebookActions(textDocument.uri, range, named) : [];
    }
    const found = current(textDocument.uri);
    const abs = absOf(textDocument.uri);
    if (!found || !abs || !found.p.result) return [];
    const { doc, p } = found;
    const result = p.result!;
    const w = workspaceOf(abs);
    const text = doc.getText();
    const wantFixAll = context.only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.QuickFix) ?? false;
    const wantQuickFix = !context.only || context.only.some((k) => CodeActionKind.QuickFix.startsWith(k));
    const actions: CodeAction[] = [];
    const fileFindings = result.findings.filter((f) => !f.suppression && f.edits && f.edits.length > 0);
    if (wantQuickFix) {
      // The diagnostics the client names (as ESLint answers); without them, whatever is at the range.
      const named = context.diagnostics.filter((d) => d.source === SOURCE && d.range?.start && d.range.end);
      const at = findingsAt(result, range, text);
      const chosen = named.length > 0 ? at.filter((f) => named.some((d) => d.code === f.ruleId && sameRange(d.range, findingRange(f, text)))) : at;
      for (const f of chosen) {
        const diagnostic = { range: findingRange(f, text), severity: ({ error: 1, warning: 2, info: 3 } as const)[f.severity], code: f.ruleId, source: SOURCE, message: f.message };
        const site = f.edits && f.edits.length > 0 ? await w.site(p.analysis, result.file, [f]) : undefined;
        const siteEdit = site && workspaceEdit(site, w, doc);
        if (site && siteEdit) {
          actions.push({ title: `Migrate this site${elsewhere(site, result.file)}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: siteEdit });
        }
        const silence = silenceEdit(result.file, text, f.line, f.ruleId);
        if (silence) {
          actions.push({ title: `Silence with ds-migrate-ignore-next-line ${f.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(new Map(), w, doc, [silence])! });
        }
      }
    }
    // Checked only when offered: each check is an analysis of the workspace with the edits applied.
    const fileFix = fileFindings.length > 0 && ((wantQuickFix && actions.length > 0) || wantFixAll) ? await w.site(p.analysis, result.file, fileFindings) : undefined;
    const fileEdit = fileFix && workspaceEdit(fileFix, w, doc);
    if (fileFix && fileEdit) {
      const title = `Migrate this file${elsewhere(fileFix, result.file)}`;
      if (wantQuickFix && actions.length > 0) actions.push({ title, kind: CodeActionKind.QuickFix, edit: fileEdit });
      if (wantFixAll) actions.push({ title, kind: FIX_ALL_KIND, edit: fileEdit });
    }
    return actions;
  });

  /** Edits by file as a workspace edit: versioned for open documents, so a client refuses them on text that moved on. */
  function workspaceEdit(byFile: EditsByFile, w: Workspace, doc: TextDocument, extra: ReturnType<typeof toTextEdit>[] = []): WorkspaceEdit | undefined {
    // A notebook open as cells takes edits per cell, not as JSON text: such a site is not offered from here.
    if ([...byFile.keys()].some((file) => [...openNotebooks].some((uri) => absOf(uri) === path.resolve(w.root, file)))) return undefined;
    const perUri = new Map<string, { version: number | null; edits: ReturnType<typeof toTextEdit>[] }>();
    if (extra.length > 0) perUri.set(doc.uri, { version: doc.version, edits: extra });
    for (const [file, edits] of byFile) {
      const abs = path.resolve(w.root, file);
      const uri = uriOf(abs);
      const open = openDoc(abs);
      perUri.set(uri, { version: open ? open.version : null, edits: edits.map((e) => toTextEdit(e, open?.getText())) });
    }
    if (versionedEdits) {
      const documentChanges: TextDocumentEdit[] = [...perUri].map(([uri, { version, edits }]) => ({ textDocument: { uri, version }, edits }));
      return { documentChanges };
    }
    return { changes: Object.fromEntries([...perUri].map(([uri, { edits }]) => [uri, edits])) };
  }

  connection.onHover(({ textDocument, position }) => {
    const cell = currentCell(textDocument.uri);
    if (cell?.p.result) {
      const at = cellFindings(cell.p, cell.index).filter((x) => overlaps(x.range, { start: position, end: position }));
      if (at.length === 0) return null;
      return { contents: { kind: "markdown", value: hoverText(at.map((x) => x.finding), cell.p.notebook.text.text, cell.p.analysis.settings.rules, todayIso()) }, range: at[0]!.range };
    }
    const found = current(textDocument.uri);
    if (!found?.p.result) return null;
    const range: Range = { start: position, end: position };
    const findings: Finding[] = findingsAt(found.p.result, range, found.doc.getText());
    if (findings.length === 0) return null;
    return {
      contents: { kind: "markdown", value: hoverText(findings, found.doc.getText(), found.p.analysis.settings.rules, todayIso()) },
      range: findingRange(findings[0]!, found.doc.getText()),
    };
  });

  documents.listen(connection);
  notebooks.listen(connection);
  connection.listen();
  return connection;
}

/** The notebook as saved, for its metadata (kernel, language); undefined when unreadable. */
function savedText(abs: string): string | undefined {
  try {
    return readFileSync(abs, "utf8");
  } catch {
    return undefined;
  }
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

interface Scheduled {
  running: boolean;
  again: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/** " (and 2 places in models.ts)": a site whose edits reach other files says so in its title. */
function elsewhere(byFile: EditsByFile, file: string): string {
  const others = [...byFile].filter(([f]) => f !== file);
  if (others.length === 0) return "";
  const places = others.reduce((n, [, edits]) => n + edits.length, 0);
  const names = others.length > 3 ? [...others.slice(0, 3).map(([f]) => f), `${others.length - 3} more files`] : others.map(([f]) => f);
  return ` (and ${places} place${places === 1 ? "" : "s"} in ${names.join(", ")})`;
}
