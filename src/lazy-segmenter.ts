// yargs' help layout (string-width, three copies) creates an `Intl.Segmenter` when its modules
// load, and the first one loads ICU's break data: ~10 ms of every run, though only `--help`
// measures text. Imported first by cli.ts: while the modules load, a segmenter is made when it
// is first used; `restoreSegmenter()` puts the real constructor back once they have loaded.
const Real = Intl.Segmenter;

class LazySegmenter {
  private real: Intl.Segmenter | undefined;
  constructor(private readonly args: ConstructorParameters<typeof Intl.Segmenter>) {}
  private get it(): Intl.Segmenter {
    return (this.real ??= new Real(...this.args));
  }
  segment(input: string): Intl.Segments {
    return this.it.segment(input);
  }
  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.it.resolvedOptions();
  }
}

const lazy = function (this: unknown, ...args: ConstructorParameters<typeof Intl.Segmenter>) {
  return new LazySegmenter(args);
} as unknown as typeof Intl.Segmenter;
Object.defineProperty(Intl, "Segmenter", { value: lazy, writable: true, configurable: true });

export function restoreSegmenter(): void {
  Object.defineProperty(Intl, "Segmenter", { value: Real, writable: true, configurable: true });
}
