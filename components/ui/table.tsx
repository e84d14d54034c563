import type { ReactNode } from "react";

/** A column's heading, or its heading with classes of its own (a width). */
type Column = string | { heading: string; className: string };

/**
 * The table the figures and answers pages share: a caption for screen readers, one row of column
 * headings over a divided body. The rows are the children, each led by a RowHeader; `cell` is the
 * padding of the headings (the rows' cells use the same).
 */
export function DataTable({
  caption,
  columns,
  className,
  id,
  shaded = false,
  cell = "p-2",
  children,
}: {
  caption: ReactNode;
  columns: readonly Column[];
  className: string;
  id?: string;
  /** A tinted heading row, for tables that stand on their own rather than inside a card's text. */
  shaded?: boolean;
  cell?: "p-2" | "p-3";
  children: ReactNode;
}) {
  return (
    <table id={id} className={className}>
      <caption className="sr-only">{caption}</caption>
      <thead className={shaded ? "border-b border-slate-200 bg-slate-50 text-slate-700" : "border-b border-slate-200 text-slate-700"}>
        <tr>
          {columns.map((column, i) =>
            typeof column === "string" ? (
              <th key={i} scope="col" className={`${cell} font-medium`}>
                {column}
              </th>
            ) : (
              <th key={i} scope="col" className={`${column.className} ${cell} font-medium`}>
                {column.heading}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}

/** The heading cell that names a row. */
export function RowHeader({ children, cell = "p-2" }: { children: ReactNode; cell?: "p-2" | "p-3" }) {
  return (
    <th scope="row" className={`${cell} font-normal`}>
      {children}
    </th>
  );
}
