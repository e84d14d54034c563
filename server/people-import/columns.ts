// The columns of a people CSV and the limits of one file. No imports: the import page shows the
// same names and limits as the server checks.

/** What each person of a file is made of, once the file's columns are read (parse-csv.ts). */
export const IMPORT_COLUMNS = ["email", "name", "givenName", "managerEmail", "department", "title", "startDate"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * What a column of a file can be mapped to: a person's field, or one half of a name that HR
 * systems export in two columns ("First Name" + "Last Name" make the name; the first name is
 * also the given name unless a "Preferred Name" column says otherwise).
 */
export const MAPPING_TARGETS = ["email", "name", "firstName", "lastName", "givenName", "managerEmail", "department", "title", "startDate"] as const;
export type MappingTarget = (typeof MAPPING_TARGETS)[number];
/** A column mapped by HR: a target, or "ignore" for a column Tandem should not read. */
export type ColumnChoice = MappingTarget | "ignore";

/** How each column is named in messages, the example file and the page. */
export const COLUMN_LABELS: Record<MappingTarget, string> = {
  email: "email",
  name: "name",
  firstName: "first name",
  lastName: "last name",
  givenName: "given name",
  managerEmail: "manager email",
  department: "department",
  title: "title",
  startDate: "start date",
};

/** Columns a file must have; the others may be left out (existing people then keep their value). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["email", "name"];

/**
 * Header names as the common HR systems export them (BambooHR, HiBob, Personio, Rippling,
 * Workday, and spreadsheets made by hand), compared lower-cased with everything but letters and
 * digits removed: "Work Email", "work_email" and "Email - Work" are "workemail" and "emailwork".
 */
export const HEADER_ALIASES: Record<string, MappingTarget> = {
  email: "email",
  emailaddress: "email",
  workemail: "email",
  workemailaddress: "email",
  emailwork: "email",
  primaryworkemail: "email",
  businessemail: "email",
  companyemail: "email",
  name: "name",
  fullname: "name",
  employeename: "name",
  displayname: "name",
  legalname: "name",
  worker: "name",
  firstname: "firstName",
  legalfirstname: "firstName",
  legalnamefirstname: "firstName",
  givenname: "givenName",
  preferredname: "givenName",
  preferredfirstname: "givenName",
  preferrednamefirstname: "givenName",
  nickname: "givenName",
  lastname: "lastName",
  legallastname: "lastName",
  legalnamelastname: "lastName",
  surname: "lastName",
  familyname: "lastName",
  manageremail: "managerEmail",
  manageremailaddress: "managerEmail",
  managerworkemail: "managerEmail",
  supervisoremail: "managerEmail",
  supervisorworkemail: "managerEmail",
  reportsto: "managerEmail",
  reportstoemail: "managerEmail",
  reportingto: "managerEmail",
  linemanageremail: "managerEmail",
  department: "department",
  dept: "department",
  departmentname: "department",
  title: "title",
  jobtitle: "title",
  businesstitle: "title",
  position: "title",
  startdate: "startDate",
  start: "startDate",
  hiredate: "startDate",
  dateofhire: "startDate",
  originalhiredate: "startDate",
  employmentstartdate: "startDate",
};

export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

export const IMPORT_LIMITS = {
  /** Characters of CSV text (about 2 MB). */
  maxChars: 2 * 1024 * 1024,
  /** People in one file. */
  maxRows: 10_000,
} as const;

/**
 * A file uploaded for a background import (app/api/people-import/route.ts): read as a stream and
 * refused with 413 past maxBytes, checked and written by the worker. docs/deploy.md says so.
 */
export const UPLOAD_LIMITS = {
  maxBytes: 32 * 1024 * 1024,
  /** Characters of text: a UTF-8 file has no more characters than bytes. */
  maxChars: 32 * 1024 * 1024,
  maxRows: 100_000,
  sizeLabel: "32 MB",
} as const;

/** How many problems and changes a preview lists; the counts are always complete. */
export const PREVIEW_LIST_LIMIT = 1000;
