import OpenAI from "openai";

// Talks to DeepSeek through the OpenAI SDK (was: deepseek-chat everywhere).
export const deepseek = new OpenAI({
  baseURL: "https://api.deepseek.com/v1",
  apiKey: process.env.DEEPSEEK_API_KEY,
});

const DEFAULT_MODEL = "deepseek-flash";

export async function summarize(text: string): Promise<string> {
  const completion = await deepseek.chat.completions.create({
    model: DEFAULT_MODEL,
    ...{ thinking: { type: "disabled" } },
    messages: [
      { role: "system", content: "Summarize in one sentence." },
      { role: "user", content: text },
    ],
    temperature: 0.2,
  });
  return completion.choices[0]?.message.content ?? "";
}

export async function solve(problem: string, deep: boolean): Promise<string> {
  const completion = await deepseek.chat.completions.create({
    model: "deepseek-flash",
    ...{ thinking: { type: deep ? "enabled" : "disabled" } },
    messages: [{ role: "user", content: problem }],
  });
  return completion.choices[0]?.message.content ?? "";
}

export async function streamAnswer(question: string): Promise<void> {
  const stream = await deepseek.chat.completions.create({ model: "deepseek-flash", ...{ thinking: { type: "enabled" } }, messages: [{ role: "user", content: question }], stream: true });
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? "");
}
