import { describe, expect, it } from "vitest";
import { IMPORT_LIMITS, parsePeopleCsv } from "@/server/people-import/parse-csv";
import { isIsoDate, planImport, type ExistingPerson, type OrgSnapshot } from "@/server/people-import/plan";

// Reading a people CSV and checking its rows against an organization (PRODUCT.md §6), without a
// database: every kind of problem gets a row-level message naming the row and column.

const HEADER = "email,name,manager email,department,title,start date";

function rows(text: string) {
  const parsed = parsePeopleCsv(text);
  expect(parsed.fileErrors).toEqual([]);
  return parsed.rows;
}

describe("reading the file", () => {
  it("reads a byte-order mark, CRLF line ends, quoted commas, quotes and line breaks", () => {
    const text = `\uFEFF${HEADER}\r\nana@example.test,"Ana, the ""Boss""",,"Research, Europe",CEO,2020-01-06\r\nbo@example.test,"Bo\r\nBerg",ana@example.test,,,\r\n`;
    expect(rows(text)).toEqual([
      {
        row: 2,
        values: { email: "ana@example.test", name: 'Ana, the "Boss"', managerEmail: "", department: "Research, Europe", title: "CEO", startDate: "2020-01-06" },
      },
      { row: 3, values: { email: "bo@example.test", name: "Bo\r\nBerg", managerEmail: "ana@example.test", department: "", title: "", startDate: "" } },
    ]);
  });

  it("skips blank lines and rows of empty cells, and numbers rows as a spreadsheet does", () => {
    const text = `email,name\n\nana@example.test,Ana\n,\n  ,  \nbo@example.test,Bo\n\n\n`;
    expect(rows(text).map((r) => [r.row, r.values.email])).toEqual([
      [3, "ana@example.test"],
      [6, "bo@example.test"],
    ]);
  });

  it("matches header names whatever their case, spacing, underscores or hyphens, and ignores other columns", () => {
    for (const header of [
      "Email,Name,Manager Email,Department,Title,Start Date",
      "EMAIL,NAME,manager_email,DEPARTMENT,title,start_date",
      " e-mail ,Full Name,Manager-Email,Dept,Job Title,StartDate",
    ]) {
      const [row] = rows(`${header}\nana@example.test,Ana,bo@example.test,R&D,CEO,2020-01-06\n`);
      expect(row!.values, header).toEqual({
        email: "ana@example.test",
        name: "Ana",
        managerEmail: "bo@example.test",
        department: "R&D",
        title: "CEO",
        startDate: "2020-01-06",
      });
    }
    const parsed = parsePeopleCsv(`Employee ID,Name,Phone,Email\n17,Ana,555-0100,ana@example.test\n`);
    expect(parsed.columns).toEqual(["email", "name"]);
    expect(parsed.rows[0]!.values).toEqual({ name: "Ana", email: "ana@example.test" });
  });

  it("reads semicolon-separated files (spreadsheets in many European locales)", () => {
    expect(rows(`email;name;title\nana@example.test;Ana;Head, Research\n`)[0]!.values).toEqual({
      email: "ana@example.test",
      name: "Ana",
      title: "Head, Research",
    });
  });

  it("trims cells and tolerates rows with fewer or more cells than the header", () => {
    expect(rows(`email,name,title\n  ana@example.test , Ana \nbo@example.test,Bo,CTO,extra\n`).map((r) => r.values)).toEqual([
      { email: "ana@example.test", name: "Ana", title: "" },
      { email: "bo@example.test", name: "Bo", title: "CTO" },
    ]);
  });

  it("names the required columns a file lacks", () => {
    expect(parsePeopleCsv("name,title\nAna,CEO\n").fileErrors).toEqual([
      "No column was recognised as “email”. Choose which column holds it below, or name the columns in the first row: email, name, given name, manager email, department, title, start date (found: name, title).",
    ]);
    expect(parsePeopleCsv("mail,nom\nana@example.test,Ana\n").fileErrors[0]).toContain("recognised as “email” or “name”");
  });

  it("refuses a column given twice, an empty file, a header without people, and broken quoting", () => {
    expect(parsePeopleCsv("email,name,E-mail\na@example.test,A,b@example.test\n").fileErrors).toEqual([
      "More than one column is read as “email”. Keep one, or choose “ignore” for the others.",
    ]);
    expect(parsePeopleCsv("\uFEFF \r\n").fileErrors).toEqual(["The file is empty. It needs a header row and one row per person."]);
    expect(parsePeopleCsv("email,name\r\n\r\n").fileErrors).toEqual(["The file has a header row but no people. Add one row per person below it."]);
    expect(parsePeopleCsv('email,name\nana@example.test,"Ana\n').fileErrors).toEqual([
      `The file could not be read near line 2: a quoted field is never closed. Check for a missing closing quote (").`,
    ]);
    expect(parsePeopleCsv('email,name\nana@example.test,Ana "the boss" Lee\n').fileErrors[0]).toContain('a quote (") appears inside a field');
  });

  it("refuses files that are not text", () => {
    for (const text of ["email,name\na@example.test,A\u0000\n", "email,name\na@example.test,A\uD800\n"]) {
      expect(parsePeopleCsv(text).fileErrors).toEqual(["The file contains characters that are not text. Save it as CSV (UTF-8) and try again."]);
    }
  });

  it("says clearly when a file is too large or has too many people", () => {
    const many = `email,name\n${Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => `p${i}@example.test,P ${i}`).join("\n")}`;
    expect(parsePeopleCsv(many).fileErrors).toEqual([
      "The file has 10,001 people; import at most 10,000 at a time. Split the file and import the parts one after the other.",
    ]);
    const exactly = `email,name\n${Array.from({ length: IMPORT_LIMITS.maxRows }, (_, i) => `p${i}@example.test,P ${i}`).join("\n")}`;
    expect(parsePeopleCsv(exactly).rows).toHaveLength(IMPORT_LIMITS.maxRows);
    expect(parsePeopleCsv(`email,name\n${"x".repeat(IMPORT_LIMITS.maxChars)}`).fileErrors).toEqual([
      "The file is larger than 2 MB. Split it into smaller files and import them one after the other.",
    ]);
  });
});

