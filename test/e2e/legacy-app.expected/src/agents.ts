import { deepseek } from "@ai-sdk/deepseek";
import { ChatOpenAI } from "@langchain/openai";
import { generateText } from "ai";

// LangChain agent on DeepSeek through the OpenAI-compatible endpoint.
export const triage = new ChatOpenAI({
  model: "deepseek-flash",
  modelKwargs: { thinking: { type: "disabled" } },
  temperature: 0,
  configuration: { baseURL: "https://api.deepseek.com/v1", apiKey: process.env.DEEPSEEK_API_KEY },
});

// Vercel AI SDK with the DeepSeek provider.
export async function plan(goal: string) {
  const { text } = await generateText({ model: deepseek("deepseek-flash"), providerOptions: { deepseek: { thinking: { type: "enabled" } } }, prompt: `Plan: ${goal}` });
  return text;
}
