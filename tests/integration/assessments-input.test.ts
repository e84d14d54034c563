import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { responses } from "@/db/schema";
import { completeAnswers } from "../support/answers";
import { assessmentWith, everyoneBut, fill, openCycleFor, outcomeOf, type Caller, type DraftChanges } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

// Every input is checked at the server; a bad one gets the right code, a message a person can
// act on, and loses nothing already saved (PRODUCT.md §2 and §7).

let t: TestDb;
let w: World;
/** Report A1 and manager A1's assessment in org A's open cycle. */
let a1: string;
/** Report A2 and manager A2's assessment in org A's open cycle. */
let a2: string;
/** Report B1 and manager B1's assessment in org B's open cycle. */
let b1: string;

const as = (person: { id: string }): Caller => callerFor(t.db, person.id);
const SCALE_MESSAGE = 'The answer to "trust.ability" must be a whole number from 1 to 5, or "can\'t say".';

async function storedResponse(assessmentId: string, side: "employee" | "manager") {
  const [row] = await t.db
    .select({ answers: responses.answers, revision: responses.revision, submittedAt: responses.submittedAt })
    .from(responses)
    .where(and(eq(responses.assessmentId, assessmentId), eq(responses.side, side)));
  if (!row) throw new Error("response missing");
  return row;
}

beforeAll(async () => {
  ({ t, w } = await openWorld());
  await openCycleFor(t.db, w, "a");
  await openCycleFor(t.db, w, "b");
  a1 = await assessmentWith(t.db, w.a.report1.id, w.a.manager1.id);
  a2 = await assessmentWith(t.db, w.a.report2.id, w.a.manager2.id);
  b1 = await assessmentWith(t.db, w.b.report1.id, w.b.manager1.id);
});
afterAll(() => t.close());

