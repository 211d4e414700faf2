// Path spelling shared by the walk and the linker. Its own module so the prefilter workers,
// which import the linker's byte tests, do not pull the walk (and with it every parser) into
// their bundle.
import path from "node:path";

export function toPosix(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}
