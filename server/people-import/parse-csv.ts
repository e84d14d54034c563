import { Readable } from "node:stream";
import { parse as parseStream } from "csv-parse";
import { CsvError, parse } from "csv-parse/sync";
import {
  COLUMN_LABELS,
  HEADER_ALIASES,
  IMPORT_COLUMNS,
  IMPORT_LIMITS,
  MAPPING_TARGETS,
  normalizeHeader,
  REQUIRED_COLUMNS,
  type ColumnChoice,
  type ImportColumn,
  type MappingTarget,
} from "./columns";

// Reading a people CSV into rows of trimmed cells keyed by column. Pure: no database. Whatever
// a spreadsheet or HR system export may contain (a byte-order mark, CRLF line ends, quoted
// fields with commas or line breaks, blank trailing rows, extra columns, headers in any case,
// a name in two columns) is read; what can't be read becomes a file-level error that says what
// to fix.
//
// Which column is which: HR's choice for that header if it made one (in this preview, or
// remembered from the organization's last import), else the header's common name
// (HEADER_ALIASES), else the column is ignored. Every header and what it was read as is
// returned, so the preview can show the mapping and let HR change it.

export { COLUMN_LABELS, IMPORT_COLUMNS, IMPORT_LIMITS, normalizeHeader, REQUIRED_COLUMNS, type ImportColumn };

/** HR's choices, by normalized header (normalizeHeader). */
export type ColumnMapping = Record<string, ColumnChoice>;

export interface HeaderReading {
  /** The header as written in the file. */
  header: string;
  /** What Tandem reads the column as, or null when it is ignored. */
  target: MappingTarget | null;
  /** Why: HR chose it (now or last time), the header's usual name, or nothing matched. */
  source: "chosen" | "recognized" | "none";
}

export interface CsvRow {
  /** The row as a spreadsheet numbers it: the header is row 1, blank lines count. */
  row: number;
  /** Trimmed cells of the columns the file has; a column the file lacks is absent. */
  values: Partial<Record<ImportColumn, string>>;
}

export interface ParsedCsv {
  /** The fields the file gives, in Tandem's order (IMPORT_COLUMNS). */
  columns: ImportColumn[];
  /** Every header of the file and how it was read (empty when the file could not be read). */
  headers: HeaderReading[];
  rows: CsvRow[];
  /** Problems with the file as a whole; when any, `rows` is empty. */
  fileErrors: string[];
}

const failed = (...fileErrors: string[]): ParsedCsv => ({ columns: [], headers: [], rows: [], fileErrors });

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

/** Which column is which, from HR's choices first, then the usual header names. */
export function readHeaders(header: string[], mapping: ColumnMapping = {}): HeaderReading[] {
  const taken = new Set<MappingTarget>();
  const readings: HeaderReading[] = header.map((cell) => {
    const choice = mapping[normalizeHeader(cell)];
    if (choice === "ignore") return { header: cell, target: null, source: "chosen" };
    if (choice && (MAPPING_TARGETS as readonly string[]).includes(choice)) return { header: cell, target: choice, source: "chosen" };
    return { header: cell, target: null, source: "none" };
  });
  for (const r of readings) if (r.target) taken.add(r.target);
  // A usual name fills what HR's choices left open. Of two different usual names for one field
  // ("Email", "Work Email") the first column counts and the preview shows the other ignored; the
  // same header twice is ambiguous, and is refused as a repeated column.
  const recognizedAs = new Map<MappingTarget, string>();
  readings.forEach((r, i) => {
    if (r.source !== "none") return;
    const normalized = normalizeHeader(header[i] ?? "");
    const target = HEADER_ALIASES[normalized];
    if (!target) return;
    if (!taken.has(target) || recognizedAs.get(target) === normalized) {
      taken.add(target);
      recognizedAs.set(target, normalized);
      readings[i] = { header: r.header, target, source: "recognized" };
    }
  });
  return readings;
}

/** How much one file may hold: the text pasted or sent to the API, or a file uploaded for a background import. */
export interface FileLimits {
  maxChars: number;
  maxRows: number;
  /** How the size limit is said ("2 MB"). */
  sizeLabel: string;
}

const PASTED: FileLimits = { ...IMPORT_LIMITS, sizeLabel: "2 MB" };

/** What makes a text unreadable before it is parsed, or null. */
function textProblem(text: string, limits: FileLimits): string | null {
  if (text.length > limits.maxChars) return `The file is larger than ${limits.sizeLabel}. Split it into smaller files and import them one after the other.`;
  // Postgres text can't hold NUL, and a lone surrogate is not text: both mean "not a CSV".
  if (text.includes("\u0000") || !text.isWellFormed()) return "The file contains characters that are not text. Save it as CSV (UTF-8) and try again.";
  if (text.replace(/^\uFEFF/, "").trim() === "") return "The file is empty. It needs a header row and one row per person.";
  return null;
}

