#!/usr/bin/env bash
# Smoke test against the live API: one cheap call.
set -euo pipefail

export DEEPSEEK_MODEL="deepseek-chat"

curl -sS https://api.deepseek.com/chat/completions \
  -H "Authorization: Bearer $DEEPSEEK_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"model": "deepseek-chat", "messages": [{"role": "user", "content": "ping"}]}'
