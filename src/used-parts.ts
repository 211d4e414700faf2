/**
 * Which large parts of the bundle a run used (front ends, report formats), as a 32-bit mask, for the
 * bin's code cache (bin/cached-cli.js): a run that used a part the cache was written without writes
 * the cache anew, so later runs do not compile that part again. Asking V8 for the heap's bytecode
 * size instead cost ~5 ms of every run (loading node:v8 and walking the heap). A name's bit is a
 * hash of it: two names sharing a bit only make a rewrite rarer.
 */
let used = 0;

export function noteUsedPart(name: string): void {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  used = (used | (1 << (h % 32))) >>> 0;
}

export function usedParts(): number {
  return used;
}
