// The columns of a people CSV and the limits of one file. No imports: the import page shows the
// same names and limits as the server checks.

export const IMPORT_COLUMNS = ["email", "name", "managerEmail", "department", "title", "startDate"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** How each column is named in messages, the example file and the page. */
export const COLUMN_LABELS: Record<ImportColumn, string> = {
  email: "email",
  name: "name",
  managerEmail: "manager email",
  department: "department",
  title: "title",
  startDate: "start date",
};

/** Columns a file must have; the others may be left out (existing people then keep their value). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["email", "name"];

export const IMPORT_LIMITS = {
  /** Characters of CSV text (about 2 MB). */
  maxChars: 2 * 1024 * 1024,
  /** People in one file. */
  maxRows: 10_000,
} as const;

/** How many problems and changes a preview lists; the counts are always complete. */
export const PREVIEW_LIST_LIMIT = 1000;
