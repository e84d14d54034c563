import { stringify } from "csv-stringify/sync";

// Every CSV Tandem writes goes through here (issue 17). Names people typed (departments, cycles,
// teams' managers) reach spreadsheets, which run a cell starting with =, +, -, @, a tab or a CR
// as a formula (OWASP "CSV Injection"): such a text cell gets a leading single quote, which
// spreadsheets show as text. Numbers are written as numbers, never prefixed, so a figure of
// -0.67 stays a figure. A cell holding a comma, a quote, CR or LF is quoted, so no text can end
// a row early. csv-stringify does both (`escape_formulas`, its quoting rules).

export type CsvCell = string | number | null;

export interface CsvOptions {
  /** Digits after the decimal point for every number (as the page shows them); default: as is. */
  decimals?: number;
}

export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const { decimals } = options;
  return stringify(
    rows.map((r) => [...r]),
    {
      escape_formulas: true,
      record_delimiter: "\n",
      // Setting record_delimiter turns this off unless asked: a CR or LF inside a cell must be quoted.
      quote_record_delimiter: true,
      cast: { number: (n) => (decimals === undefined ? String(n) : n.toFixed(decimals)) },
    },
  );
}
