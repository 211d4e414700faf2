// Request shapes as data: which call makes a request, where its model is, which host it
// talks to, and where the thinking mode goes (the client's own pass-through for extra
// request fields). A new client library is a row here and a fixture, not new traversal
// code. The OpenAI SDK's method calls, raw JSON bodies and the AI SDK's provider calls are
// recognised by their own small detectors in each language; everything built by calling
// a constructor or factory with the model as an argument is a row of CALL_SHAPES.

/** How a request carries the mode. */
export type PassThrough =
  /** OpenAI Node SDK params: a top-level property (a spread in TypeScript). */
  | { kind: "params" }
  /** A raw JSON body: a top-level key next to "model". */
  | { kind: "body" }
  /** Python keyword argument holding a dict merged into the request body (`extra_body=`). */
  | { kind: "kwarg"; name: string }
  /** Python keyword argument that is itself a request field (the pre-1.0 OpenAI SDK). */
  | { kind: "field" }
  /** A keyword/option holding a dict/object whose `inner` entry is merged into the body. */
  | { kind: "nested"; name: string; inner?: string }
  /** AI SDK: `providerOptions.<provider>` on the generateText/streamText call. */
  | { kind: "provider-options"; provider: string }
  /** Anthropic SDK: its own `thinking` parameter. */
  | { kind: "anthropic" }
  /** No pass-through exists: rewrite the ID and say exactly what to add and where. */
  | { kind: "none"; advice: string };

export interface CallShape {
  id: string;
  lang: "js" | "py";
  /** The callee's last name: `ChatOpenAI`, `LM` for `dspy.LM`, `completion` for `litellm.completion`. */
  names: string[];
  /** Modules the callee (or its root) must be imported from, as a prefix; empty: any. */
  from: string[];
  /** Whether the callee must be a whole-module attribute of one of `from` (`dspy.LM`, `litellm.completion`). */
  constructs?: boolean;
  /** Where the model is: keys of the options object (JS) or keyword names (Python), or a position. */
  model: { keys: string[]; positional?: number };
  /** Provider prefixes this client accepts in a model string (`deepseek/deepseek-chat`). */
  prefixes: string[];
  /**
   * Which requests are DeepSeek's: always (a DeepSeek-specific class), by a base-URL option
   * (dotted for nested options: `configuration.baseURL`), or by a provider option's value.
   * Without any of them, the legacy model value itself marks the request as DeepSeek's.
   */
  host: { always?: boolean; baseUrl?: string[]; provider?: { key: string; value: string } };
  pass: PassThrough;
  /** The documentation or source this row was checked against. */
  checked: string;
}

export const CALL_SHAPES: CallShape[] = [
  {
    id: "langchain-openai-js",
    lang: "js",
    names: ["ChatOpenAI", "OpenAI"],
    from: ["@langchain/openai", "langchain/"],
    model: { keys: ["model", "modelName"] },
    prefixes: [],
    host: { baseUrl: ["configuration.baseURL", "configuration.basePath", "baseURL"] },
    pass: { kind: "nested", name: "modelKwargs" },
    checked: "@langchain/openai 1.5: ChatOpenAIFields.modelKwargs (extra fields sent with every request)",
  },
  {
    id: "langchain-deepseek-js",
    lang: "js",
    names: ["ChatDeepSeek"],
    from: [],
    model: { keys: ["model", "modelName"] },
    prefixes: [],
    host: { always: true },
    pass: { kind: "nested", name: "modelKwargs" },
    checked: "@langchain/deepseek 1.1: ChatDeepSeek extends ChatOpenAI, so modelKwargs applies",
  },
  {
    id: "langchain-openai-py",
    lang: "py",
    names: ["ChatOpenAI", "OpenAI", "BaseChatOpenAI", "AzureChatOpenAI"],
    from: ["langchain_openai", "langchain_community", "langchain."],
    model: { keys: ["model", "model_name"] },
    prefixes: [],
    host: { baseUrl: ["base_url", "openai_api_base", "api_base"] },
    pass: { kind: "kwarg", name: "extra_body" },
    checked: "langchain-openai 1.x BaseChatOpenAI.extra_body / BaseOpenAI.extra_body (reference.langchain.com): the documented field for provider-specific request fields",
  },
  {
    id: "langchain-deepseek-py",
    lang: "py",
    names: ["ChatDeepSeek"],
    from: [],
    model: { keys: ["model", "model_name"] },
    prefixes: [],
    host: { always: true },
    pass: { kind: "kwarg", name: "extra_body" },
    checked: "langchain-deepseek: ChatDeepSeek extends BaseChatOpenAI, so extra_body applies",
  },
  {
    id: "litellm",
    lang: "py",
    names: ["completion", "acompletion", "LM"],
    from: ["litellm", "dspy"],
    constructs: true,
    model: { keys: ["model"], positional: 0 },
    prefixes: ["deepseek/"],
    host: {},
    pass: { kind: "kwarg", name: "extra_body" },
    checked: "LiteLLM docs, providers/deepseek and completion/provider_specific_params (extra_body is forwarded unvalidated); dspy.LM forwards **kwargs to litellm.completion",
  },
];

/** DeepSeek-specific classes: every request through them is DeepSeek's. */
export const DEEPSEEK_CLASSES = new Set(["ChatDeepSeek"]);

export function shapesFor(lang: "js" | "py"): CallShape[] {
  return CALL_SHAPES.filter((s) => s.lang === lang);
}
