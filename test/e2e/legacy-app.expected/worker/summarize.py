"""Nightly summarizer: still on the legacy DeepSeek IDs."""
import os

import requests
from openai import OpenAI

DEEPSEEK_URL = "https://api.deepseek.com/v1"
SUMMARY_MODEL = "deepseek-flash"

client = OpenAI(base_url=DEEPSEEK_URL, api_key=os.environ.get("DEEPSEEK_API_KEY", ""))


def summarize(text: str) -> str:
    response = client.chat.completions.create(
        model=SUMMARY_MODEL,
        extra_body={"thinking": {"type": "disabled"}},
        messages=[{"role": "user", "content": f"Summarize: {text}"}],
        temperature=0.2,
    )
    return response.choices[0].message.content


def grade(answer: str, strict: bool) -> dict:
    r = requests.post(
        "https://api.deepseek.com/v1/chat/completions",
        json={
            "model": "deepseek-flash",
            "thinking": {"type": "enabled" if strict else "disabled"},
            "messages": [{"role": "user", "content": answer}],
        },
        headers={"Authorization": f"Bearer {os.environ.get('DEEPSEEK_API_KEY', '')}"},
        timeout=60,
    )
    return r.json()


def custom(prompt: str) -> str:
    # The model is chosen by whoever deploys this: ds-migrate reports it for review.
    response = client.chat.completions.create(model=os.environ["WORKER_MODEL"], messages=[{"role": "user", "content": prompt}])
    return response.choices[0].message.content
