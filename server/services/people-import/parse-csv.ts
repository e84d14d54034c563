import { CsvError, parse } from "csv-parse/sync";
import { COLUMN_LABELS, IMPORT_COLUMNS, IMPORT_LIMITS, REQUIRED_COLUMNS, type ImportColumn } from "./columns";

// Reading a people CSV into rows of trimmed cells keyed by column. Pure: no database. Whatever
// a spreadsheet export may contain (a byte-order mark, CRLF line ends, quoted fields with
// commas or line breaks, blank trailing rows, extra columns, headers in any case) is read;
// what can't be read becomes a file-level error that says what to fix.

export { COLUMN_LABELS, IMPORT_COLUMNS, IMPORT_LIMITS, REQUIRED_COLUMNS, type ImportColumn };

// Header names, compared with case, spaces, underscores and hyphens removed ("Manager Email",
// "manager_email" and "manager-email" are all "manageremail").
const ALIASES: Record<string, ImportColumn> = {
  email: "email",
  emailaddress: "email",
  workemail: "email",
  name: "name",
  fullname: "name",
  manageremail: "managerEmail",
  manageremailaddress: "managerEmail",
  department: "department",
  dept: "department",
  title: "title",
  jobtitle: "title",
  startdate: "startDate",
  start: "startDate",
};

export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_\-.]+/g, "");
}

export interface CsvRow {
  /** The row as a spreadsheet numbers it: the header is row 1, blank lines count. */
  row: number;
  /** Trimmed cells of the columns the file has; a column the file lacks is absent. */
  values: Partial<Record<ImportColumn, string>>;
}

export interface ParsedCsv {
  /** The known columns the file has, in file order. */
  columns: ImportColumn[];
  rows: CsvRow[];
  /** Problems with the file as a whole; when any, `rows` is empty. */
  fileErrors: string[];
}

const failed = (...fileErrors: string[]): ParsedCsv => ({ columns: [], rows: [], fileErrors });

/** The delimiter of the header line: a comma unless the line has none but has semicolons or tabs (European Excel). */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  if (firstLine.includes("\t")) return "\t";
  return ",";
}

function csvErrorMessage(err: CsvError): string {
  const where = typeof err.lines === "number" ? ` near line ${err.lines}` : "";
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `The file could not be read${where}: a quoted field is never closed. Check for a missing closing quote (").`;
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return `The file could not be read${where}: a quote (") appears inside a field. Put the whole field in quotes and double the quote inside it ("").`;
    default:
      return `The file could not be read as CSV${where}.`;
  }
}

export function parsePeopleCsv(text: string): ParsedCsv {
  if (text.length > IMPORT_LIMITS.maxChars) return failed("The file is larger than 2 MB. Split it into smaller files and import them one after the other.");
  // Postgres text can't hold NUL, and a lone surrogate is not text: both mean "not a CSV".
  if (text.includes("\u0000") || !text.isWellFormed()) return failed("The file contains characters that are not text. Save it as CSV (UTF-8) and try again.");
  if (text.replace(/^\uFEFF/, "").trim() === "") return failed("The file is empty. It needs a header row and one row per person.");

  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")), relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) return failed(csvErrorMessage(err));
    throw err;
  }

  const [header = [], ...body] = records;
  const positions = new Map<ImportColumn, number>();
  const repeated = new Set<ImportColumn>();
  header.forEach((cell, index) => {
    const column = ALIASES[normalizeHeader(cell)];
    if (!column) return; // extra columns are ignored
    if (positions.has(column)) repeated.add(column);
    else positions.set(column, index);
  });

  const fileErrors: string[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length > 0) {
    const found = header.map((h) => h.trim()).filter(Boolean);
    fileErrors.push(
      `The header row has no ${missing.map((c) => `“${COLUMN_LABELS[c]}”`).join(" or ")} column. ` +
        `The first row must name the columns: ${IMPORT_COLUMNS.map((c) => COLUMN_LABELS[c]).join(", ")}` +
        (found.length > 0 ? ` (found: ${found.slice(0, 10).join(", ")}${found.length > 10 ? ", …" : ""}).` : "."),
    );
  }
  for (const column of repeated) fileErrors.push(`The header row has more than one “${COLUMN_LABELS[column]}” column. Keep one.`);
  if (fileErrors.length > 0) return failed(...fileErrors);

  const columns = [...positions.entries()].sort((a, b) => a[1] - b[1]).map(([column]) => column);
  const rows: CsvRow[] = [];
  body.forEach((record, index) => {
    // Blank lines and rows of empty cells (",,,," as spreadsheets export them) are skipped.
    if (record.every((cell) => cell.trim() === "")) return;
    const values: CsvRow["values"] = {};
    for (const column of columns) values[column] = (record[positions.get(column)!] ?? "").trim();
    rows.push({ row: index + 2, values });
  });

  if (rows.length === 0) return failed("The file has a header row but no people. Add one row per person below it.");
  if (rows.length > IMPORT_LIMITS.maxRows) {
    return failed(`The file has ${rows.length.toLocaleString("en")} people; import at most ${IMPORT_LIMITS.maxRows.toLocaleString("en")} at a time. Split the file and import the parts one after the other.`);
  }
  return { columns, rows, fileErrors: [] };
}