const csvOptions = (text: string) => ({
  bom: true,
  delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
  relax_column_count: true,
  skip_empty_lines: false,
});

export function parsePeopleCsv(text: string, mapping: ColumnMapping = {}, limits: FileLimits = PASTED): ParsedCsv {
  const problem = textProblem(text, limits);
  if (problem) return failed(problem);
  let records: string[][];
  try {
    records = parse(text, csvOptions(text)) as string[][];
  } catch (err) {
    if (err instanceof CsvError) return failed(csvErrorMessage(err));
    throw err;
  }
  return fromRecords(records, mapping, limits);
}

/**
 * The same reading for a large file, record by record through csv-parse's streaming parser,
 * telling `onProgress` how many records it has read every `every` records (the background
 * import shows it), and yielding to other work between chunks.
 */
export async function parsePeopleCsvStreaming(
  text: string,
  mapping: ColumnMapping,
  limits: FileLimits,
  onProgress: (records: number) => Promise<void>,
  every = 5000,
): Promise<ParsedCsv> {
  const problem = textProblem(text, limits);
  if (problem) return failed(problem);
  const records: string[][] = [];
  try {
    const parser = Readable.from([text]).pipe(parseStream(csvOptions(text)));
    for await (const record of parser as AsyncIterable<string[]>) {
      records.push(record);
      if (records.length % every === 0) await onProgress(records.length);
    }
  } catch (err) {
    if (err instanceof CsvError) return failed(csvErrorMessage(err));
    throw err;
  }
  await onProgress(records.length);
  return fromRecords(records, mapping, limits);
}

function fromRecords(records: string[][], mapping: ColumnMapping, limits: FileLimits): ParsedCsv {
  const [header = [], ...body] = records;
  const headers = readHeaders(header, mapping);
  const positions = new Map<MappingTarget, number>();
  const repeated = new Set<MappingTarget>();
  headers.forEach((h, index) => {
    if (!h.target) return;
    if (positions.has(h.target)) repeated.add(h.target);
    else positions.set(h.target, index);
  });

  const fileErrors: string[] = [];
  const hasName = positions.has("name") || positions.has("firstName") || positions.has("lastName");
  const missing = REQUIRED_COLUMNS.filter((c) => !positions.has(c) && !(c === "name" && hasName));
  if (missing.length > 0) {
    const found = header.map((h) => h.trim()).filter(Boolean);
    fileErrors.push(
      `No column was recognised as ${missing.map((c) => `“${COLUMN_LABELS[c]}”`).join(" or ")}` +
        (missing.includes("name") ? " (or “first name” and “last name”)" : "") +
        `. Choose which column holds it below, or name the columns in the first row: ${IMPORT_COLUMNS.map((c) => COLUMN_LABELS[c]).join(", ")}` +
        (found.length > 0 ? ` (found: ${found.slice(0, 10).join(", ")}${found.length > 10 ? ", …" : ""}).` : "."),
    );
  }
  for (const column of repeated) fileErrors.push(`More than one column is read as “${COLUMN_LABELS[column]}”. Keep one, or choose “ignore” for the others.`);
  if (fileErrors.length > 0) return { ...failed(...fileErrors), headers };

  const cell = (record: string[], target: MappingTarget) => {
    const at = positions.get(target);
    return at === undefined ? undefined : (record[at] ?? "").trim();
  };
  const columns = IMPORT_COLUMNS.filter((c) => positions.has(c) || (c === "name" && hasName) || (c === "givenName" && positions.has("firstName")));
  const rows: CsvRow[] = [];
  body.forEach((record, index) => {
    // Blank lines and rows of empty cells (",,,," as spreadsheets export them) are skipped.
    if (record.every((c) => c.trim() === "")) return;
    const values: CsvRow["values"] = {};
    for (const column of columns) {
      if (column === "name" || column === "givenName") continue;
      values[column] = cell(record, column);
    }
    const first = cell(record, "firstName");
    // A full name column wins; else the two halves, in the order HR systems export them.
    values.name = cell(record, "name") || [first, cell(record, "lastName")].filter(Boolean).join(" ");
    // The given name: the column that says so, else the first name. Never cut out of the full name.
    if (columns.includes("givenName")) values.givenName = cell(record, "givenName") || first || "";
    rows.push({ row: index + 2, values });
  });
  if (rows.length === 0) return { ...failed("The file has a header row but no people. Add one row per person below it."), headers };
  if (rows.length > limits.maxRows) {
    return failed(
      `The file has ${rows.length.toLocaleString("en")} people; import at most ${limits.maxRows.toLocaleString("en")} at a time. Split the file and import the parts one after the other.`,
    );
  }
  return { columns, headers, rows, fileErrors: [] };
}
