// Lets packages built for newer Node (which import JSON modules without an import attribute) load on Node 20.
import { readFile } from "node:fs/promises";
export async function load(url, context, nextLoad) {
  if (url.endsWith(".json")) {
    return { format: "json", source: await readFile(new URL(url), "utf8"), shortCircuit: true };
  }
  return nextLoad(url, context);
}
