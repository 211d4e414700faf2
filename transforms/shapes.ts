// Request shapes as data: which call makes a request, where its model is, which host it
// talks to, and where the thinking mode goes (the client's own pass-through for extra
// request fields). A new client library is a row here and a fixture, not new traversal
// code. The OpenAI SDK's method calls, raw JSON bodies and the AI SDK's provider calls are
// recognised by their own small detectors in each language; everything built by calling
// a constructor or factory with the model as an argument is a row of CALL_SHAPES.
//
// `checked` names the documentation or source each row was checked against, with its
// version: a pass-through is only ever one the framework documents or forwards.

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
  /**
   * A keyword/option holding a dict/object whose `inner` entry (or itself, without `inner`)
   * is merged into the body. `typed`: the option has a closed TypeScript type, so the mode
   * goes in as a spread, which excess-property checks accept.
   */
  | { kind: "nested"; name: string; inner?: string; typed?: boolean }
  /** AI SDK: `providerOptions.<provider>` on the generateText/streamText call. */
  | { kind: "provider-options"; provider: string }
  /** Anthropic SDK: its own `thinking` parameter. */
  | { kind: "anthropic" }
  /** No pass-through at this call: rewrite the ID and say exactly what to add and where (`{mode}` is the mode). */
  | { kind: "none"; advice: string };

export interface CallShape {
  id: string;
  lang: "js" | "py";
  /** The callee's last name: `ChatOpenAI`, `LM` for `dspy.LM`, `completion` for `litellm.completion`. */
  names: string[];
  /** Modules the callee (or its root) must be imported from, as a prefix; empty: any. */
  from: string[];
  /**
   * A name bound nowhere in the file matches too (a documentation snippet without its imports);
   * a class of the same name defined in the project or imported from elsewhere does not.
   */
  unbound?: boolean;
  /**
   * A generic name (`Agent`) from a module name a project may use for its own package (`agents`):
   * the file must also import one of these names, only that library's, from the same module.
   */
  alongside?: string[];
  /** Where the model is: keys of the options object (JS) or keyword names (Python), or a position. */
  model: { keys: string[]; positional?: number };
  /** JS: which argument is the options object (default 0). */
  optionsArg?: number;
  /** Provider prefixes this client accepts in a model string (`deepseek/deepseek-chat`, `deepseek:deepseek-chat`). */
  prefixes: string[];
  /**
   * Which requests are DeepSeek's: always (a DeepSeek-specific class), by a base-URL option
   * (dotted for nested options: `configuration.baseURL`, `provider.base_url`), by a provider
   * option's value or class, or by the OpenAI client passed in. Without any of them, the
   * legacy model value itself marks the request as DeepSeek's.
   */
  host: {
    always?: boolean;
    baseUrl?: string[];
    provider?: { key: string; value: string; classes?: string[] };
    client?: { key?: string; positional?: number };
  };
  pass: PassThrough;
  /** TypeScript: the client types its model as a closed union of the legacy IDs, so a V4 ID cannot type-check. */
  closedModelType?: string;
  /**
   * The release from which the pass-through is forwarded: a project pinning an older one gets no
   * pass-through (the call is reported with this minimum). `source`: where that was checked.
   */
  since?: { ecosystem: "npm" | "pypi"; package: string; version: string; source: string };
  /**
   * Keywords only releases older than `since` take: a call passing one runs such a release
   * whatever the manifests say (none may pin it), so it gets no pass-through. `source`: where checked.
   */
  olderApi?: { keywords: string[]; source: string };
  checked: string;
}

const AGENTS_PY_ADVICE =
  "the OpenAI Agents SDK sends extra request fields from the Agent's settings, not from the model object: " +
  "give the Agent that uses this model model_settings=ModelSettings(extra_body={{mode}}) (from agents import ModelSettings)";

/** LangChain v1 agents and middleware build the chat model from a string with nothing else: the mode needs a model object. */
const LANGCHAIN_AGENT_PY_ADVICE =
  "LangChain builds the chat model from this string with init_chat_model and no other arguments: " +
  "pass a model object instead, init_chat_model(\"…\", extra_body={{mode}}) (from langchain.chat_models import init_chat_model)";
