// A project that serves an OpenAI-compatible API itself (a proxy, a gateway, a reverse-engineered
// web client) documents it: its README posts `{"model": "deepseek-chat", ...}` to
// `POST /v1/chat/completions`, a route of its own, where the model names are the project's. Read
// alone, such a document looks like DeepSeek's own examples (which write the same path without a
// host), so documents are read again once the project's code is known to register the route.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { FileResult } from "./process.js";
import { makeProcessor } from "./process.js";
import type { Settings } from "./rules.js";
import { projectRoot } from "./links.js";

// `@app.route("/v1/chat/completions")`, `@router.post(...)`, `app.add_url_rule(...)`, Express's
// `app.post("/v1/chat/completions", ...)`. A call's receiver must name a server or router: an HTTP
// client's `client.post("/chat/completions")` (with DeepSeek's base URL) sends, it does not serve.
const ROUTE = /(?:@\s*[\w.]+\.(?:route|post|api_route)|\b[\w.]+\.(?:add_url_rule|add_api_route)|\b(?:app|router|server|api|routes?|fastify)\.(?:post|all|route))\(\s*(["'`])(\/(?:v1\/)?chat\/completions)\/?\1/g;
const CODE = /\.(py|[cm]?[jt]sx?)$/;
const DOC = /\.(md|mdx|markdown)$/i;

/** The results, with the documents of a project that serves its own compatible route read again knowing it. */
export async function docsOfOwnApi(files: FileResult[], settings: Settings, cwd: string, overlay?: ReadonlyMap<string, string>): Promise<FileResult[]> {
  const roots = new Map<string, string>();
  const rootOf = (file: string) => projectRoot(path.resolve(cwd, file), roots);
  const docRoots = new Set(files.filter((f) => DOC.test(f.file) && (f.requests?.length || f.findings.length)).map((f) => rootOf(f.file)));
  if (docRoots.size === 0) return files;
  const served = new Map<string, Array<{ route: string; file: string }>>();
  for (const f of files) {
    if (!CODE.test(f.file) || f.status === "unreadable" || !docRoots.has(rootOf(f.file))) continue;
    let text: string;
    try {
      text = overlay?.get(path.resolve(cwd, f.file)) ?? readFileSync(path.resolve(cwd, f.file), "utf8");
    } catch {
      continue;
    }
    for (const m of text.matchAll(ROUTE)) {
      const list = served.get(rootOf(f.file)) ?? [];
      if (!list.some((r) => r.route === m[2])) list.push({ route: m[2]!, file: f.file });
      served.set(rootOf(f.file), list);
    }
  }
  if (served.size === 0) return files;
  // One processor per project root that serves a route (its settings name the routes).
  const processors = new Map([...served].map(([root, ownRoutes]) => [root, makeProcessor({ ...settings, ownRoutes }, overlay)]));
  const out: FileResult[] = [];
  for (const f of files) {
    const processor = DOC.test(f.file) && docRoots.has(rootOf(f.file)) ? processors.get(rootOf(f.file)) : undefined;
    const again = processor ? await processor.process(path.resolve(cwd, f.file), f.file).catch(() => undefined) : undefined;
    out.push(again ?? f);
  }
  return out;
}
