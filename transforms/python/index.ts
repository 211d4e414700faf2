export function analyzePython(): never { throw new Error("not yet"); }
