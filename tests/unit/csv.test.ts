import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv } from "@/server/csv/write-csv";

// The one CSV writer (server/csv/write-csv.ts): formula neutralising per OWASP "CSV Injection",
// quoting, and numbers kept as numbers.

describe("toCsv", () => {
  it("prefixes a single quote to text cells starting with =, +, -, @, tab or CR", () => {
    for (const lead of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = (parse(toCsv([[`${lead}1+1`]])) as string[][])[0]?.[0];
      expect(cell, JSON.stringify(lead)).toBe(`'${lead}1+1`);
    }
    expect(toCsv([['=HYPERLINK("https://evil.example","x")']])).toBe(`"'=HYPERLINK(""https://evil.example"",""x"")"\n`);
  });

  it("leaves other text alone, and a formula character later in the text", () => {
    expect(toCsv([["Engineering", "a=b", "x-1", " @home"]])).toBe("Engineering,a=b,x-1, @home\n");
  });

  it("keeps numbers, negative ones included, as numbers with the given decimals", () => {
    expect(toCsv([[-0.6666, 3.5, 0, "fewer than k responses"]], { decimals: 2 })).toBe("-0.67,3.50,0.00,fewer than k responses\n");
    expect(toCsv([[-1, 2.25]])).toBe("-1,2.25\n");
    // A negative number typed as text is text: it is neutralised like any other.
    expect(toCsv([["-0.67"]])).toBe("'-0.67\n");
  });

  it("quotes CR, LF, commas and quotes, so no text ends a row or a field early", () => {
    const csv = toCsv([
      ["a\rb", "c\nd", "e,f", 'g"h'],
      ["next", 1, null, ""],
    ]);
    expect(csv).toBe('"a\rb","c\nd","e,f","g""h"\nnext,1,,\n');
    expect(parse(csv)).toEqual([
      ["a\rb", "c\nd", "e,f", 'g"h'],
      ["next", "1", "", ""],
    ]);
  });
});
