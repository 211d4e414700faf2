import OpenAI from "openai";

const client = new OpenAI({ baseURL: "https://api.deepseek.com/v1", apiKey: process.env.DEEPSEEK_API_KEY });

// The model comes from the environment: ds-migrate cannot know which ID it holds.
export function chat(content: string) {
  return client.chat.completions.create({ model: process.env.DEEPSEEK_MODEL ?? "deepseek-flash", messages: [{ role: "user", content }] });
}
