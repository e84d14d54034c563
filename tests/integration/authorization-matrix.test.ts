import { describe, expect, it } from "vitest";
import { databaseFingerprint } from "../support/factories";
import { ACTORS, fixtureForFile, callerAs, callProcedure, classify, entryFor, forbiddenFor, matrix, routerProcedures, type Actor } from "../support/matrix";

// The authorization matrix (PRODUCT.md §1): every tRPC procedure against every kind of caller.
// Anything a person may not see answers "not found" (never "forbidden"), signed out answers
// "unauthorized", a refused call changes nothing, and what an allowed call returns holds
// nothing of anyone else's answers or of another organization.
//
// Adding a procedure? This file fails until the matrix has a row for it:
//   1. In tests/support/matrix.ts, add a row to `matrix` keyed by its path ("pairs.notes").
//      TypeScript also refuses the table until the row exists, and types its input and output.
//   2. `expect`: what each actor gets. `only("employee", "manager")` means those two succeed,
//      every other signed-in actor gets "not found" and signed out gets "unauthorized";
//      override single actors where needed, e.g. { ...only("hrAdmin"), otherOrgMember: "conflict" }.
//   3. `input(fx, purpose)`: a valid input aimed at pair A1 / org A objects of the fixture,
//      using every field (`buildFixture`; add objects there, through the procedures). For
//      "denials" aim at a live target the allowed actors could act on; for "ok" on a mutation,
//      return a disposable target of its own (see freshCheckInA1, scratchCycle), so the table
//      runs in any order.
//   4. `check` (optional): what an allowed answer must (not) contain. Every allowed answer is
//      also searched for others' answers and for the other organization (forbiddenFor).
//   5. `cleanup` (optional): undo what a call group left behind (e.g. end pair A1's check-in).
// tests/integration/fuzz.test.ts picks the new procedure up from the router by itself.

const setup = fixtureForFile();

describe("the matrix", () => {
  it("has a row for every procedure of appRouter", () => {
    const missing = routerProcedures()
      .map((p) => p.path)
      .filter((path) => !entryFor(path));
    expect(missing, "procedures without a row in tests/support/matrix.ts").toEqual([]);
  });

  it("names only procedures that exist", () => {
    const paths = new Set(routerProcedures().map((p) => p.path));
    expect(Object.keys(matrix).filter((path) => !paths.has(path))).toEqual([]);
  });

  it("says what every actor gets, for every row", () => {
    for (const [path, entry] of Object.entries(matrix)) expect(Object.keys(entry.expect).sort(), path).toEqual([...ACTORS].sort());
  });
});

describe("every procedure against every actor", () => {
  for (const { path, type } of routerProcedures()) {
    it(`${path} (${type}): each actor gets what the matrix says; a refusal changes nothing; an answer leaks nothing`, async () => {
      const entry = entryFor(path);
      if (!entry) throw new Error(`${path} has no row in tests/support/matrix.ts; see the comment at the top of this file`);
      const got: Partial<Record<Actor, string>> = {};

      // Refusals, all on one live target, with the database compared around them.
      const denied = ACTORS.filter((a) => entry.expect[a] !== "ok");
      if (denied.length > 0) {
        try {
          const input = await entry.input(setup.fx, "denials");
          const before = await databaseFingerprint(setup.db);
          for (const actor of denied) got[actor] = (await classify(callProcedure(callerAs(setup.fx, actor), path, input))).outcome;
          expect(await databaseFingerprint(setup.db), `a refused ${path} changed the database (${denied.join(", ")})`).toBe(before);
        } finally {
          await entry.cleanup?.(setup.fx);
        }
      }

      // Allowed calls, each on its own input (a disposable target for mutations).
      for (const actor of ACTORS) {
        if (entry.expect[actor] !== "ok") continue;
        try {
          const { outcome, result } = await classify(callProcedure(callerAs(setup.fx, actor), path, await entry.input(setup.fx, "ok")));
          got[actor] = outcome;
          if (outcome !== "ok") continue;
          const json = JSON.stringify(result);
          const leaks = forbiddenFor(setup.fx, actor).filter((value) => json.includes(value));
          expect(leaks, `${path} as ${actor} returned what it must not`).toEqual([]);
          entry.check?.(result, setup.fx, actor);
        } finally {
          await entry.cleanup?.(setup.fx);
        }
      }

      expect(got).toEqual(entry.expect);
    });
  }
});

describe("a neighbouring pair's and another organization's objects", () => {
  it("are not found for pair A1's two people, and asking changes nothing", async () => {
    const { checkInA2, revealedB1 } = setup.fx.assessments;
    const calls: [string, unknown][] = [
      ...[checkInA2, revealedB1].flatMap((assessmentId): [string, unknown][] => [
        ["assessments.get", { assessmentId }],
        ["assessments.results", { assessmentId }],
        ["assessments.saveDraft", { assessmentId, changes: { "trust.ability": 5 } }],
        ["assessments.submit", { assessmentId, shareChooseAgain: true }],
        ["assessments.cancelCheckIn", { assessmentId }],
      ]),
      ...[setup.fx.pairs.a2, setup.fx.pairs.b1].flatMap((pairId): [string, unknown][] => [
        ["pairs.dashboard", { pairId }],
        ["assessments.startCheckIn", { pairId }],
      ]),
      ["pairs.dashboard", { pairId: setup.fx.pairs.a1, assessmentId: revealedB1 }],
    ];
    const before = await databaseFingerprint(setup.db);
    for (const actor of ["employee", "manager"] as const) {
      for (const [path, input] of calls)
        expect((await classify(callProcedure(callerAs(setup.fx, actor), path, input))).outcome, `${actor}: ${path} ${JSON.stringify(input)}`).toBe("not_found");
    }
    expect(await databaseFingerprint(setup.db)).toBe(before);
  });
});
