import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url); const __dsStdoutColumns = (() => { try { return require('fs').fstatSync(1).isCharacterDevice() ? process.stdout.columns : undefined; } catch { return undefined; } })();

// dist/src/worker.js
import { parentPort, workerData } from "node:worker_threads";

// dist/src/prefilter.js
import { closeSync, openSync, readSync } from "node:fs";
function makePrefilter(needles2) {
  const exact = needles2.map((n) => Buffer.from(n, "utf8"));
  const shared = commonSubstring(needles2);
  const common = shared.length >= 3 && needles2.length > 1 ? Buffer.from(shared) : void 0;
  const hits = (buf) => {
    if (common && buf.indexOf(common) === -1)
      return false;
    return exact.some((n) => buf.indexOf(n) !== -1);
  };
  const overlap = Math.max(...exact.map((n) => n.length)) - 1;
  const chunk = Buffer.allocUnsafe(CHUNK);
  const classify = (path) => {
    let first = true;
    let binary = false;
    let near = false;
    let utf16;
    const hit = scanChunks(path, chunk, overlap, (buf) => {
      if (first && looksBinary(buf)) {
        utf16 = utf16Of(buf);
        binary = !utf16;
      }
      first = false;
      if (binary)
        return true;
      const text = utf16 ? asUtf8(buf, utf16) : buf;
      if (common) {
        if (text.indexOf(common) === -1)
          return false;
        near = true;
      }
      return exact.some((n) => text.indexOf(n) !== -1);
    });
    return binary ? "binary" : hit ? "hit" : near ? "near" : "miss";
  };
  const classifyBuffer = (buf) => hits(buf) ? "hit" : common && buf.indexOf(common) !== -1 ? "near" : "miss";
  return { hits, classifyBuffer, fileHits: (path) => scanChunks(path, chunk, overlap, hits), classify };
}
var CHUNK = 256 * 1024;
function scanChunks(path, chunk, overlap, stop) {
  const fd = openSync(path, "r");
  try {
    let carried = 0;
    for (; ; ) {
      const wanted = chunk.length - carried;
      const read = readSync(fd, chunk, carried, wanted, null);
      if (read === 0)
        return false;
      const filled = carried + read;
      if (stop(chunk.subarray(0, filled)))
        return true;
      if (read < wanted)
        return false;
      carried = Math.min(overlap, filled);
      chunk.copy(chunk, 0, filled - carried, filled);
    }
  } finally {
    closeSync(fd);
  }
}
function findNeedles(path, needles2, chunk = Buffer.allocUnsafe(CHUNK)) {
  const found = needles2.map(() => false);
  const overlap = Math.max(0, ...needles2.map((n) => n.length - 1));
  scanChunks(path, chunk, overlap, (buf) => {
    needles2.forEach((n, i) => {
      if (!found[i] && buf.indexOf(n) !== -1)
        found[i] = true;
    });
    return found.every(Boolean);
  });
  return found;
}
function looksBinary(buf) {
  return buf.subarray(0, 8e3).includes(0);
}
function utf16Of(buf) {
  if (buf[0] === 255 && buf[1] === 254)
    return "utf16le";
  if (buf[0] === 254 && buf[1] === 255)
    return "utf16be";
  const n = Math.min(buf.length, 512) & ~1;
  if (n < 8)
    return void 0;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < n; i++)
    if (buf[i] === 0)
      i % 2 === 1 ? odd++ : even++;
  if (even === 0 && odd >= n / 2 * 0.9)
    return "utf16le";
  if (odd === 0 && even >= n / 2 * 0.9)
    return "utf16be";
  return void 0;
}
function utf16Text(buf, encoding) {
  const le = encoding === "utf16le" ? buf : Buffer.from(buf).swap16();
  return le.subarray(0, le.length & ~1).toString("utf16le");
}
function asUtf8(buf, encoding) {
  return Buffer.from(utf16Text(buf, encoding), "utf8");
}
function commonSubstring(needles2) {
  if (needles2.length === 0)
    return "";
  const shortest = needles2.reduce((a, b) => a.length <= b.length ? a : b);
  for (let len = shortest.length; len > 0; len--) {
    for (let i = 0; i + len <= shortest.length; i++) {
      const candidate = shortest.slice(i, i + len);
      if (needles2.every((n) => n.includes(candidate)))
        return candidate;
    }
  }
  return "";
}

