// Picks a model per task. Both legacy IDs act as distinct cases here, so a blind
// rewrite would merge them: ds-migrate reports this for review instead.
export function costPerMillion(model: string): number {
  switch (model) {
    case "deepseek-chat":
      return 0.27;
    case "deepseek-reasoner":
      return 0.55;
    default:
      return 1;
  }
}

export function isReasoning(model: string): boolean {
  return model === "deepseek-reasoner";
}
