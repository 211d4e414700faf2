import OpenAI from "openai";

// Talks to DeepSeek through the OpenAI SDK (was: deepseek-chat everywhere).
export const deepseek = new OpenAI({
  baseURL: "https://api.deepseek.com",
  apiKey: process.env.DEEPSEEK_API_KEY,
});

const DEFAULT_MODEL = "deepseek-chat";

export async function summarize(text: string): Promise<string> {
  const completion = await deepseek.chat.completions.create({
    model: DEFAULT_MODEL,
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
    model: deep ? "deepseek-reasoner" : "deepseek-chat",
    messages: [{ role: "user", content: problem }],
  });
  return completion.choices[0]?.message.content ?? "";
}

export async function streamAnswer(question: string): Promise<void> {
  const stream = await deepseek.chat.completions.create({ model: "deepseek-reasoner", messages: [{ role: "user", content: question }], stream: true });
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? "");
}
