import type { FamilyGroup, FamilyOptions } from "@/server/analysis/anonymity";
import type { Side } from "@/server/assessments/item-bank";

// Independent checks of the anonymity guarantee for the tests, computed on the sets themselves,
// not on the numbered structures the server's suppression works with.

const SIDES: readonly Side[] = ["employee", "manager"];

/**
 * Checks a family of published groups against `suppressFamily`'s guarantee and returns what
 * breaks it: an atom (contributions held by the same published groups) with 1 to k−1 people on a
 * side, named by the ids of the groups holding it. Never counts: a log of problems leaks nothing.
 */
export function familyProblems(
  groups: readonly FamilyGroup[],
  hidden: ReadonlySet<string>,
  k: number,
  personOf: FamilyOptions["personOf"] = (_side, memberId) => memberId,
): { side: Side; groupIds: string[] }[] {
  const ordered = [...groups].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const problems: { side: Side; groupIds: string[] }[] = [];
  for (const side of SIDES) {
    const held = new Map<string, { groups: string[]; people: Set<string> }>();
    for (const group of ordered) {
      if (hidden.has(group.id)) continue;
      for (const id of group.members[side] ?? []) {
        const entry = held.get(id) ?? { groups: [], people: new Set([personOf(side, id)]) };
        entry.groups.push(group.id);
        held.set(id, entry);
      }
    }
    const atoms = new Map<string, { groupIds: string[]; people: Set<string> }>();
    for (const { groups: groupIds, people } of held.values()) {
      const key = groupIds.join("\u0000");
      const atom = atoms.get(key) ?? { groupIds, people: new Set<string>() };
      for (const person of people) atom.people.add(person);
      atoms.set(key, atom);
    }
    for (const atom of atoms.values()) if (atom.people.size < k) problems.push({ side, groupIds: atom.groupIds });
  }
  return problems;
}

/** Pairs of sets whose symmetric difference holds 1 to k−1 members: what a pairwise check sees. */
export function pairwiseProblems(sets: readonly { id: string; members: ReadonlySet<string> }[], k: number): [string, string][] {
  const problems: [string, string][] = [];
  sets.forEach((a, i) => {
    for (const b of sets.slice(i + 1)) {
      let difference = 0;
      for (const x of a.members) if (!b.members.has(x)) difference++;
      for (const x of b.members) if (!a.members.has(x)) difference++;
      if (difference > 0 && difference < k) problems.push([a.id, b.id]);
    }
  });
  return problems;
}

/** mulberry32: a tiny seeded PRNG, so every run checks the same cases. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
