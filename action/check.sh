#!/usr/bin/env bash
# The `Check` step of action.yml: runs `applinkc check` with the action's inputs (INPUT_*),
# prints GitHub annotations, appends a markdown summary to $GITHUB_STEP_SUMMARY, writes SARIF
# to $RUNNER_TEMP/applinkc.sarif when INPUT_SARIF is "true" and names it in $GITHUB_OUTPUT.
# Exits with applinkc's exit code. tests/action.rs runs it with these variables set.
set -uo pipefail
exe="${APPLINKC_BINARY:-applinkc}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
args=(check "${paths[@]}" --fail-severity "${INPUT_FAIL_SEVERITY:-error}")
add() { if [ -n "$2" ]; then args+=("$1" "$2"); fi; }
add --client-name "${INPUT_CLIENT_NAME:-}"
add --authorization-external-client-app-name "${INPUT_ECA:-}"
add --authorization-permission-set-name "${INPUT_PERMISSION_SET:-}"
add --authorization-connected-app-name "${INPUT_CONNECTED_APP:-}"
add --metadata-dir "${INPUT_METADATA_DIR:-}"
temp="${RUNNER_TEMP:-$(mktemp -d)}"
summary="$temp/applinkc-summary.md"
args+=(--format github --format markdown --output "$summary")
sarif=""
if [ "${INPUT_SARIF:-true}" = "true" ]; then
  sarif="$temp/applinkc.sarif"
  args+=(--format sarif --output "$sarif")
fi
"$exe" "${args[@]}"
code=$?
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$summary" ]; then
  cat "$summary" >> "$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  if [ -f "$sarif" ]; then echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"; else echo "sarif-file=" >> "$GITHUB_OUTPUT"; fi
fi
exit "$code"