const LANGCHAIN_AGENT_JS_ADVICE =
  "LangChain builds the chat model from this string with initChatModel and no other fields: " +
  "pass a model object instead, await initChatModel(\"…\", { modelKwargs: { {mode} } }) (import { initChatModel } from \"langchain\")";

export const CALL_SHAPES: CallShape[] = [
  // ---- JavaScript / TypeScript ----
  {
    id: "langchain-openai-js",
    lang: "js",
    names: ["ChatOpenAI", "OpenAI"],
    from: ["@langchain/openai", "langchain/"],
    model: { keys: ["model", "modelName"] },
    prefixes: [],
    host: { baseUrl: ["configuration.baseURL", "configuration.basePath", "baseURL"] },
    pass: { kind: "nested", name: "modelKwargs" },
    checked: "@langchain/openai 1.x: ChatOpenAIFields/OpenAIInput.modelKwargs (extra fields sent with every request) (modelKwargs spread into the request params since @langchain/openai 0.0.1, langchainjs b2703a8496: no minimum)",
  },
  {
    id: "langchain-deepseek-js",
    lang: "js",
    names: ["ChatDeepSeek"],
    from: ["@langchain/deepseek"],
    unbound: true,
    model: { keys: ["model", "modelName"] },
    prefixes: [],
    host: { always: true, baseUrl: ["configuration.baseURL"] },
    pass: { kind: "nested", name: "modelKwargs" },
    checked: "@langchain/deepseek 1.0: ChatDeepSeek extends ChatOpenAI, so modelKwargs applies (configuration.baseURL goes to its OpenAI client)",
  },
  {
    id: "langchain-init-chat-model-js",
    lang: "js",
    names: ["initChatModel"],
    from: ["langchain"],
    model: { keys: ["model"], positional: 0 },
    optionsArg: 1,
    prefixes: ["deepseek:"],
    host: { provider: { key: "modelProvider", value: "deepseek" }, baseUrl: ["configuration.baseURL", "baseURL"] },
    pass: { kind: "nested", name: "modelKwargs" },
    checked: "langchain 1.x initChatModel(model, fields): fields go to the provider's chat model (ChatDeepSeek/ChatOpenAI), whose modelKwargs are sent with every request; \"deepseek:\" prefixes name the provider",
  },
  {
    id: "langchain-create-agent-js",
    lang: "js",
    names: ["createAgent"],
    from: ["langchain"],
    model: { keys: ["model"] },
    prefixes: ["deepseek:"],
    host: {},
    pass: { kind: "none", advice: LANGCHAIN_AGENT_JS_ADVICE },
    checked: "langchain 1.x createAgent({ model }): a model string is handed to initChatModel with no other fields (docs.langchain.com, releases/langchain-v1 and agents)",
  },
  {
    id: "langchain-middleware-model-js",
    lang: "js",
    names: ["summarizationMiddleware", "llmToolSelectorMiddleware", "toolEmulatorMiddleware"],
    from: ["langchain"],
    model: { keys: ["model"] },
    prefixes: ["deepseek:"],
    host: {},
    pass: { kind: "none", advice: LANGCHAIN_AGENT_JS_ADVICE },
    checked: "langchain 1.x prebuilt middleware (docs.langchain.com, middleware/built-in): a model option given as a string is initialised with initChatModel",
  },
  {
    id: "llamaindex-ts-openai",
    lang: "js",
    names: ["OpenAI"],
    from: ["@llamaindex/openai", "llamaindex"],
    model: { keys: ["model"] },
    prefixes: [],
    host: { baseUrl: ["additionalSessionOptions.baseURL", "baseURL"] },
    pass: { kind: "nested", name: "additionalChatOptions", typed: true },
    checked: "LlamaIndex.TS @llamaindex/openai: additionalChatOptions are spread into chat.completions.create's params (additionalChatOptions since llamaindex 0.0.20, LlamaIndexTS b526a2d9c; in @llamaindex/openai from its first release 0.1.1: no minimum)",
  },
  {
    id: "llamaindex-ts-deepseek",
    lang: "js",
    names: ["DeepSeekLLM"],
    from: ["@llamaindex/deepseek"],
    model: { keys: ["model"] },
    prefixes: [],
    host: { always: true },
    pass: { kind: "nested", name: "additionalChatOptions", typed: true },
    closedModelType:
      "@llamaindex/deepseek (0.0.35) types DeepSeekLLM's model as \"deepseek-coder\" | \"deepseek-chat\", so a V4 ID does not type-check here. " +
      "Use OpenAI from @llamaindex/openai with additionalSessionOptions: { baseURL: \"https://api.deepseek.com\" } and the V4 model, " +
      "passing the mode in additionalChatOptions",
    checked: "LlamaIndex.TS @llamaindex/deepseek 0.0.35: DeepSeekLLM extends @llamaindex/openai's OpenAI (additionalChatOptions), model: keyof DEEPSEEK_MODELS",
  },
  {
    id: "openai-agents-js",
    lang: "js",
    names: ["OpenAIChatCompletionsModel"],
    from: ["@openai/agents", "@openai/agents-openai"],
    model: { keys: [], positional: 1 },
    optionsArg: 2,
    prefixes: [],
    host: { client: { positional: 0 } },
    pass: {
      kind: "none",
      advice: "the OpenAI Agents SDK sends extra request fields from the Agent's settings, not from the model object: " +
        "give the Agent that uses this model modelSettings: { providerData: { {mode} } }",
    },
    checked: "@openai/agents-openai: OpenAIChatCompletionsModel(client, model); modelSettings.providerData is spread into the chat.completions request",
  },
  {
    id: "mastra-router-js",
    lang: "js",
    names: ["Agent"],
    from: ["@mastra/core"],
    model: { keys: ["model"] },
    prefixes: ["deepseek/"],
    host: {},
    pass: {
      kind: "none",
      advice: "Mastra's model router (\"deepseek/…\" strings) documents no option that adds a field to DeepSeek's request body: " +
        "give the Agent an AI SDK model instead, deepseek(\"…\") from @ai-sdk/deepseek, and pass providerOptions: { deepseek: { {mode} } } in generate()/stream() options",
    },
    checked: "Mastra 0.24 / 1.0 models docs (providers/deepseek): model router strings over the OpenAI-compatible endpoint; provider options are AI SDK ProviderOptions",
  },
  // ---- Python ----
  {
    id: "langchain-openai-py",
    lang: "py",
    names: ["ChatOpenAI", "OpenAI", "BaseChatOpenAI", "AzureChatOpenAI"],
    from: ["langchain_openai", "langchain_community", "langchain."],
    model: { keys: ["model", "model_name"] },
    prefixes: [],
    host: { baseUrl: ["base_url", "openai_api_base", "api_base"] },
    pass: { kind: "kwarg", name: "extra_body" },
    since: { ecosystem: "pypi", package: "langchain-openai", version: "0.1.11", source: "langchain-openai==0.1.11 release notes (2024-06-27): \"openai[patch]: add support for extra_body (#23404)\"; not in 0.1.10" },
    checked: "langchain-openai 1.x BaseChatOpenAI.extra_body and BaseOpenAI.extra_body (completions), reference.langchain.com: the documented field for provider-specific request fields",
  },
  {
    id: "langchain-deepseek-py",
    lang: "py",
    names: ["ChatDeepSeek"],
    // Other ChatDeepSeek classes (browser-use's, a project's own) take no extra_body.
    from: ["langchain_deepseek", "langchain_community", "langchain"],
    unbound: true,
    model: { keys: ["model", "model_name"] },
    prefixes: [],
    // api_base (alias base_url) defaults to https://api.deepseek.com/v1 and goes to the OpenAI client.
    host: { always: true, baseUrl: ["base_url", "api_base"] },
    pass: { kind: "kwarg", name: "extra_body" },
    checked: "langchain-deepseek 1.x: ChatDeepSeek extends BaseChatOpenAI, so extra_body applies (first release langchain-deepseek 0.1.0, 2025-02, already on a langchain-openai with extra_body: no minimum)",
  },
  {
    id: "browser-use-deepseek-py",
    lang: "py",
    names: ["ChatDeepSeek"],
    from: ["browser_use"],
    model: { keys: ["model"] },
    prefixes: [],
    host: { always: true, baseUrl: ["base_url"] },
    pass: {
      kind: "none",
      advice: "browser-use's ChatDeepSeek takes no extra request fields (a dataclass: extra_body= would raise TypeError), and its thinking flag, " +
        "in releases that have one, is sent only for model names containing \"deepseek-v4\": state the mode ({mode}) by hand where browser-use sends the request, " +
        "or use a model name its release sends the flag for",
    },
    checked: "browser-use browser_use/llm/deepseek/chat.py (2026 main): @dataclass ChatDeepSeek(model, max_tokens, temperature, top_p, seed, api_key, base_url, timeout, client_params, thinking); extra_body {thinking} only when 'deepseek-v4' is in the model name",
  },
  {
    id: "langchain-init-chat-model-py",
    lang: "py",
    names: ["init_chat_model"],
    from: ["langchain"],
    model: { keys: ["model"], positional: 0 },
    prefixes: ["deepseek:"],
    host: { provider: { key: "model_provider", value: "deepseek" }, baseUrl: ["base_url"] },
    pass: { kind: "kwarg", name: "extra_body" },
    checked: "langchain 1.x init_chat_model(model, *, model_provider, **kwargs): kwargs go to ChatDeepSeek/ChatOpenAI, both BaseChatOpenAI with extra_body",
  },
  {
    id: "langchain-create-agent-py",
    lang: "py",
    names: ["create_agent", "create_react_agent", "create_deep_agent"],
    from: ["langchain", "langgraph", "deepagents"],
    model: { keys: ["model"], positional: 0 },
    prefixes: ["deepseek:"],
    host: {},
    pass: { kind: "none", advice: LANGCHAIN_AGENT_PY_ADVICE },
    checked: "langchain 1.x langchain.agents.create_agent(model: str | BaseChatModel, ...): a string is handed to init_chat_model(model) with no other arguments (docs.langchain.com, releases/langchain-v1); langgraph.prebuilt.create_react_agent(model: str | LanguageModelLike, ...) likewise (reference.langchain.com, langgraph.prebuilt); deepagents create_deep_agent(model: str | BaseChatModel)",
  },
  {
    id: "langchain-middleware-model-py",
    lang: "py",
    names: ["SummarizationMiddleware", "LLMToolSelectorMiddleware", "LLMToolEmulator"],
    from: ["langchain"],
    model: { keys: ["model"] },
    prefixes: ["deepseek:"],
    host: {},
    pass: { kind: "none", advice: LANGCHAIN_AGENT_PY_ADVICE },
    checked: "langchain 1.x langchain.agents.middleware (docs.langchain.com, middleware/built-in): model: str | BaseChatModel, a string initialised with init_chat_model",
  },
  {
    id: "litellm",
    lang: "py",
    names: ["completion", "acompletion", "LM"],
    from: ["litellm", "dspy"],
    model: { keys: ["model"], positional: 0 },
    prefixes: ["deepseek/"],
    // A relay named by base_url/api_base decides what the name means there (custom_llm_provider only picks the wire format).
    host: { baseUrl: ["base_url", "api_base"] },
    pass: { kind: "kwarg", name: "extra_body" },
    checked: "LiteLLM docs, providers/deepseek and completion/provider_specific_params (extra_body is forwarded unvalidated); dspy.LM (3.x) forwards **kwargs to litellm.completion (the release from which extra_body is forwarded to DeepSeek was not verified: every release with the call is assumed to forward it)",
  },
  {
    id: "crewai-llm",
    lang: "py",
    names: ["LLM"],
    from: ["crewai"],
    model: { keys: ["model"], positional: 0 },
    prefixes: ["deepseek/"],
    host: { baseUrl: ["base_url", "api_base"] },
    pass: { kind: "kwarg", name: "extra_body" },
    since: { ecosystem: "pypi", package: "crewai", version: "0.102.0", source: "crewAI commit 23b9e1032 (#2018), first in 0.102.0: LLM keeps extra keyword arguments as additional_params and spreads them into litellm.completion; 0.98.0 and 0.100.0 drop them (#1843 removed the earlier **kwargs forwarding of 0.63-0.95)" },
    checked: "crewAI src/crewai/llm.py (0.1xx): LLM(model, ..., **kwargs) keeps kwargs as additional_params, merged into the litellm.completion params",
  },
  {
    id: "crewai-agent",
    lang: "py",
    names: ["Agent"],
    from: ["crewai"],
    model: { keys: ["llm"] },
    prefixes: ["deepseek/"],
    host: {},
    pass: {
      kind: "none",
      advice: "CrewAI builds an LLM from this string with no extra request fields: pass llm=LLM(model=\"…\", extra_body={{mode}}) (from crewai import LLM) instead",
    },
    checked: "crewAI docs, concepts/llms: Agent(llm=\"provider/model\") builds LLM(model=...); extra fields need an LLM object",
  },
  {
    id: "smolagents-litellm",
    lang: "py",
    names: ["LiteLLMModel"],
    from: ["smolagents"],
    model: { keys: ["model_id"], positional: 0 },
    prefixes: ["deepseek/"],
    host: { baseUrl: ["api_base"] },
    pass: { kind: "kwarg", name: "extra_body" },
    since: { ecosystem: "pypi", package: "smolagents", version: "1.1.0", source: "smolagents PR #29 (5fd88e5d), first in 1.1.0: LiteLLMModel forwards its extra keyword arguments to litellm.completion" },
    checked: "smolagents 1.25 reference/models: model classes forward extra keyword arguments to the completion call (litellm.completion)",
  },
  {
    id: "smolagents-openai",
    lang: "py",
    names: ["OpenAIServerModel", "OpenAIModel"],
    from: ["smolagents"],
    model: { keys: ["model_id"], positional: 0 },
    prefixes: [],
    host: { baseUrl: ["api_base"] },
    pass: { kind: "kwarg", name: "extra_body" },
    since: { ecosystem: "pypi", package: "smolagents", version: "1.2.0", source: "smolagents PR #109 (b4528d6a), first in 1.2.0: OpenAIServerModel created, passing **kwargs to chat.completions.create" },
    checked: "smolagents 1.25 reference/models: OpenAIServerModel/OpenAIModel forward extra keyword arguments to chat.completions.create",
  },
  {
    id: "google-adk-litellm",
    lang: "py",
    names: ["LiteLlm"],
    from: ["google.adk"],
    model: { keys: ["model"], positional: 0 },
    prefixes: ["deepseek/"],
    host: { baseUrl: ["api_base"] },
    pass: { kind: "kwarg", name: "extra_body" },
    checked: "google-adk models/lite_llm.py: LiteLlm(model, **kwargs), \"additional arguments to pass to the litellm completion api\" (kwargs forwarded since the first release, google-adk v0.1.0 models/lite_llm.py: no minimum)",
  },
  {
    id: "trulens-litellm",
    lang: "py",
    names: ["LiteLLM"],
    from: ["trulens", "trulens_eval"],
    model: { keys: ["model_engine"], positional: 0 },
    prefixes: ["deepseek/"],
    host: { baseUrl: ["api_base"] },
    // Not written: the releases read forward completion_kwargs, but trulens 1.x/2.x were not checked.
    pass: {
      kind: "none",
      advice: "trulens' LiteLLM provider writes no request field itself: where your trulens release forwards completion_kwargs to litellm.completion (trulens_eval does), state it there, completion_kwargs={\"extra_body\": {{mode}}}",
    },
    checked: "trulens_eval feedback/provider/litellm.py: LiteLLM(model_engine, completion_kwargs, ...) merges completion_kwargs into the litellm.completion(**completion_args) call; trulens 1.x/2.x (trulens.providers.litellm) not verified",
  },
  {
    id: "llamaindex-openai-py",
    lang: "py",
    names: ["OpenAILike", "OpenAI"],
    from: ["llama_index"],
    model: { keys: ["model"] },
    prefixes: [],
    host: { baseUrl: ["api_base"] },
    pass: { kind: "nested", name: "additional_kwargs", inner: "extra_body" },
    checked: "llama-index-llms-openai / -openai-like (2026 main): additional_kwargs \"add additional parameters to OpenAI request body\", passed to chat.completions.create (additional_kwargs spread into chat.completions.create since the package split from llama-index 0.9: no minimum)",
  },
  {
    id: "llamaindex-deepseek-py",
    lang: "py",
    names: ["DeepSeek"],
    from: ["llama_index"],
    model: { keys: ["model"] },
    prefixes: [],
    host: { always: true },
    pass: { kind: "nested", name: "additional_kwargs", inner: "extra_body" },
    checked: "llama-index-llms-deepseek 0.3: DeepSeek extends OpenAILike, so additional_kwargs applies",
  },
  {
    id: "pydantic-ai-agent",
    lang: "py",
    names: ["Agent"],
    from: ["pydantic_ai"],
    model: { keys: ["model"], positional: 0 },
    prefixes: ["deepseek:"],
    host: {},
    pass: { kind: "nested", name: "model_settings", inner: "extra_body" },
    since: { ecosystem: "pypi", package: "pydantic-ai", version: "0.1.3", source: "pydantic-ai commit 072a1239f (#1538) \"Add extra_body to ModelSettings\", first tagged v0.1.3" },
    checked: "pydantic-ai 1.x: Agent(model, ..., model_settings=ModelSettings); ModelSettings.extra_body \"extra body to send to the model\" (OpenAI-compatible models)",
  },
  {
    id: "pydantic-ai-openai-model",
    lang: "py",
    names: ["OpenAIModel", "OpenAIChatModel"],
    from: ["pydantic_ai"],
    model: { keys: ["model_name"], positional: 0 },
    prefixes: [],
    // base_url: the releases before the provider= API handed it to AsyncOpenAI(base_url=...).
    host: { provider: { key: "provider", value: "deepseek", classes: ["DeepSeekProvider"] }, baseUrl: ["provider.base_url", "base_url"] },
    pass: { kind: "nested", name: "settings", inner: "extra_body" },
    since: { ecosystem: "pypi", package: "pydantic-ai", version: "0.4.2", source: "release history as measured on a project pinning 0.0.30 (ds-migrate issue 16): OpenAIModel takes settings= from 0.4.2; earlier releases raise TypeError" },
    olderApi: { keywords: ["base_url", "api_key", "openai_client", "http_client"], source: "pydantic-ai tags: OpenAIModel took base_url=/api_key=/openai_client=/http_client= up to v0.0.44 (replaced by provider=), settings= only from v0.4.2 (judged on a real project, 2026-12-04)" },
    checked: "pydantic-ai 1.x: OpenAIChatModel(model_name, *, provider, profile, settings); provider=\"deepseek\" or DeepSeekProvider(); ModelSettings.extra_body",
  },
  {
    id: "haystack-openai",
    lang: "py",
    names: ["OpenAIChatGenerator", "OpenAIGenerator"],
    from: ["haystack"],
    model: { keys: ["model"] },
    prefixes: [],
    host: { baseUrl: ["api_base_url"] },
    pass: { kind: "nested", name: "generation_kwargs", inner: "extra_body" },
    checked: "Haystack 2.x OpenAIChatGenerator: generation_kwargs are passed to chat.completions.create (any of its parameters, extra_body included) (OpenAIChatGenerator passes generation_kwargs to create since haystack-ai 2.0.0b4, the first release with the class: no minimum)",
  },
  {
    id: "autogen-ext-openai",
    lang: "py",
    names: ["OpenAIChatCompletionClient"],
    from: ["autogen_ext"],
    model: { keys: ["model"] },
    prefixes: [],
    host: { baseUrl: ["base_url"] },
    pass: { kind: "kwarg", name: "extra_body" },
    since: { ecosystem: "pypi", package: "autogen-ext", version: "0.7.5", source: "release history as measured on a project pinning 0.4.9 (ds-migrate issue 16): extra_body joined the forwarded create arguments in 0.7.5, 0.4.x filters it out; microsoft/autogen PR #7705 (2026-05) confirms current releases accept it at run time" },
    checked: "autogen-ext (2026 main) _openai_client.py: create_kwargs include \"extra_body\", taken from the constructor's config into every create call",
  },
  {
    id: "openai-agents-py",
    lang: "py",
    names: ["OpenAIChatCompletionsModel"],
    from: ["agents"],
    model: { keys: ["model"], positional: 0 },
    prefixes: [],
    host: { client: { key: "openai_client", positional: 1 } },
    pass: { kind: "none", advice: AGENTS_PY_ADVICE },
    checked: "openai-agents-python: OpenAIChatCompletionsModel(model, openai_client); ModelSettings.extra_body on the Agent (issue #487)",
  },
  {
    id: "openai-agents-agent-py",
    lang: "py",
    names: ["Agent"],
    from: ["agents"],
    alongside: ["set_default_openai_client", "set_default_openai_api", "OpenAIChatCompletionsModel", "ModelSettings", "Runner", "function_tool"],
    model: { keys: ["model"] },
    prefixes: [],
    host: {},
    pass: {
      kind: "none",
      advice: "the OpenAI Agents SDK builds this Agent's model from the string and sends extra request fields from its settings: add model_settings=ModelSettings(extra_body={{mode}}) (from agents import ModelSettings)",
    },
    checked: "openai-agents-python: Agent(model: str | Model, model_settings: ModelSettings); a string model uses the default client (set_default_openai_client); ModelSettings.extra_body is sent with each request (issue #487)",
  },
  {
    id: "openai-agents-litellm-py",
    lang: "py",
    names: ["LitellmModel"],
    from: ["agents"],
    model: { keys: ["model"], positional: 0 },
    prefixes: ["deepseek/"],
    host: { baseUrl: ["base_url"] },
    pass: { kind: "none", advice: AGENTS_PY_ADVICE },
    checked: "openai-agents-python extensions/models/litellm_model.py: LitellmModel(model, base_url, api_key); request fields come from the Agent's ModelSettings",
  },
];

