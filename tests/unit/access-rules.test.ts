import { describe, expect, it } from "vitest";
import type { OrgRole } from "@/db/schema";
import { isOrgAdmin, isOwner } from "@/server/access/actor";
import { minGroupSizeOf, participationCells } from "@/server/access/aggregates";
import { answersSeenBy } from "@/server/access/assessments";
import { HIDDEN_REASON, MIN_GROUP_SIZE_DEFAULT } from "@/server/analysis/anonymity";
import { getItemBank } from "@/server/assessments/item-bank";

const HIDDEN = { hidden: true, reason: HIDDEN_REASON };
const bank = getItemBank(1);

describe("answersSeenBy: 'would you choose them again?' by consent", () => {
  const answers = { [bank.chooseAgain.key]: "probably", stance: "with" };
  it("gives a side its own answer, shared or not", () => {
    expect(answersSeenBy("employee", bank, { side: "employee", answers, shareChooseAgain: false })).toEqual(answers);
  });
  it("gives the other side's answer only if its author shared it", () => {
    expect(answersSeenBy("manager", bank, { side: "employee", answers, shareChooseAgain: true })).toEqual(answers);
    expect(answersSeenBy("manager", bank, { side: "employee", answers, shareChooseAgain: false })).toEqual({ stance: "with" });
  });
  it("leaves the stored answers as they were", () => {
    answersSeenBy("manager", bank, { side: "employee", answers, shareChooseAgain: false });
    expect(answers[bank.chooseAgain.key]).toBe("probably");
  });
});

describe("minGroupSizeOf", () => {
  it("is the cycle's k once fixed, else the organization's, else the default", () => {
    expect(minGroupSizeOf(7, 3)).toBe(7);
    expect(minGroupSizeOf(null, 3)).toBe(3);
    expect(minGroupSizeOf(undefined)).toBe(MIN_GROUP_SIZE_DEFAULT);
  });
});

describe("participationCells: the threshold rule of every trend figure", () => {
  const counts = { invited: 9, submitted: { employee: 6, manager: 5 }, completePairs: 6, completePeople: { employee: 6, manager: 5 } };
  it("shows each count from k people on each side it reports", () => {
    expect(participationCells(counts, 5)).toEqual({
      invited: { hidden: false, value: 9 },
      employeeSubmitted: { hidden: false, value: 6 },
      managerSubmitted: { hidden: false, value: 5 },
      complete: { hidden: false, value: 6 },
    });
  });
  it("hides complete pairs of fewer than k managers, however many pairs", () => {
    expect(participationCells({ ...counts, completePeople: { employee: 6, manager: 4 } }, 5).complete).toEqual(HIDDEN);
  });
  it("hides complete pairs wherever either side's count is hidden", () => {
    expect(participationCells({ ...counts, submitted: { employee: 6, manager: 4 } }, 5)).toMatchObject({ managerSubmitted: HIDDEN, complete: HIDDEN });
    expect(participationCells(counts, 7)).toEqual({
      invited: { hidden: false, value: 9 },
      employeeSubmitted: HIDDEN,
      managerSubmitted: HIDDEN,
      complete: HIDDEN,
    });
  });
});

describe("isOrgAdmin and isOwner: the same answer for the actor's set and a page's list of roles", () => {
  const cases: [OrgRole[], boolean, boolean][] = [
    [["member"], false, false],
    [["hr_admin", "member"], true, false],
    [["member", "owner"], true, true],
    [["hr_admin", "member", "owner"], true, true],
  ];
  it.each(cases)("%j: org admin %s, owner %s", (roles, admin, owner) => {
    expect([isOrgAdmin({ roles }), isOrgAdmin({ roles: new Set(roles) })]).toEqual([admin, admin]);
    expect([isOwner({ roles }), isOwner({ roles: new Set(roles) })]).toEqual([owner, owner]);
  });
});
