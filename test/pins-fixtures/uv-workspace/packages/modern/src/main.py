import openai