/** AutoGen 0.2 / AG2 `config_list` entries: the documented keys have no request-body pass-through. */
/**
 * `client.completions.create(prompt=…, suffix=…)`: DeepSeek's text completion endpoint (FIM and
 * prefix completion, under /beta) documents no thinking field (API reference, "FIM Completion
 * (Beta)": model, prompt, suffix, echo, sampling fields), so none is written there.
 */
const TEXT_COMPLETION_ADVICE =
  "DeepSeek's text completion endpoint (FIM, /beta) documents no thinking field: check by hand that V4 still serves this completion as before, and state the mode ({mode}) only if it accepts one";

/** The pass-through of a text completion: none, with that advice. */
export const TEXT_COMPLETION_PASS: PassThrough = Object.freeze({ kind: "none", advice: TEXT_COMPLETION_ADVICE });

export const AUTOGEN_CONFIG_LIST_ADVICE =
  "AutoGen's config_list entries document no field for extra request-body fields (model, api_key, base_url, api_type, tags): " +
  "move this agent to autogen-ext's OpenAIChatCompletionClient(model=…, base_url=…, extra_body={{mode}}), or set the mode where your AutoGen version sends the request";

export function shapesFor(lang: "js" | "py"): CallShape[] {
  return CALL_SHAPES.filter((s) => s.lang === lang);
}

/** Whether an import source is the module `from` names, or one inside it (`langchain` covers `langchain.chat_models`). */
export function moduleMatches(source: string | undefined, from: string): boolean {
  if (!source || !source.startsWith(from)) return false;
  if (source.length === from.length || /[./_-]$/.test(from)) return true;
  return source[from.length] === "." || source[from.length] === "/";
}