const ids = {
  ana: "00000000-0000-4000-8000-00000000000a",
  bo: "00000000-0000-4000-8000-00000000000b",
  cy: "00000000-0000-4000-8000-00000000000c",
  gone: "00000000-0000-4000-8000-0000000000ff",
};
const eng = { id: "00000000-0000-4000-8000-0000000000e1", name: "Engineering" };

function person(p: Partial<ExistingPerson> & Pick<ExistingPerson, "id" | "email" | "name">): ExistingPerson {
  return { givenName: null, title: null, departmentId: null, managerId: null, startDate: null, deactivated: false, ...p };
}

/** Ana manages Bo, Bo manages Cy; Gus left. */
const org: OrgSnapshot = {
  people: [
    person({ id: ids.ana, email: "ana@example.test", name: "Ana Alves", title: "CEO", departmentId: eng.id, startDate: "2020-01-06" }),
    person({ id: ids.bo, email: "bo@example.test", name: "Bo Berg", managerId: ids.ana, departmentId: eng.id }),
    person({ id: ids.cy, email: "cy@example.test", name: "Cy Chen", managerId: ids.bo }),
    person({ id: ids.gone, email: "gus@example.test", name: "Gus Gone", deactivated: true }),
  ],
  departments: [eng],
};

function check(text: string, snapshot: OrgSnapshot = org) {
  const parsed = parsePeopleCsv(text);
  expect(parsed.fileErrors).toEqual([]);
  return planImport(parsed, snapshot);
}

