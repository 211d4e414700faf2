import OpenAI from "openai";
