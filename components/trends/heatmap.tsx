"use client";

import { Fragment } from "react";
import { DataTable } from "@/components/ui/table";
import { heatClass } from "./cell";
import { heatmapDisplayRows, type HeatmapRow } from "@/server/trends/heatmap-rows";

/**
 * The trends heatmap, drawn in the browser from its numbers. At 200 groups, the same table as
 * server markup made the page's React payload 140 kB, which the phone parses before it responds
 * (Lighthouse's blocking time); as numbers it is about a sixth of that. Rows link to the group's detail
 * with plain links: hundreds of Next links would each hydrate and prefetch a page. In a large
 * organization most groups have nothing to show: neighbouring ones are listed in one row.
 */
export function Heatmap({
  caption,
  columns,
  rows,
  selectedId,
  kind,
  hrefOf,
  hiddenText,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly HeatmapRow[];
  selectedId: string;
  kind: "mean" | "gap";
  /** The page's address with everything but the group: the row's group is added to it. */
  hrefOf: string;
  hiddenText: string;
}) {
  return (
    <DataTable className="w-full min-w-[48rem] text-left text-sm" shaded caption={caption} columns={["Group", ...columns]}>
      {heatmapDisplayRows(rows).map((run, i, all) => {
        const first = run[0]!;
        return (
          <tr key={first.id} className={i > 0 && first.kind !== all[i - 1]![0]!.kind ? "border-t-2 border-slate-300" : undefined}>
            {/* Teams are indented under the team they are part of. */}
            <th scope="row" className="min-w-40 p-2 font-normal" style={first.kind === "team" ? { paddingLeft: `${0.5 + first.depth}rem` } : undefined}>
              {run.map((group, j) => (
                <Fragment key={group.id}>
                  {j > 0 ? ", " : null}
                  <a
                    href={`${hrefOf}&group=${encodeURIComponent(group.id)}#detail`}
                    aria-current={group.id === selectedId ? "true" : undefined}
                    className={`underline ${group.id === selectedId ? "font-semibold text-brand-900" : "text-brand-800"}`}
                  >
                    {group.name}
                  </a>
                </Fragment>
              ))}
            </th>
            {/* A row with nothing to show says so once: most rows of a large organization. */}
            {first.cells === null ? (
              <td colSpan={columns.length} className="p-2 text-xs text-slate-600">
                {hiddenText}
              </td>
            ) : (
              first.cells.map((value, j) => (
                <td key={columns[j]} className={`p-2 ${value === null ? "" : heatClass(value, kind)}`}>
                  {value === null ? <span className="text-xs text-slate-600">{hiddenText}</span> : value.toFixed(2)}
                </td>
              ))
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