describe("checking rows", () => {
  it("gives every kind of problem a message on its row and column", () => {
    const { problems, plan } = check(
      [
        HEADER,
        ",No Email,,,,", //                                       2: missing email
        "not-an-email,Bad Email,,,,", //                          3: malformed email
        "dup@example.test,Dup One,,,,", //                        4: duplicate
        "DUP@example.test,Dup Two,,,,", //                        5: duplicate (case-insensitive)
        "noname@example.test,,,,,", //                            6: missing name
        "lost@example.test,Lost,nobody@example.test,,,", //       7: unknown manager
        "odd@example.test,Odd,boss at example,,,", //             8: malformed manager email
        "self@example.test,Self,self@example.test,,,", //         9: own manager
        "x@example.test,X,y@example.test,,,", //                 10: loop x → y → x
        "y@example.test,Y,x@example.test,,,", //                 11
        "us@example.test,Us,,,,03/15/2024", //                   12: not ISO
        "feb@example.test,Feb,,,,2023-02-29", //                 13: no such day
        "gus@example.test,Gus Gone,,,,", //                      14: deactivated
        "new@example.test,New,gus@example.test,,,", //           15: deactivated manager
      ].join("\n"),
    );
    expect(plan).toBeNull();
    expect(problems).toEqual([
      { row: 2, column: "email", message: "Email is missing." },
      { row: 3, column: "email", message: "“not-an-email” is not a valid email address." },
      { row: 4, column: "email", message: "dup@example.test appears more than once in the file (rows 4, 5)." },
      { row: 5, column: "email", message: "dup@example.test appears more than once in the file (rows 4, 5)." },
      { row: 6, column: "name", message: "Name is missing." },
      { row: 7, column: "managerEmail", message: "No one with the email nobody@example.test is in this file or in your organization." },
      {
        row: 8,
        column: "managerEmail",
        message: "“boss at example” is not an email address. Tandem finds managers by email: use your system's manager email column.",
      },
      { row: 9, column: "managerEmail", message: "A person cannot be their own manager." },
      { row: 10, column: "managerEmail", message: "The manager chain loops: x@example.test → y@example.test → x@example.test." },
      { row: 11, column: "managerEmail", message: "The manager chain loops: y@example.test → x@example.test → y@example.test." },
      { row: 12, column: "startDate", message: "“03/15/2024” is not a date in the form YYYY-MM-DD (for example 2024-03-15)." },
      { row: 13, column: "startDate", message: "“2023-02-29” is not a date in the form YYYY-MM-DD (for example 2024-03-15)." },
      { row: 14, column: "email", message: "gus@example.test belongs to someone who has been deactivated in Tandem. Remove this row." },
      { row: 15, column: "managerEmail", message: "gus@example.test has been deactivated in Tandem and can't be a manager." },
    ]);
  });

  it("finds loops that run through people already in the organization, and marks each row on them", () => {
    // Ana → Bo → Cy exists; making Cy Ana's manager closes the loop through Bo, who is not in the file.
    expect(check("email,name,manager email\nana@example.test,Ana Alves,cy@example.test\n").problems).toEqual([
      { row: 2, column: "managerEmail", message: "The manager chain loops: ana@example.test → cy@example.test → bo@example.test → ana@example.test." },
    ]);
    const { problems } = check(
      "email,name,manager email\na@example.test,A,b@example.test\nb@example.test,B,c@example.test\nc@example.test,C,a@example.test\nd@example.test,D,a@example.test\n",
    );
    expect(problems.map((p) => p.row)).toEqual([2, 3, 4]);
  });

  it("flags long values and impossible years", () => {
    const { problems } = check(`${HEADER}\nlong@example.test,${"n".repeat(201)},,${"d".repeat(101)},${"t".repeat(201)},1850-01-01\n`);
    expect(problems.map((p) => `${p.column}: ${p.message}`)).toEqual([
      "name: Name is longer than 200 characters.",
      "department: Department is longer than 100 characters.",
      "title: Title is longer than 200 characters.",
      "startDate: Start date 1850-01-01 is not between 1900 and 2100.",
    ]);
  });

  it("accepts only real YYYY-MM-DD dates", () => {
    expect(["2024-02-29", "2026-12-31", "1999-01-01"].every(isIsoDate)).toBe(true);
    expect(["2023-02-29", "2026-13-01", "2026-1-1", "15.03.2024", "2024-03-15T00:00", "20240315", ""].some(isIsoDate)).toBe(false);
  });
});

