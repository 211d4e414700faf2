// ANSI colours for the text report, built only when asked for. picocolors did this, but reading
// its module checks process.stdout.isTTY, which builds Node's stdout stream (~7 ms of a small run,
// src/stdio.ts) even when the report is not coloured; these are the same codes.
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  inverse(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** `open text close`; a `close` inside (a nested style sharing it) re-opens the outer style after it. */
function style(open: number, close: number, replace = `\x1b[${open}m`): (text: string) => string {
  const o = `\x1b[${open}m`;
  const c = `\x1b[${close}m`;
  return (text) => o + text.split(c).join(replace) + c;
}

const plain = (text: string): string => text;

export function createColors(enabled: boolean): Colors {
  if (!enabled) return { bold: plain, dim: plain, underline: plain, inverse: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return {
    bold: style(1, 22, "\x1b[22m\x1b[1m"),
    dim: style(2, 22, "\x1b[22m\x1b[2m"),
    underline: style(4, 24),
    inverse: style(7, 27),
    red: style(31, 39),
    green: style(32, 39),
    yellow: style(33, 39),
    cyan: style(36, 39),
  };
}