// dist/src/links.js
var IN_DEPENDENCY = /[\\/](node_modules|site-packages|dist-packages)[\\/][^\\/]/;
function inScope(abs, scope) {
  if (scope === "")
    return !IN_DEPENDENCY.test(abs);
  return abs.startsWith(scope) && (abs[scope.length] === "/" || abs[scope.length] === "\\") && !IN_DEPENDENCY.test(abs.slice(scope.length));
}
var IMPORTING_FILE = /\.(m|c)?[jt]sx?$|\.py$|\.ipynb$/;
function importerFilter(groups, overlay) {
  const names = [...new Set(groups.flatMap((g) => g.names))];
  const modules = [...new Set(groups.flatMap((g) => g.modules))];
  const nameBufs = names.map((w) => Buffer.from(w));
  const shared = commonSubstring(names);
  const sharedBuf = shared.length >= 3 && names.length > 1 ? [Buffer.from(shared)] : [];
  const moduleBufs = new Map(modules.map((w) => [w, Buffer.from(w)]));
  const overlap = Math.max(0, ...modules.map((w) => Buffer.byteLength(w) - 1));
  const shortestFirst = [...modules].sort((a, b) => a.length - b.length);
  const nameIndex = new Map(names.map((w, i) => [w, i]));
  const anyDefault = groups.some((g) => g.names.length === 0);
  const chunk = Buffer.allocUnsafe(256 * 1024);
  const unsavedOf = (abs) => {
    const text = overlay?.get(abs);
    return text === void 0 ? void 0 : Buffer.from(text, "utf8");
  };
  const search = (abs, needles2) => {
    const buf = unsavedOf(abs);
    return buf ? needles2.map((n) => buf.indexOf(n) !== -1) : findNeedles(abs, needles2, chunk);
  };
  return (abs) => {
    if (!IMPORTING_FILE.test(abs))
      return false;
    const inProject = groups.filter((g) => abs.startsWith(g.root) && inScope(abs, g.scope));
    if (inProject.length === 0)
      return false;
    try {
      if (!anyDefault && sharedBuf.length > 0 && !search(abs, sharedBuf)[0])
        return false;
      const nameFound = search(abs, nameBufs);
      if (!anyDefault && !nameFound.includes(true))
        return false;
      const named = inProject.filter((g) => g.names.length === 0 || g.names.some((w) => nameFound[nameIndex.get(w)]));
      const want = new Set(named.flatMap((g) => g.modules));
      const wanted = shortestFirst.filter((w) => want.has(w)).map((w) => moduleBufs.get(w));
      if (wanted.length === 0)
        return false;
      const holds = (buf2) => wanted.some((needle) => buf2.indexOf(needle) !== -1);
      const buf = unsavedOf(abs);
      return buf ? holds(buf) : scanChunks(abs, chunk, overlap, holds);
    } catch {
      return false;
    }
  };
}

// dist/src/models.js
var PRICING = "https://api-docs.deepseek.com/quick_start/pricing";
var FIRST_CALL = "https://api-docs.deepseek.com/";
var CHANGE_LOG = "https://api-docs.deepseek.com/updates";
var DEFAULT_MODELS = [
  {
    id: "deepseek-chat",
    status: "deprecated",
    servedBy: "DeepSeek-V4-Flash in non-thinking mode until the deadline; nothing after it",
    deprecated: "2026-07-24T15:59:00Z",
    mode: "non-thinking",
    successor: "target",
    source: CHANGE_LOG,
    note: "V4 launch: deepseek-chat and deepseek-reasoner are compatibility names for DeepSeek-V4-Flash (non-thinking / thinking) and become inaccessible after 2026-07-24 15:59 UTC."
  },
  {
    id: "deepseek-reasoner",
    status: "deprecated",
    servedBy: "DeepSeek-V4-Flash in thinking mode until the deadline; nothing after it",
    deprecated: "2026-07-24T15:59:00Z",
    mode: "thinking",
    successor: "target",
    source: CHANGE_LOG,
    note: "See deepseek-chat."
  },
  {
    id: "deepseek-v4-flash",
    status: "alias",
    servedBy: "DeepSeek-V4.1-Flash (billed at the Flash price)",
    aliasSince: "2026-09-10",
    successor: "flash",
    source: PRICING,
    note: "Footnote 1: use deepseek-flash; the old names deepseek-v4-flash and deepseek-v4-flash-vision-exp are still accepted, but their models are retired and V4.1 Flash serves them. No removal date announced."
  },
  {
    id: "deepseek-v4-flash-vision-exp",
    status: "alias",
    servedBy: "DeepSeek-V4.1-Flash (billed at the Flash price)",
    aliasSince: "2026-09-10",
    successor: "flash",
    source: PRICING,
    note: "See deepseek-v4-flash."
  },
  {
    id: "deepseek-flash",
    status: "current",
    servedBy: "DeepSeek-V4.1-Flash",
    since: "2026-09-10",
    source: PRICING,
    note: "The model name DeepSeek recommends; thinks by default (reasoning_effort low / high / max)."
  },
  {
    id: "deepseek-v4-pro",
    status: "current",
    servedBy: "DeepSeek-V4-Pro-0813",
    source: PRICING,
    note: `Listed as its own model on the pricing page. DeepSeek's "Your First API Call" page (${FIRST_CALL}) once announced routing it to V4.1 Flash from 2026-09-14; the later pricing page still lists V4-Pro-0813, so the pricing page wins until it says otherwise.`
  }
];

// dist/src/rules.js
var MODE_KEYS = ["thinking", "thinking_mode"];
var STATED_MODE_KEYS = [...MODE_KEYS, "reasoning_effort"];
function needles(rules) {
  const routed = rules.providerPrefixes.filter((p) => p.startsWith("deepseek")).map((p) => `${p}deepseek-`);
  return [.../* @__PURE__ */ new Set([...rules.models.map((r) => r.id), ...rules.hosts, ...Object.values(rules.targets), ...routed])];
}

// dist/src/worker.js
var prefilter = makePrefilter(needles(workerData.settings.rules));
var chain = Promise.resolve();
parentPort.on("message", ({ paths, link, search }) => {
  const batch = paths.split("\0");
  chain = chain.then(() => link ? match(batch, link, search) : run(batch));
});
function match(batch, link, search) {
  const test = importerFilter(link);
  const matches = [];
  batch.forEach((abs, i) => {
    if (test(abs))
      matches.push(i);
  });
  parentPort.postMessage({ count: batch.length, matches, search });
}
async function run(batch) {
  const answer = { count: batch.length, hits: [] };
  batch.forEach((abs, i) => {
    try {
      const kind = prefilter.classify(abs);
      if (kind === "hit")
        answer.hits.push(i);
      else if (kind === "near")
        (answer.near ??= []).push(i);
      else if (kind === "binary")
        answer.binary = (answer.binary ?? 0) + 1;
    } catch (error) {
      (answer.unreadable ??= []).push([i, `cannot read: ${error.message}`]);
    }
  });
  parentPort.postMessage(answer);
}
