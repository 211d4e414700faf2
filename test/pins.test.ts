// Pinned versions per source file: manifests, lockfiles, workspaces and monorepos, ranges.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { minimumOf, PinIndex, satisfies } from "../dist/src/pins/index.js";

const FIXTURES = fileURLToPath(new URL("./pins-fixtures/", import.meta.url));

/** An index rooted at one fixture case, and a lookup by a file path inside it. */
function project(name: string) {
  const root = path.join(FIXTURES, name);
  const index = new PinIndex(root);
  return (file: string, ecosystem: "npm" | "pypi", pkg: string) => index.pinFor(path.join(root, file), ecosystem, pkg);
}

describe("requirements.txt", () => {
  const pin = project("requirements");

  test("an exact pin with extras, a marker, a continuation and --hash", () => {
    expect(pin("src/app.py", "pypi", "autogen-ext")).toEqual({ ecosystem: "pypi", name: "autogen-ext", version: "0.4.9", from: "requirements.txt" });
  });

  test("a -r include holding a range, no lockfile", () => {
    const found = pin("src/app.py", "pypi", "pydantic-ai");
    expect(found).toEqual({ ecosystem: "pypi", name: "pydantic-ai", range: ">=0.0.30", from: "base.txt" });
    expect(minimumOf("pypi", found!.range!)).toBe("0.0.30");
  });

  test("a -c constraints file gives the version of an unpinned line", () => {
    expect(pin("src/app.py", "pypi", "requests")).toEqual({ ecosystem: "pypi", name: "requests", version: "2.32.3", from: "constraints.txt" });
  });

  test("requirements-*.txt and requirements/*.txt are manifests too", () => {
    expect(pin("src/app.py", "pypi", "pytest")).toEqual({ ecosystem: "pypi", name: "pytest", range: "~=8.3", from: "requirements-dev.txt" });
    expect(pin("src/app.py", "pypi", "mkdocs")).toEqual({ ecosystem: "pypi", name: "mkdocs", range: ">=1.6,<2", from: "requirements/docs.txt" });
  });

  test("PEP 503 names: Autogen_Ext finds autogen-ext", () => {
    expect(pin("src/app.py", "pypi", "Autogen_Ext")).toEqual({ ecosystem: "pypi", name: "autogen-ext", version: "0.4.9", from: "requirements.txt" });
    expect(pin("src/app.py", "pypi", "autogen.EXT")?.version).toBe("0.4.9");
  });

  test("an include above the root is not read; options and editable lines declare nothing", () => {
    expect(pin("src/app.py", "pypi", "leaked-pkg")).toBeUndefined();
    expect(pin("src/app.py", "pypi", "local-tool")).toBeUndefined();
  });
});

describe("Python manifests with lockfiles", () => {
  test("poetry: poetry.lock's version wins over the caret range", () => {
    const pin = project("poetry");
    expect(pin("svc/client.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", version: "1.51.0", from: "poetry.lock" });
    expect(pin("svc/client.py", "pypi", "autogen-agentchat")?.version).toBe("0.4.9");
    expect(pin("svc/client.py", "pypi", "pytest")).toEqual({ ecosystem: "pypi", name: "pytest", version: "8.3.3", from: "poetry.lock" });
  });

  test("poetry: not in the lock, the caret becomes a PEP 440 range; python is not a package", () => {
    const pin = project("poetry");
    expect(pin("svc/client.py", "pypi", "tenacity")).toEqual({ ecosystem: "pypi", name: "tenacity", range: ">=8.2,<9", from: "pyproject.toml" });
    expect(pin("svc/client.py", "pypi", "python")).toBeUndefined();
  });

  test("uv: [project] dependencies, extras, optional dependencies and dependency groups through uv.lock", () => {
    const pin = project("uv");
    expect(pin("src/svc/main.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", version: "1.55.0", from: "uv.lock" });
    expect(pin("src/svc/main.py", "pypi", "pydantic_ai_slim")?.version).toBe("0.0.31");
    expect(pin("src/svc/main.py", "pypi", "autogen-agentchat")?.version).toBe("0.4.9");
    expect(pin("src/svc/main.py", "pypi", "pytest")?.version).toBe("8.3.4");
    // Not in uv.lock: the exact pin in [dependency-groups] stands.
    expect(pin("src/svc/main.py", "pypi", "ruff")).toEqual({ ecosystem: "pypi", name: "ruff", version: "0.7.1", from: "pyproject.toml" });
  });

  test("Pipfile with Pipfile.lock; \"*\" means any version", () => {
    const pin = project("pipenv");
    expect(pin("bot.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", version: "1.51.2", from: "Pipfile.lock" });
    expect(pin("bot.py", "pypi", "autogen-ext")?.version).toBe("0.4.9");
    expect(pin("bot.py", "pypi", "pytest")).toEqual({ ecosystem: "pypi", name: "pytest", version: "8.3.3", from: "Pipfile.lock" });
    expect(pin("bot.py", "pypi", "langchain-openai")).toEqual({ ecosystem: "pypi", name: "langchain-openai", range: ">=0.2", from: "Pipfile" });
  });
});

