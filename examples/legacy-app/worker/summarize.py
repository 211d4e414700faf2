"""Nightly summarizer: still on the legacy DeepSeek IDs."""
import os

import requests
from openai import OpenAI

DEEPSEEK_URL = "https://api.deepseek.com"
SUMMARY_MODEL = "deepseek-chat"

client = OpenAI(base_url=DEEPSEEK_URL, api_key=os.environ.get("DEEPSEEK_API_KEY", ""))


def summarize(text: str) -> str:
    response = client.chat.completions.create(
        model=SUMMARY_MODEL,
        messages=[{"role": "user", "content": f"Summarize: {text}"}],
        temperature=0.2,
    )
    return response.choices[0].message.content


def grade(answer: str, strict: bool) -> dict:
    r = requests.post(
        "https://api.deepseek.com/chat/completions",
        json={
            "model": "deepseek-reasoner" if strict else "deepseek-chat",
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
