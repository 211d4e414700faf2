#!/usr/bin/env bash
# Smoke test against the live API: one cheap call.
set -euo pipefail

export DEEPSEEK_MODEL="deepseek-flash"

curl -sS https://api.deepseek.com/v1/chat/completions \
  -H "Authorization: Bearer $DEEPSEEK_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"model": "deepseek-flash", "thinking": {"type": "disabled"}, "messages": [{"role": "user", "content": "ping"}]}'