describe("planning the import", () => {
  it("creates new people, with new departments matched case-insensitively and managers from the file or the organization", () => {
    const { problems, plan } = check(
      `${HEADER}\ndee@example.test,Dee Diaz,ana@example.test,ENGINEERING,Engineer,2026-03-02\neve@example.test,Eve Ek,dee@example.test,Design,,\nfay@example.test,Fay Fox,,design,,\n`,
    );
    expect(problems).toEqual([]);
    expect(plan!.newDepartments).toEqual(["Design"]);
    expect(plan!.creates).toEqual([
      { row: 2, email: "dee@example.test", name: "Dee Diaz", givenName: null, title: "Engineer", department: "Engineering", startDate: "2026-03-02" },
      { row: 3, email: "eve@example.test", name: "Eve Ek", givenName: null, title: null, department: "Design", startDate: null },
      { row: 4, email: "fay@example.test", name: "Fay Fox", givenName: null, title: null, department: "Design", startDate: null },
    ]);
    expect(plan!.managerChanges.map((c) => [c.email, c.personId, c.from, c.to?.email, c.depth])).toEqual([
      ["dee@example.test", null, null, "ana@example.test", 1],
      ["eve@example.test", null, null, "dee@example.test", 2],
    ]);
    expect(plan!.updates).toEqual([]);
    expect(plan!.unchanged).toBe(0);
  });

  it("leaves unchanged rows alone and lists what changes for the others, field by field", () => {
    const same = `${HEADER}\nana@example.test,Ana Alves,,engineering,CEO,2020-01-06\nbo@example.test,Bo Berg,ana@example.test,Engineering,,\ncy@example.test,Cy Chen,bo@example.test,,,\n`;
    expect(check(same).plan).toEqual({ creates: [], updates: [], managerChanges: [], newDepartments: [], unchanged: 3 });

    const edited = `${HEADER}\nANA@example.test,Ana Alves-Lee,,,Founder,2020-01-06\nbo@example.test,Bo Berg,ana@example.test,Engineering,,\ncy@example.test,Cy Chen,ana@example.test,,,2024-05-01\n`;
    const { plan } = check(edited);
    expect(plan!.updates).toEqual([
      {
        row: 2,
        personId: ids.ana,
        email: "ana@example.test",
        name: "Ana Alves-Lee",
        changes: [
          { field: "name", from: "Ana Alves", to: "Ana Alves-Lee" },
          { field: "title", from: "CEO", to: "Founder" },
          { field: "department", from: "Engineering", to: null },
        ],
      },
      { row: 4, personId: ids.cy, email: "cy@example.test", name: "Cy Chen", changes: [{ field: "startDate", from: null, to: "2024-05-01" }] },
    ]);
    expect(plan!.managerChanges).toEqual([
      {
        row: 4,
        email: "cy@example.test",
        name: "Cy Chen",
        personId: ids.cy,
        from: { email: "bo@example.test", name: "Bo Berg" },
        to: { email: "ana@example.test", name: "Ana Alves-Lee" },
        depth: 1,
      },
    ]);
    expect(plan!.unchanged).toBe(1);
  });

  it("keeps the values of columns the file leaves out, and clears those it leaves empty", () => {
    expect(check("email,name\nbo@example.test,Bo Berg\n").plan!.unchanged).toBe(1);
    const { plan } = check("email,name,manager email,department\nbo@example.test,Bo Berg,,\n");
    expect(plan!.updates[0]!.changes).toEqual([{ field: "department", from: "Engineering", to: null }]);
    expect(plan!.managerChanges.map((c) => [c.email, c.from?.email, c.to])).toEqual([["bo@example.test", "ana@example.test", null]]);
  });

  it("orders manager changes so that no step makes a loop: a swap is planned top-down", () => {
    // Bo becomes Ana's manager: Bo must first stop reporting to Ana.
    const { problems, plan } = check("email,name,manager email\nana@example.test,Ana Alves,bo@example.test\nbo@example.test,Bo Berg,\n");
    expect(problems).toEqual([]);
    expect([...plan!.managerChanges].sort((a, b) => a.depth - b.depth).map((c) => [c.email, c.to?.email ?? null])).toEqual([
      ["bo@example.test", null],
      ["ana@example.test", "bo@example.test"],
    ]);
  });
});

