// The promise forms of the fs calls ds-migrate uses, made from node:fs (loaded at startup anyway)
// with util.promisify: importing node:fs/promises compiles Node's internal promises module, ~3 ms
// of every run (a small `check` takes ~190 ms, with ~60 ms of it Node's own start).
import fs from "node:fs";
import { promisify } from "node:util";

export const chmod = promisify(fs.chmod);
export const readFile = promisify(fs.readFile);
export const realpath = promisify(fs.realpath);
export const rename = promisify(fs.rename);
export const rm = promisify(fs.rm);
export const stat = promisify(fs.stat);
export const unlink = promisify(fs.unlink);
export const writeFile = promisify(fs.writeFile);
