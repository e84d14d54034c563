// The browser's tRPC transformer: superjson's wire format, read and written without superjson.
// The server keeps superjson (server/trpc/init.ts); this side implements the part of its format
// that data from a database uses — undefined, Date, bigint, Map, Set, NaN, ±Infinity and -0,
// annotated by path — in a tenth of superjson's size (about 3 kB gzipped on every page with a
// tRPC hook). What it leaves out: referential equality (repeated objects arrive as equal copies,
// as superjson itself writes them); Error, RegExp and URL values, which no procedure returns; and
// registered classes, symbols and custom transformers, which Tandem does not register. An
// annotation it cannot read is an error, as in superjson, and sending such a value is refused.
// tests/unit/wire.test.ts checks both directions against superjson.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A leaf [type], a transformed container with annotated contents [type, inner], or annotations by path. */
type Annotations = [unknown] | [unknown, AnnotationsByPath] | AnnotationsByPath;
interface AnnotationsByPath {
  [path: string]: Annotations;
}
export interface SuperJsonResult {
  json: Json;
  meta?: { values?: Annotations; referentialEqualities?: unknown; v?: number };
}

const escapeKey = (key: string) => key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");

function parsePath(path: string, legacy: boolean): string[] {
  const segments: string[] = [];
  let segment = "";
  for (let i = 0; i < path.length; i++) {
    const char = path[i]!;
    if (char === "\\" && !legacy) {
      const next = path[i + 1];
      if (next !== "\\" && next !== ".") throw new Error("invalid path");
      segment += next;
      i++;
    } else if (char === "\\" && path[i + 1] === ".") {
      segment += ".";
      i++;
    } else if (char === ".") {
      segments.push(segment);
      segment = "";
    } else segment += char;
  }
  segments.push(segment);
  return segments;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === null || proto === Object.prototype;
};

/** A value superjson writes with an annotation: [annotation, its JSON form], or undefined. */
function transform(v: unknown): [string, unknown] | undefined {
  if (v === undefined) return ["undefined", null];
  if (typeof v === "bigint") return ["bigint", v.toString()];
  if (typeof v === "number") {
    if (Number.isNaN(v)) return ["number", "NaN"];
    if (v === Infinity || v === -Infinity) return ["number", v > 0 ? "Infinity" : "-Infinity"];
    if (v === 0 && 1 / v === -Infinity) return ["number", "-0"];
    return undefined;
  }
  if (v instanceof Date) return Number.isNaN(v.valueOf()) ? undefined : ["Date", v.toISOString()];
  if (v instanceof Set) return ["set", [...v.values()]];
  if (v instanceof Map) return ["map", [...v.entries()]];
  if (v instanceof Error || v instanceof RegExp || v instanceof URL) throw new Error(`Cannot send a ${v.constructor.name} to the server.`);
  return undefined;
}

function untransform(json: unknown, type: unknown): unknown {
  switch (type) {
    case "undefined":
      return undefined;
    case "bigint":
      return BigInt(json as string);
    case "Date":
      return new Date(json as string);
    case "number":
      return Number(json);
    case "set":
      return new Set(json as unknown[]);
    case "map":
      return new Map(json as [unknown, unknown][]);
    default:
      throw new Error(`Unknown transformation: ${JSON.stringify(type)}`);
  }
}

function walk(value: unknown, seen: unknown[]): { json: unknown; annotations?: Annotations } {
  const transformed = transform(value);
  const deep = isPlainObject(value) || Array.isArray(value) || value instanceof Map || value instanceof Set;
  if (!deep) return transformed ? { json: transformed[1], annotations: [transformed[0]] } : { json: value };
  // A cycle is written as null, as superjson does.
  if (seen.includes(value)) return { json: null };
  const source = (transformed ? transformed[1] : value) as Record<string, unknown> | unknown[];
  const out: Record<string, unknown> | unknown[] = Array.isArray(source) ? [] : {};
  const inner: AnnotationsByPath = {};
  for (const [key, child] of Object.entries(source)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") {
      throw new Error(`Detected property ${key}. This is a prototype pollution risk, please remove it from your object.`);
    }
    const r = walk(child, [...seen, value]);
    (out as Record<string, unknown>)[key] = r.json;
    if (Array.isArray(r.annotations)) inner[escapeKey(key)] = r.annotations;
    else if (r.annotations) for (const [path, tree] of Object.entries(r.annotations)) inner[`${escapeKey(key)}.${path}`] = tree;
  }
  const hasInner = Object.keys(inner).length > 0;
  return { json: out, annotations: transformed ? (hasInner ? [transformed[0], inner] : [transformed[0]]) : hasInner ? inner : undefined };
}

export function serialize(value: unknown): SuperJsonResult {
  const { json, annotations } = walk(value, []);
  return annotations ? { json: json as Json, meta: { values: annotations, v: 1 } } : { json: json as Json };
}

/** Replaces the value at `path` (every step a plain object or array: contents are read before their container). */
function setDeep(root: unknown, path: string[], fn: (v: unknown) => unknown): unknown {
  if (path.length === 0) return fn(root);
  if (path.some((key) => key === "__proto__" || key === "constructor" || key === "prototype")) throw new Error("invalid path");
  let parent = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  parent[last] = fn(parent[last]);
  return root;
}

function applyAnnotations(root: unknown, tree: Annotations, legacy: boolean, origin: string[]): unknown {
  if (!Array.isArray(tree)) {
    for (const [key, subtree] of Object.entries(tree)) root = applyAnnotations(root, subtree, legacy, [...origin, ...parsePath(key, legacy)]);
    return root;
  }
  const [type, children] = tree;
  if (children) for (const [key, child] of Object.entries(children)) root = applyAnnotations(root, child, legacy, [...origin, ...parsePath(key, legacy)]);
  return setDeep(root, origin, (v) => untransform(v, type));
}

function copy(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(copy);
  if (isPlainObject(json)) return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, copy(v)]));
  return json;
}

/** Reads superjson's output; like superjson, leaves `payload` as it was. */
export function deserialize<T = unknown>(payload: SuperJsonResult): T {
  const { json, meta } = payload;
  return (meta?.values ? applyAnnotations(copy(json), meta.values, (meta.v ?? 0) < 1, []) : json) as T;
}

export const wireTransformer = { serialize, deserialize };