test("setup.cfg: install_requires continuation lines and extras_require", () => {
  const pin = project("setup-cfg");
  expect(pin("pkg/client.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", range: ">=1.40,<2", from: "setup.cfg" });
  expect(pin("pkg/client.py", "pypi", "autogen-ext")).toEqual({ ecosystem: "pypi", name: "autogen-ext", version: "0.4.9", from: "setup.cfg" });
  expect(pin("pkg/client.py", "pypi", "pytest")).toEqual({ ecosystem: "pypi", name: "pytest", range: ">=8.0", from: "setup.cfg" });
  expect(pin("pkg/client.py", "pypi", "packages")).toBeUndefined();
});

describe("Python monorepos", () => {
  test("poetry: a member's own lock, the root lock that records the member, and a member neither lock covers", () => {
    const pin = project("poetry-monorepo");
    expect(pin("packages/a/src/client.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", version: "1.30.5", from: "packages/a/poetry.lock" });
    expect(pin("packages/b/src/client.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", version: "1.54.0", from: "poetry.lock" });
    expect(pin("packages/c/src/client.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", range: ">=1.0,<2", from: "packages/c/pyproject.toml" });
  });

  test("uv workspace: conflicting members each get their own locked version", () => {
    const pin = project("uv-workspace");
    expect(pin("packages/legacy/src/main.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", version: "1.40.8", from: "uv.lock" });
    expect(pin("packages/modern/src/main.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", version: "1.55.3", from: "uv.lock" });
    expect(pin("packages/tools/src/main.py", "pypi", "httpx")).toEqual({ ecosystem: "pypi", name: "httpx", version: "0.27.2", from: "uv.lock" });
    expect(pin("packages/tools/src/main.py", "pypi", "openai")).toBeUndefined();
  });
});