describe("a bad answer", () => {
  const draft = { "trust.ability": 3, topics: "Kept as typed " };
  let before: string;

  beforeAll(async () => {
    await fill(as(w.a.report1), a1, draft);
  });
  beforeEach(async () => {
    before = await databaseFingerprint(t.db);
  });
  async function expectNothingLost() {
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect((await as(w.a.report1).assessments.get({ assessmentId: a1 })).mine.answers).toEqual(draft);
  }
  const save = (changes: DraftChanges) => outcomeOf(as(w.a.report1).assessments.saveDraft({ assessmentId: a1, changes }));

  it("out of the 1–5 scale is refused, naming the question", async () => {
    for (const value of [0, 6, 2.5, -1, "5", "", "Can't say"]) {
      expect(await save({ "trust.ability": value }), String(value)).toEqual({ code: "BAD_REQUEST", message: SCALE_MESSAGE });
    }
    await expectNothingLost();
  });

  it("of the wrong type is refused before any work", async () => {
    for (const value of [true, { value: 3 }, [3]]) {
      // @ts-expect-error deliberately wrong type, as a hostile or broken client could send
      const outcome = await outcomeOf(as(w.a.report1).assessments.saveDraft({ assessmentId: a1, changes: { "trust.ability": value } }));
      expect(outcome.code).toBe("BAD_REQUEST");
      expect(outcome.message).toContain("Invalid input");
      expect(outcome.message).toContain('"trust.ability"');
    }
    await expectNothingLost();
  });

  it("to a question this assessment does not have is refused, naming it", async () => {
    for (const key of ["trust.honesty", "trust", "predict.stance", "meetings", "contact.meetings.count"]) {
      expect(await save({ [key]: 3 }), key).toEqual({ code: "BAD_REQUEST", message: `"${key}" is not a question of this assessment (item bank version 1).` });
    }
    // One bad key refuses the whole change set: the good change next to it is not saved either.
    expect((await save({ "goals.success": 4, "goals.nope": 4 })).message).toContain('"goals.nope"');
    await expectNothingLost();
  });

  it("that is not one of a choice question's options is refused, listing them", async () => {
    expect(await save({ stance: "sometimes" })).toEqual({ code: "BAD_REQUEST", message: 'The answer to "stance" must be one of: for, with, against.' });
    expect(await save({ choose_again: 5 })).toEqual({
      code: "BAD_REQUEST",
      message: 'The answer to "choose_again" must be one of: definitely_not, probably_not, not_sure, probably, definitely.',
    });
    expect((await save({ "contact.meetings": "cant_say" })).code).toBe("BAD_REQUEST");
    await expectNothingLost();
  });

  it("with topics over 2000 characters is refused with the limit", async () => {
    expect(await save({ topics: "x".repeat(2001) })).toEqual({ code: "BAD_REQUEST", message: '"topics" can be at most 2000 characters.' });
    const huge = await save({ topics: "x".repeat(6000) });
    expect(huge.code).toBe("BAD_REQUEST");
    expect(huge.message).toContain("5000 characters");
    await expectNothingLost();
  });

  it("set that is empty or has more than 100 changes is refused", async () => {
    const empty = await save({});
    expect(empty.code).toBe("BAD_REQUEST");
    expect(empty.message).toContain("Send at least one change.");
    const tooMany = await save(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`key${i}`, 3])));
    expect(tooMany.code).toBe("BAD_REQUEST");
    expect(tooMany.message).toContain("Send at most 100 changes at once.");
    await expectNothingLost();
  });

  it("with an id that is not a uuid is refused", async () => {
    const c = as(w.a.report1);
    for (const id of ["not-a-uuid", "", `${a1}x`, "1 or 1=1"]) {
      for (const outcome of [
        await outcomeOf(c.assessments.saveDraft({ assessmentId: id, changes: { "trust.ability": 4 } })),
        await outcomeOf(c.assessments.submit({ assessmentId: id, shareChooseAgain: true })),
        await outcomeOf(c.assessments.get({ assessmentId: id })),
        await outcomeOf(c.assessments.results({ assessmentId: id })),
        await outcomeOf(c.assessments.startCheckIn({ pairId: id })),
      ]) {
        expect(outcome.code, id).toBe("BAD_REQUEST");
        expect(outcome.message, id).toContain("Invalid UUID");
      }
    }
    // @ts-expect-error deliberately wrong type: a number for an id
    expect((await outcomeOf(c.assessments.get({ assessmentId: 42 }))).code).toBe("BAD_REQUEST");
    // @ts-expect-error deliberately wrong type: shareChooseAgain must be a boolean
    expect((await outcomeOf(c.assessments.submit({ assessmentId: a1, shareChooseAgain: "yes" }))).code).toBe("BAD_REQUEST");
    await expectNothingLost();
  });

  it("for an assessment you are not part of, or of another organization, is not found", async () => {
    for (const person of everyoneBut(w, w.a.report1.id, w.a.manager1.id)) {
      const c = callerFor(t.db, person.id);
      expect(await outcomeOf(c.assessments.saveDraft({ assessmentId: a1, changes: { "trust.ability": 5 } })), person.label).toEqual({
        code: "NOT_FOUND",
        message: "Not found",
      });
      expect(await outcomeOf(c.assessments.submit({ assessmentId: a1, shareChooseAgain: true })), person.label).toEqual({
        code: "NOT_FOUND",
        message: "Not found",
      });
    }
    // Report A1 reaching into org B's cycle, and an id that exists nowhere.
    for (const id of [b1, "00000000-0000-4000-8000-000000000000"]) {
      expect(await outcomeOf(as(w.a.report1).assessments.saveDraft({ assessmentId: id, changes: { "trust.ability": 5 } }))).toEqual({
        code: "NOT_FOUND",
        message: "Not found",
      });
      expect((await outcomeOf(as(w.a.report1).assessments.get({ assessmentId: id }))).code).toBe("NOT_FOUND");
    }
    await expectNothingLost();
  });
});