describe("exports of HR systems", () => {
  // Header rows as BambooHR, HiBob, Personio, Rippling and Workday export them (the columns a
  // people report of each gives, in their own words), with one person each.
  const exports: [string, string][] = [
    [
      "BambooHR",
      "Employee #,First Name,Last Name,Preferred Name,Work Email,Job Title,Department,Hire Date,Supervisor Email\n7,Léa,Martin,,lea@example.test,Engineer,Engineering,2024-01-08,sam@example.test",
    ],
    [
      "HiBob",
      "Display name,First name,Last name,Email,Department,Job title,Start date,Reports to email\nLéa Martin,Léa,Martin,lea@example.test,Engineering,Engineer,2024-01-08,sam@example.test",
    ],
    [
      "Personio",
      "ID;First name;Last name;Email;Position;Department;Hire date;Supervisor email\n7;Léa;Martin;lea@example.test;Engineer;Engineering;2024-01-08;sam@example.test",
    ],
    [
      "Rippling",
      "Legal First Name,Legal Last Name,Preferred First Name,Work Email,Title,Department,Start Date,Manager Email\nLéa,Martin,,lea@example.test,Engineer,Engineering,2024-01-08,sam@example.test",
    ],
    [
      "Workday",
      "Legal Name - First Name,Legal Name - Last Name,Email - Work,Business Title,Department,Hire Date,Manager Email\nLéa,Martin,lea@example.test,Engineer,Engineering,2024-01-08,sam@example.test",
    ],
  ];
  for (const [system, csv] of exports) {
    it(`reads a ${system} export: the name from first + last, the given name from the first name`, () => {
      const parsed = parsePeopleCsv(csv);
      expect(parsed.fileErrors).toEqual([]);
      expect(parsed.rows[0]!.values).toEqual({
        email: "lea@example.test",
        name: "Léa Martin",
        givenName: "Léa",
        managerEmail: "sam@example.test",
        department: "Engineering",
        title: "Engineer",
        startDate: "2024-01-08",
      });
    });
  }

  it("prefers a preferred name to the first name, and never cuts a given name out of a full name", () => {
    expect(parsePeopleCsv("Work Email,First Name,Last Name,Preferred Name\nrob@example.test,Robert,Smith,Bob").rows[0]!.values).toMatchObject({
      name: "Robert Smith",
      givenName: "Bob",
    });
    // "Martin, Léa" in one name column: no given name is guessed from it.
    const single = parsePeopleCsv('email,name\nlea@example.test,"Martin, Léa"').rows[0]!.values;
    expect(single).toEqual({ email: "lea@example.test", name: "Martin, Léa" });
  });

  it("lets HR say which column is which, overriding the usual names, and shows how each header was read", () => {
    const csv = "Mail,Nom complet,Chef,Email\nlea@example.test,Léa Martin,sam@example.test,personal@example.test";
    const before = parsePeopleCsv(csv);
    expect(before.headers.map((h) => [h.header, h.target, h.source])).toEqual([
      ["Mail", null, "none"],
      ["Nom complet", null, "none"],
      ["Chef", null, "none"],
      ["Email", "email", "recognized"],
    ]);
    expect(before.fileErrors[0]).toContain("recognised as “name”");
    const mapped = parsePeopleCsv(csv, { mail: "email", nomcomplet: "name", chef: "managerEmail", email: "ignore" });
    expect(mapped.fileErrors).toEqual([]);
    expect(mapped.rows[0]!.values).toEqual({ email: "lea@example.test", name: "Léa Martin", managerEmail: "sam@example.test" });
    expect(mapped.headers.map((h) => h.source)).toEqual(["chosen", "chosen", "chosen", "chosen"]);
    // HR's choice wins over a usual name (the other column is then left unread)…
    const chosen = parsePeopleCsv(csv, { mail: "email", nomcomplet: "name" });
    expect(chosen.rows[0]!.values.email).toBe("lea@example.test");
    expect(chosen.headers[3]).toEqual({ header: "Email", target: null, source: "none" });
    // …and two columns chosen as the same field are refused, not guessed between.
    expect(parsePeopleCsv(csv, { mail: "email", nomcomplet: "name", email: "email" }).fileErrors).toEqual([
      "More than one column is read as “email”. Keep one, or choose “ignore” for the others.",
    ]);
  });

  it("says what a manager column needs when it holds names", () => {
    const parsed = parsePeopleCsv("Work Email,Name,Reports To\nlea@example.test,Léa Martin,Sam Okafor");
    const { problems } = planImport(parsed, org);
    expect(problems).toEqual([
      {
        row: 2,
        column: "managerEmail",
        message: "“Sam Okafor” is not an email address. Tandem finds managers by email: use your system's manager email column.",
      },
    ]);
  });
});