describe("npm workspaces and lockfiles", () => {
  test("pnpm v9: each importer its own version, peer suffixes stripped", () => {
    const pin = project("pnpm-workspace");
    expect(pin("packages/old-bot/src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "4.104.0", from: "pnpm-lock.yaml" });
    expect(pin("packages/new-bot/src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "6.1.0", from: "pnpm-lock.yaml" });
    expect(pin("packages/new-bot/src/index.ts", "npm", "typescript")).toEqual({ ecosystem: "npm", name: "typescript", version: "5.6.3", from: "pnpm-lock.yaml" });
  });

  test("pnpm v6: a single project's top-level dependencies", () => {
    const pin = project("pnpm-v6");
    expect(pin("src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "4.28.0", from: "pnpm-lock.yaml" });
    expect(pin("src/index.ts", "npm", "@azure/openai")?.version).toBe("1.0.0-beta.12");
  });

  test("npm v3: a workspace's nested copy, a hoisted copy, and the root's own", () => {
    const pin = project("npm-workspaces");
    expect(pin("packages/web/src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "6.3.0", from: "package-lock.json" });
    expect(pin("packages/api/src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "4.104.0", from: "package-lock.json" });
    expect(pin("scripts/seed.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "4.104.0", from: "package-lock.json" });
  });

  test("yarn v1: the entry whose descriptors hold the manifest's range, scoped names, npm: aliases", () => {
    const pin = project("yarn-classic");
    expect(pin("src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "4.67.3", from: "yarn.lock" });
    expect(pin("src/index.ts", "npm", "@anthropic-ai/sdk")?.version).toBe("0.30.1");
    expect(pin("src/index.ts", "npm", "legacy-client")?.version).toBe("3.3.0");
  });

  test("yarn berry: npm: descriptors", () => {
    const pin = project("yarn-berry");
    expect(pin("src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "4.104.0", from: "yarn.lock" });
    expect(pin("src/index.ts", "npm", "typescript")?.version).toBe("5.6.3");
  });

  test("bun.lock: a workspace's own copy, and the hoisted one", () => {
    const pin = project("bun");
    expect(pin("packages/bot/src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "6.1.0", from: "bun.lock" });
    expect(pin("src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", version: "4.104.0", from: "bun.lock" });
  });
});

describe("where nothing is pinned", () => {
  test("no manifest at all", () => {
    const pin = project("empty");
    expect(pin("src/notes.md", "npm", "openai")).toBeUndefined();
    expect(pin("src/notes.md", "pypi", "openai")).toBeUndefined();
  });

  test("a nearer manifest that does not declare the package: the search goes on upward", () => {
    const pin = project("nested");
    expect(pin("tools/src/index.ts", "npm", "zod")).toEqual({ ecosystem: "npm", name: "zod", range: "^3.23.0", from: "tools/package.json" });
    expect(pin("tools/src/index.ts", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", range: "^6.0.0", from: "package.json" });
    expect(pin("tools/src/main.py", "pypi", "openai")).toEqual({ ecosystem: "pypi", name: "openai", range: ">=1.40", from: "requirements.txt" });
    expect(pin("tools/src/index.ts", "npm", "react")).toEqual({ ecosystem: "npm", name: "react", range: "^18 || ^19", from: "tools/package.json" });
    expect(pin("tools/src/index.ts", "npm", "bufferutil")).toEqual({ ecosystem: "npm", name: "bufferutil", version: "4.0.8", from: "tools/package.json" });
    expect(pin("tools/src/index.ts", "npm", "left-pad")).toBeUndefined();
  });

  test("files that do not parse are skipped, never thrown", () => {
    const pin = project("broken");
    expect(pin("src/main.py", "npm", "openai")).toEqual({ ecosystem: "npm", name: "openai", range: "^4.0.0", from: "package.json" });
    expect(pin("src/main.py", "pypi", "openai")).toBeUndefined();
  });

  test("a file outside the root", () => {
    const index = new PinIndex(path.join(FIXTURES, "nested", "tools"));
    expect(index.pinFor(path.join(FIXTURES, "nested", "src", "x.ts"), "npm", "openai")).toBeUndefined();
    // And the root's parent is not read: nested/package.json declares openai, but lies above this root.
    expect(index.pinFor(path.join(FIXTURES, "nested", "tools", "src", "index.ts"), "npm", "openai")).toBeUndefined();
  });
});

test("results are cached: each file is read once, later edits are not seen", () => {
  const root = mkdtempSync(path.join(tmpdir(), "pins-"));
  try {
    cpSync(path.join(FIXTURES, "pnpm-workspace"), root, { recursive: true });
    const index = new PinIndex(root);
    expect(index.pinFor(path.join(root, "packages/old-bot/src/index.ts"), "npm", "openai")?.version).toBe("4.104.0");
    writeFileSync(path.join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\nimporters: {}\n");
    expect(index.pinFor(path.join(root, "packages/new-bot/src/index.ts"), "npm", "openai")?.version).toBe("6.1.0");
    expect(new PinIndex(root).pinFor(path.join(root, "packages/new-bot/src/index.ts"), "npm", "openai")).toEqual({
      ecosystem: "npm",
      name: "openai",
      range: "^6.1.0",
      from: "packages/new-bot/package.json",
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

describe("satisfies", () => {
  const cases: Array<["npm" | "pypi", string, string, boolean]> = [
    ["pypi", "0.7.5", ">=0.7.5", true],
    ["pypi", "0.4.9", ">=0.7.5", false],
    ["pypi", "0.4.9", "~=0.4.2", true],
    ["pypi", "0.5.0", "~=0.4.2", false],
    ["pypi", "0.5", ">=0.4,<1", true],
    ["pypi", "1.0.0", ">=0.4,<1", false],
    ["pypi", "1.2.7", "==1.2.*", true],
    ["pypi", "3.0.0", "", true],
    ["pypi", "1.9.0", "^1.2", true],
    ["pypi", "2.0.0", "^1.2", false],
    ["pypi", "0.2.9", "^0.2.3", true],
    ["pypi", "0.3.0", "^0.2.3", false],
    ["pypi", "1.2.9", "~1.2", true],
    ["pypi", "1.3.0", "~1.2", false],
    ["pypi", "2.1.0", "^1.0 || ^2.0", true],
    ["pypi", "not-a-version", ">=1", false],
    ["npm", "6.1.0", "^6", true],
    ["npm", "5.9.0", "^6", false],
    ["npm", "4.104.0", "^4.20.0", true],
    ["npm", "1.2.4", "~1.2.3", true],
    ["npm", "6.1.0", "workspace:^6.0.0", true],
    ["npm", "1.0.0", "not a range", false],
  ];
  test.each(cases)("%s: %s in %s → %s", (ecosystem, version, range, expected) => {
    expect(satisfies(ecosystem, version, range)).toBe(expected);
  });
});

describe("minimumOf", () => {
  const cases: Array<["npm" | "pypi", string, string | undefined]> = [
    ["pypi", ">=0.4.2", "0.4.2"],
    ["pypi", "~=0.7", "0.7"],
    ["pypi", ">=0.4,<1", "0.4"],
    ["pypi", ">=0.4,>=0.5.1", "0.5.1"],
    ["pypi", "==1.2.*", "1.2"],
    ["pypi", "^1.2", "1.2"],
    ["pypi", "<1", undefined],
    ["pypi", ">0.4", undefined],
    ["pypi", "", undefined],
    ["npm", "^1.2.0", "1.2.0"],
    ["npm", ">=0.4.2", "0.4.2"],
    ["npm", "~6.1", "6.1.0"],
    ["npm", "1.2.3", "1.2.3"],
    ["npm", "^4 || ^6", "4.0.0"],
    ["npm", "<2", undefined],
    ["npm", "*", undefined],
    ["npm", "latest", undefined],
  ];
  test.each(cases)("%s: %s → %s", (ecosystem, range, expected) => {
    expect(minimumOf(ecosystem, range)).toBe(expected);
  });
});