describe("submitting", () => {
  it("with questions still open is refused, saying how many", async () => {
    const before = await databaseFingerprint(t.db);
    const outcome = await outcomeOf(as(w.a.report1).assessments.submit({ assessmentId: a1, shareChooseAgain: true }));
    expect(outcome.code).toBe("BAD_REQUEST");
    // 42 required questions; the draft answers one (topics is optional).
    expect(outcome.message).toMatch(/^Answer every question, or mark it "can't say", before submitting: 41 still open \(contact\.enough, .*, …\)\.$/);

    const almost = completeAnswers(1, {}, 4);
    delete almost["feedback.useful"];
    delete almost.stance;
    await fill(as(w.a.manager1), a1, almost);
    const two = await outcomeOf(as(w.a.manager1).assessments.submit({ assessmentId: a1, shareChooseAgain: true }));
    expect(two).toEqual({
      code: "BAD_REQUEST",
      message: 'Answer every question, or mark it "can\'t say", before submitting: 2 still open (feedback.useful, stance).',
    });
    expect((await storedResponse(a1, "manager")).submittedAt).toBeNull();
    const after = await databaseFingerprint(t.db);
    expect(after).not.toBe(before); // the manager's draft was saved …
    expect(await outcomeOf(as(w.a.manager1).assessments.submit({ assessmentId: a1, shareChooseAgain: true }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await databaseFingerprint(t.db)).toBe(after); // … and a refused submit changed nothing
  });

  it('counts "can\'t say" as an answer', async () => {
    await fill(as(w.a.manager1), a1, completeAnswers(1, {}, "cant_say"));
    expect(await as(w.a.manager1).assessments.submit({ assessmentId: a1, shareChooseAgain: false })).toEqual({ revealed: false, waitingFor: "Report A1" });
  });

  it("twice, or changing answers afterwards, is a conflict that changes nothing", async () => {
    const before = await databaseFingerprint(t.db);
    expect(await outcomeOf(as(w.a.manager1).assessments.submit({ assessmentId: a1, shareChooseAgain: true }))).toEqual({
      code: "CONFLICT",
      message: "You have already submitted this assessment.",
    });
    const attempts: DraftChanges[] = [{ "trust.ability": 5 }, { "trust.ability": null }, { topics: "one more thing" }];
    for (const changes of attempts) {
      expect(await outcomeOf(as(w.a.manager1).assessments.saveDraft({ assessmentId: a1, changes }))).toEqual({
        code: "CONFLICT",
        message: "You have already submitted this assessment; answers can no longer change.",
      });
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect((await storedResponse(a1, "manager")).answers).toEqual(completeAnswers(1, {}, "cant_say"));
  });
});

describe("a draft", () => {
  it("saved from two tabs keeps both tabs' answers, one after the other or at the same time", async () => {
    const tab1 = as(w.a.report2);
    const tab2 = as(w.a.report2);
    await tab1.assessments.saveDraft({ assessmentId: a2, changes: { "trust.ability": 2 } });
    await tab2.assessments.saveDraft({ assessmentId: a2, changes: { "goals.success": 5 } });
    expect((await tab1.assessments.get({ assessmentId: a2 })).mine.answers).toEqual({ "trust.ability": 2, "goals.success": 5 });

    const { revision } = await storedResponse(a2, "employee");
    const keys = ["respect.views", "loyalty.backing", "feedback.advice", "knowledge.work", "contact.enough", "stance"] as const;
    await Promise.all(keys.map((key) => as(w.a.report2).assessments.saveDraft({ assessmentId: a2, changes: { [key]: key === "stance" ? "with" : 3 } })));
    const stored = await storedResponse(a2, "employee");
    expect(stored.answers).toEqual({
      "trust.ability": 2,
      "goals.success": 5,
      "respect.views": 3,
      "loyalty.backing": 3,
      "feedback.advice": 3,
      "knowledge.work": 3,
      "contact.enough": 3,
      stance: "with",
    });
    expect(stored.revision).toBe(revision + keys.length);
  });

  it("keeps the latest value of a question saved twice, and null clears an answer", async () => {
    const c = as(w.a.report2);
    await c.assessments.saveDraft({ assessmentId: a2, changes: { "trust.ability": 4 } });
    await c.assessments.saveDraft({ assessmentId: a2, changes: { "trust.ability": 1 } });
    expect((await c.assessments.get({ assessmentId: a2 })).mine.answers["trust.ability"]).toBe(1);

    const before = (await c.assessments.get({ assessmentId: a2 })).mine;
    await c.assessments.saveDraft({ assessmentId: a2, changes: { "trust.ability": null, stance: null } });
    const after = (await c.assessments.get({ assessmentId: a2 })).mine;
    expect(after.answers).not.toHaveProperty("trust.ability");
    expect(after.answers).not.toHaveProperty("stance");
    expect(after.answers["goals.success"]).toBe(5);
    expect(after.progress.answered).toBe(before.progress.answered - 2);
    expect(after.revision).toBe(before.revision + 1);
  });

  it("keeps topics text exactly as typed, and trims it at submit", async () => {
    const typed = "  Let's plan my next project:\n  - scope\n  - timeline  \n\n";
    const c = as(w.a.report2);
    await c.assessments.saveDraft({ assessmentId: a2, changes: { topics: typed } });
    expect((await c.assessments.get({ assessmentId: a2 })).mine.answers.topics).toBe(typed);

    await fill(c, a2, completeAnswers(1, { topics: typed }, 4));
    await c.assessments.submit({ assessmentId: a2, shareChooseAgain: true });
    const mine = (await c.assessments.get({ assessmentId: a2 })).mine;
    expect(mine.answers.topics).toBe("Let's plan my next project:\n  - scope\n  - timeline");
    expect(mine.submittedAt).toBeInstanceOf(Date);
  });

  it("with topics of only spaces submits without topics", async () => {
    const c = as(w.a.manager2);
    await fill(c, a2, completeAnswers(1, { topics: "   \n " }, 3));
    expect((await c.assessments.get({ assessmentId: a2 })).mine.answers.topics).toBe("   \n ");
    expect(await c.assessments.submit({ assessmentId: a2, shareChooseAgain: true })).toEqual({ revealed: true, waitingFor: null });
    const results = await c.assessments.results({ assessmentId: a2 });
    expect(results.sides.manager.answers).not.toHaveProperty("topics");
    expect(results.sides.employee.answers.topics).toBe("Let's plan my next project:\n  - scope\n  - timeline");
  });
});

describe("a draft save racing the submit", () => {
  // Submit is final (PRODUCT.md §2). A save sent while the submit is in flight (another tab, a
  // late autosave) must either land before the submission, and then be part of it, or be
  // refused; it must never change a submitted answer, nor be acknowledged and then lost.
  it("is either part of the submission or refused, never applied after it or lost", async () => {
    const report = w.b.report2;
    const manager = w.b.manager2;
    const pairId = (await as(report).me.get()).pairs.asReport[0]!.id;
    const violations: string[] = [];
    for (let round = 0; round < 10; round++) {
      const { assessmentId } = await as(manager).assessments.startCheckIn({ pairId });
      await fill(as(report), assessmentId, completeAnswers(1, {}, 4));
      await fill(as(manager), assessmentId, completeAnswers(1, {}, 4));
      await as(manager).assessments.submit({ assessmentId, shareChooseAgain: true });

      const submit = as(report).assessments.submit({ assessmentId, shareChooseAgain: true });
      await new Promise((resolve) => setTimeout(resolve, round % 5));
      const save = as(report)
        .assessments.saveDraft({ assessmentId, changes: { "trust.ability": 1 } })
        .then(
          (saved) => ({ ok: true as const, revision: saved.revision }),
          (err: unknown) => ({ ok: false as const, error: err }),
        );
      const [submitted, saved] = await Promise.all([submit, save]);
      expect(submitted.revealed).toBe(true);

      const stored = await storedResponse(assessmentId, "employee");
      const seenByManager = (await as(manager).assessments.results({ assessmentId })).sides.employee.answers;
      expect(seenByManager).toEqual(stored.answers);
      if (saved.ok) {
        if (stored.answers["trust.ability"] !== 1)
          violations.push(`round ${round}: the save was acknowledged (revision ${saved.revision}) but is not in the submission`);
        if (saved.revision >= stored.revision)
          violations.push(`round ${round}: the save was applied after the submit (revision ${saved.revision} of ${stored.revision})`);
      } else {
        expect(await outcomeOf(Promise.reject(saved.error))).toEqual({
          code: "CONFLICT",
          message: "You have already submitted this assessment; answers can no longer change.",
        });
        if (stored.answers["trust.ability"] !== 4) violations.push(`round ${round}: the save was refused but changed the answer`);
      }
    }
    expect(violations).toEqual([]);
  });
});
