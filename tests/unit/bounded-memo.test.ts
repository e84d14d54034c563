import { describe, expect, it } from "vitest";
import { BoundedMemo } from "@/server/pairs/analysis-cache";

describe("BoundedMemo (the pair dashboard's per-process memo)", () => {
  it("computes once per key and answers the same value after", () => {
    const memo = new BoundedMemo<{ n: number }>(10);
    let calls = 0;
    const first = memo.get("a", () => ({ n: ++calls }));
    const again = memo.get("a", () => ({ n: ++calls }));
    expect(again).toBe(first);
    expect(calls).toBe(1);
    expect(memo.get("b", () => ({ n: ++calls }))).toEqual({ n: 2 });
  });

  it("keeps at most its capacity, dropping the least recently used first", () => {
    const memo = new BoundedMemo<string>(2);
    const computed: string[] = [];
    const get = (key: string) => memo.get(key, () => (computed.push(key), key.toUpperCase()));
    get("a");
    get("b");
    get("a"); // a is now the most recently used
    get("c"); // drops b
    get("a");
    get("b"); // computed again, drops c
    get("c"); // computed again, drops a
    expect(computed).toEqual(["a", "b", "c", "b", "c"]);
  });
});
