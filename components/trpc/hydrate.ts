// Reads the dehydrated queries a server component sends (superjson.serialize, in
// server/trpc/server.ts) without superjson itself, which a page would otherwise load only for
// this on every page that hydrates. It knows the values our
// procedures return (Date, undefined, bigint, NaN and ±Infinity, -0) and throws on any other
// superjson type, so a procedure that starts returning a Map fails its page's tests instead of
// hydrating wrongly. Shared references come back as equal copies (superjson would re-link them):
// nothing hydrated is mutated.

type Tree = [string, Record<string, Tree>?] | { [path: string]: Tree };
interface SuperJsonResult {
  json: unknown;
  meta?: { values?: Tree; referentialEqualities?: unknown; v?: number };
}

/** superjson's path syntax: "a.b.0", a literal dot written "\." and (from v1) a backslash "\\". */
function parsePath(path: string, legacy: boolean): string[] {
  const segments: string[] = [];
  let segment = "";
  for (let i = 0; i < path.length; i++) {
    const char = path[i];
    const next = path[i + 1];
    if (char === "\\" && (next === "." || (!legacy && next === "\\"))) {
      segment += next;
      i++;
    } else if (char === "\\" && !legacy) throw new Error(`hydrate: invalid path ${path}`);
    else if (char === ".") {
      segments.push(segment);
      segment = "";
    } else segment += char;
  }
  segments.push(segment);
  return segments;
}

function revive(type: string, value: unknown): unknown {
  switch (type) {
    case "Date":
      return new Date(value as string);
    case "undefined":
      return undefined;
    case "bigint":
      return BigInt(value as string);
    case "number":
      return Number(value);
  }
  throw new Error(`hydrate: superjson type ${JSON.stringify(type)} is not read here (components/trpc/hydrate.ts)`);
}

export function deserializeHydrated(data: unknown): unknown {
  const { json, meta } = data as SuperJsonResult;
  let root = structuredClone(json);
  const legacy = (meta?.v ?? 0) < 1;
  const walk = (tree: Tree, path: string[]) => {
    if (!Array.isArray(tree)) {
      for (const [key, subtree] of Object.entries(tree)) walk(subtree, [...path, ...parsePath(key, legacy)]);
      return;
    }
    const [type, children] = tree;
    // A node with children is a container superjson rebuilt (Map, Set, a class): not ours.
    if (children) throw new Error(`hydrate: superjson type ${JSON.stringify(type)} is not read here (components/trpc/hydrate.ts)`);
    if (path.length === 0) {
      root = revive(type, root);
      return;
    }
    let parent = root as Record<string, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    const last = path[path.length - 1]!;
    parent[last] = revive(type, parent[last]);
  };
  if (meta?.values) walk(meta.values, []);
  return root;
}
