// Raw HTTP, no SDK.
export async function ask(question) {
  const res = await fetch("https://api.deepseek.com/v1/chat/completions", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.DEEPSEEK_API_KEY}` },
    body: JSON.stringify({
      model: 'deepseek-flash',
      thinking: { type: 'disabled' },
      messages: [{ role: 'user', content: question }]
    }),
  });
  console.log('asked deepseek-chat');
  return (await res.json()).choices[0].message.content;
}

export class Assistant {
  model = 'deepseek-flash';

  constructor(client) {
    this.client = client;
  }

  async think(prompt) {
    return this.client.chat.completions.create({ model: this.model, thinking: { type: 'enabled' }, messages: [{ role: 'user', content: prompt }] });
  }
}
