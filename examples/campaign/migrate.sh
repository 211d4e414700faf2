#!/usr/bin/env bash
# What a campaign runs in each repository clone (multi-gitter's `run`, a Sourcegraph batch
# step, or any loop over clones), from the clone's root:
#   1. `ds-migrate` migrates the clone in place, writing its JSON report (for
#      `ds-migrate report merge`) and its Markdown report from the same run, both OUTSIDE the
#      clone, so that they are never committed (multi-gitter commits with `git add .`);
#   2. the pull-request body is written next to them: a short introduction, then the Markdown report;
#   3. the changes are left in the work tree for multi-gitter to commit, or, with
#      DS_MIGRATE_COMMIT=true (multi-gitter --manual-commit), committed here with the title and
#      the body as the commit message: multi-gitter then takes the PR title and body from it.
#
# Exit codes follow multi-gitter's contract: non-zero means "no pull request for this
# repository" and the run lists it as failed; 0 with no change means nothing to propose.
#   0  migrated (or nothing to migrate); files ds-migrate could not read or parse are listed
#      in the PR body, and `ds-migrate check` in the repository's CI still fails on them
#   1  a file could not be written, or the run was interrupted (the tree is half-migrated)
#   2  usage or input error (a bad option after the script name, a bad ds-migrate.json)
#   127 ds-migrate is not on PATH
#   other: ds-migrate's own exit code (129/130/143: stopped by a signal)
#
# Arguments are passed to ds-migrate (e.g. `migrate.sh --target pro`).
# Environment:
#   REPOSITORY           set by multi-gitter (owner/name); else the clone folder's name
#   DS_MIGRATE_REPORTS   folder for the reports (default: $TMPDIR/ds-migrate-reports); per
#                        repository it gets <REPOSITORY>.json (the JSON report) and
#                        <REPOSITORY>.md (the PR body)
#   DS_MIGRATE_COMMIT    "true": commit here (for multi-gitter --manual-commit)
#   DS_MIGRATE_TITLE     the commit and PR title in that mode
# Bash 3.2 (macOS) is enough.
set -u

fail() { # code, message
  echo "migrate.sh: $2" >&2
  exit "$1"
}

command -v ds-migrate > /dev/null 2>&1 || fail 127 "ds-migrate is not on PATH; install it (README: Install) and run again"

reports=${DS_MIGRATE_REPORTS:-${TMPDIR:-/tmp}/ds-migrate-reports}
name=${REPOSITORY:-$(basename "$PWD")}
title=${DS_MIGRATE_TITLE:-"Migrate off DeepSeek's deprecated model IDs (ds-migrate)"}
json="$reports/$name.json"
body="$reports/$name.md"
mkdir -p "$(dirname "$json")" || fail 1 "cannot create the reports folder $(dirname "$json")"
case "$(cd "$(dirname "$json")" && pwd -P)/" in
  "$(pwd -P)/"*) fail 2 "DS_MIGRATE_REPORTS ($reports) is inside the clone: the reports would be committed; choose a folder outside it" ;;
esac
# A report left by an earlier run must not stand for this one.
rm -f "$json" "$body"
work=$(mktemp -d "${TMPDIR:-/tmp}/ds-migrate-campaign.XXXXXX") || fail 1 "cannot create a temporary folder"
trap 'rm -rf "$work"' EXIT
markdown="$work/report.md"

code=0
ds-migrate "$@" --quiet --report "$json" --report "$markdown" -- . || code=$?

case "$code" in
  0) ;;
  1)
    # Exit 1: some file was not read, parsed or written. Not written (or interrupted) leaves
    # a half-migrated tree: no PR. Not read or parsed: the rest is migrated, the PR says so.
    [ -s "$json" ] || fail 1 "ds-migrate exited 1 and wrote no report; see its output above"
    # shellcheck disable=SC2016 # JavaScript, not shell: its ${...} are template literals
    node -e '
      const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const unwritten = report.files.filter((f) => f.status === "write-failed" || f.status === "not-written");
      for (const f of unwritten) console.error(`  ${f.file}: ${f.problem ?? f.status}`);
      process.exit(unwritten.length > 0 || report.interrupted ? 1 : 0);
    ' "$json" || fail 1 "ds-migrate could not write every file (listed above); no pull request for this half-migrated tree"
    echo "migrate.sh: some files could not be read or parsed; they are listed in the PR body" >&2
    ;;
  *) fail "$code" "ds-migrate exited $code; see its output above" ;;
esac

{
  echo "This pull request comes from a ds-migrate campaign: DeepSeek's deprecated model IDs are"
  echo "rewritten to V4 with an explicit thinking mode. Below is ds-migrate's report for this"
  echo "repository: what it rewrote, and the findings a person must still review."
  echo
  cat "$markdown"
} > "$body" || fail 1 "cannot write the PR body $body"

if [ "${DS_MIGRATE_COMMIT:-false}" = "true" ] && [ -n "$(git status --porcelain)" ]; then
  { printf '%s\n\n' "$title"; cat "$body"; } > "$work/message"
  # verbatim: the report's Markdown headings start with "#", which git's default cleanup strips.
  git add -A || fail 1 "git add failed"
  git commit --quiet --no-verify --cleanup=verbatim -F "$work/message" || fail 1 "git commit failed"
fi
echo "migrate.sh: JSON report $json; PR body $body" >&2
