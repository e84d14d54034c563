import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { BalanceAndReading } from "@/components/pairs/balance-and-reading";
import { formatScore, formatSigned, gapChange } from "@/components/pairs/format";
import { GAP_WORDS, GapBadge, gapLevel } from "@/components/pairs/gap-badge";
import { callName } from "@/server/people/call-name";
import { GapChart, OtherMark, YouMark, type GapRow } from "@/components/pairs/gap-chart";
import { TrendChart, type TrendSeries } from "@/components/pairs/trend-chart";
import { StartCheckInButton } from "@/components/assessments/start-check-in-button";
import { PlanNextMeeting } from "@/components/meetings/plan-next-meeting";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { getItemBank, personalize, type Side } from "@/server/assessment/item-bank";
import { getCaller, orNotFound } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Pair dashboard" };

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function PairDashboardPage({ params, searchParams }: { params: Promise<{ pairId: string }>; searchParams: Promise<{ assessment?: string }> }) {
  const { pairId } = await params;
  const { assessment } = await searchParams;
  if (!z.uuid().safeParse(pairId).success || (assessment && !z.uuid().safeParse(assessment).success)) notFound();
  const d = await orNotFound((await getCaller()).pairs.dashboard({ pairId, assessmentId: assessment }));

  const me: Side = d.mySide;
  const them: Side = me === "manager" ? "employee" : "manager";
  const other = me === "manager" ? d.pair.report : d.pair.manager;
  const otherFirst = callName(other);
  const mine = (s: { employee: number | null; manager: number | null }) => s[me];
  const theirs = (s: { employee: number | null; manager: number | null }) => s[them];
  // The signed gap is employee − manager; for the reader, "you minus them".
  const myGap = (gap: number | null) => (gap === null ? null : me === "employee" ? gap : -gap);

  const header = (
    <div className="space-y-2">
      <PageHeader eyebrow={d.pair.endedAt ? "Earlier relationship" : me === "manager" ? "You manage" : "Your manager"} title={`You and ${other.name}`}>
        {d.current ? `${d.current.title}, revealed ${day.format(d.current.revealedAt)}. Only the two of you can see this page.` : "Only the two of you can see this page."}
      </PageHeader>
      <Link href={`/pairs/${d.pair.id}/one-on-ones`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
        1:1s with {otherFirst}
      </Link>
    </div>
  );

  if (!d.current) {
    const l = d.latest;
    return (
      <div className="space-y-6">
        {header}
        <Card className="space-y-3 p-5">
          {l && l.state === "open" ? (
            <>
              <p className="font-medium">{l.mineSubmitted ? `Waiting for ${otherFirst}.` : l.otherSubmitted ? `${otherFirst} has submitted and is waiting for you.` : `Your ${l.title.toLowerCase()} is under way.`}</p>
              <p className="text-slate-700">The dashboard appears as soon as you have both submitted.</p>
              <ButtonLink href={`/assessments/${l.assessmentId}`}>{l.mineSubmitted ? "View" : "Continue your answers"}</ButtonLink>
            </>
          ) : l && l.state === "closed" ? (
            <p className="text-slate-700">Your last assessment closed before you both submitted, so nothing was revealed. Start a check-in whenever you are ready.</p>
          ) : (
            <p className="text-slate-700">Nothing yet. Once you and {otherFirst} have both answered an assessment, you will see here where you see things differently.</p>
          )}
          {!d.pair.endedAt && !(l && l.state === "open") ? <StartCheckInButton pairId={d.pair.id} otherName={otherFirst} /> : null}
        </Card>
      </div>
    );
  }

  const c = d.current;
  const a = c.analysis;
  const bank = getItemBank(c.bankVersion);
  const gapRows: GapRow[] = a.dimensions.map((dim) => ({ key: dim.key, name: dim.name, mine: mine({ employee: dim.employee.mean, manager: dim.manager.mean }), theirs: theirs({ employee: dim.employee.mean, manager: dim.manager.mean }), notable: dim.notable, large: dim.large }));
  const notable = a.dimensions.filter((dim) => dim.notable);
  const chooseAgainLabel = (side: Side) => bank.chooseAgain.options.find((o) => o.value === c.chooseAgain[side])?.label[side] ?? null;
  const stanceWord: Record<string, string> = { for: "For", with: "With", against: "Against" };
  const stanceQuestion =
    me === "manager" ? `Does ${otherFirst} work for you, with you, or against you?` : `Do you work for ${otherFirst}, with ${otherFirst}, or against ${otherFirst}?`;
  const trend: TrendSeries[] | null = d.trend
    ? bank.dimensions.map((dim) => ({
        key: dim.key,
        name: dim.name,
        points: (d.trend![dim.key] ?? []).map((p) => ({ label: d.assessments.find((x) => x.id === p.assessmentId)?.title ?? "", mine: mine(p), theirs: theirs(p), gap: myGap(p.gap) })),
      }))
    : null;

  return (
    <div className="space-y-10">
      {header}

      {d.assessments.length > 1 ? (
        <nav aria-label="Assessments of this pair" className="flex flex-wrap gap-2">
          {d.assessments.map((x) => (
            <Link key={x.id} href={`/pairs/${d.pair.id}?assessment=${x.id}`} aria-current={x.id === c.id ? "page" : undefined} className={`inline-flex min-h-11 items-center rounded-lg border px-3 text-sm ${x.id === c.id ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}>
              {x.title}
            </Link>
          ))}
        </nav>
      ) : null}

      {d.pair.endedAt ? null : <PlanNextMeeting pairId={d.pair.id} assessmentId={c.id} />}

      <section aria-labelledby="summary" className="space-y-4">
        <h2 id="summary" className="text-lg font-semibold">Where you see things differently</h2>
        <p className="text-slate-700">
          {notable.length === 0 ? `You and ${otherFirst} see every dimension within a point of each other.` : `${notable.length} of ${a.dimensions.length} dimensions differ by a point or more.`}{" "}
          {a.blindSpots.length > 0 ? `${a.blindSpots.length} blind ${a.blindSpots.length === 1 ? "spot" : "spots"}. ` : ""}
          {a.strengths.length > 0 ? `${a.strengths.length} shared ${a.strengths.length === 1 ? "strength" : "strengths"}.` : ""}
        </p>
        <Card className="p-4 sm:p-5">
          <GapChart rows={gapRows} otherName={otherFirst} describedBy="gap-table" />
          <details className="mt-4">
            <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">Show as a table</summary>
            <ScrollRegion label="Gaps per dimension">
              <table id="gap-table" className="w-full text-left text-sm">
                <caption className="sr-only">Each dimension as you and {otherFirst} rate it, and the gap</caption>
                <thead className="border-b border-slate-200 text-slate-700">
                  <tr>
                    <th scope="col" className="p-2 font-medium">Dimension</th>
                    <th scope="col" className="p-2 font-medium">You</th>
                    <th scope="col" className="p-2 font-medium">{otherFirst}</th>
                    <th scope="col" className="p-2 font-medium">Gap (you − {otherFirst})</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {a.dimensions.map((dim) => (
                    <tr key={dim.key} data-dimension={dim.key}>
                      <th scope="row" className="p-2 font-normal">{dim.name}</th>
                      <td className="p-2">{formatScore(mine({ employee: dim.employee.mean, manager: dim.manager.mean }))}</td>
                      <td className="p-2">{formatScore(theirs({ employee: dim.employee.mean, manager: dim.manager.mean }))}</td>
                      <td className="p-2">{formatSigned(myGap(dim.gap))}{gapLevel(dim) ? ` (${GAP_WORDS[gapLevel(dim)!].toLowerCase()})` : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </details>
        </Card>
      </section>

      <section aria-labelledby="dimensions" className="space-y-4">
        <h2 id="dimensions" className="text-lg font-semibold">Dimension by dimension</h2>
        <p className="text-sm text-slate-700">Trust and goal alignment first, then the largest gaps.</p>
        <ul className="space-y-3">
          {a.dimensions.map((dim) => {
            const gap = myGap(dim.gap);
            return (
              <li key={dim.key}>
                <Card className="space-y-3 p-4 sm:p-5">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-semibold">{dim.name}</h3>
                    {dim.notable ? <GapBadge gap={dim} /> : a.strengths.includes(dim.key) ? <Badge tone="brand">Shared strength</Badge> : null}
                  </div>
                  <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
                    <span className="inline-flex items-center gap-1.5"><YouMark /> You: {formatScore(mine({ employee: dim.employee.mean, manager: dim.manager.mean }))}</span>
                    <span className="inline-flex items-center gap-1.5"><OtherMark /> {otherFirst}: {formatScore(theirs({ employee: dim.employee.mean, manager: dim.manager.mean }))}</span>
                    <span>Gap: {formatSigned(gap)}</span>
                    {c.previous && dim.change && dim.change.gap !== null && dim.gap !== null ? <span className="text-slate-600">{gapChange(myGap(dim.gap)!, myGap(dim.change.gap)!)} since {c.previous.title}</span> : null}
                  </p>
                  {dim.prompt ? <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-950"><span className="font-semibold">To talk about: </span>{dim.prompt}</p> : null}
                  <details>
                    <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">The {dim.items.length} statements</summary>
                    <ul className="divide-y divide-slate-100 text-sm">
                      {dim.items.map((item) => {
                        const text = bank.dimensions.find((x) => x.key === dim.key)?.items.find((i) => i.key === item.key)?.text;
                        const cant = (side: Side) => (side === "employee" ? item.employeeCantSay : item.managerCantSay);
                        // A statement's rating is one answer, a whole number.
                        const score = (side: Side) => (cant(side) ? "can't say" : item[side] === null ? "–" : String(item[side]));
                        return (
                          <li key={item.key} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-baseline sm:justify-between">
                            <span>{text ? personalize(text[me], other) : item.key}</span>
                            <span className="shrink-0 text-slate-700">You {score(me)} · {otherFirst} {score(them)}{gapLevel(item) ? ` · ${GAP_WORDS[gapLevel(item)!].toLowerCase()}` : ""}</span>
                          </li>
                        );
                      })}
                    </ul>
                  </details>
                </Card>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="blind-spots" className="space-y-3">
        <h2 id="blind-spots" className="text-lg font-semibold">Blind spots</h2>
        {a.blindSpots.length === 0 ? (
          <p className="text-slate-700">Each of you predicted the other&apos;s view within a point and a half, everywhere.</p>
        ) : (
          <ul className="space-y-3">
            {a.blindSpots.map((b) => (
              <li key={`${b.dimension}-${b.predictedBy}`}>
                <Card className="space-y-2 p-4">
                  <p className="font-medium">
                    {b.predictedBy === me
                      ? `You expected ${otherFirst} to rate ${b.name.toLowerCase()} ${b.predicted}; ${otherFirst} said ${formatScore(b.actual)}.`
                      : `${otherFirst} expected you to rate ${b.name.toLowerCase()} ${b.predicted}; you said ${formatScore(b.actual)}.`}
                  </p>
                  <p className="text-sm text-slate-700">{b.prompt}</p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      <BalanceAndReading relationship={c.relationship} me={me} otherName={otherFirst} />

      {a.strengths.length > 0 ? (
        <section aria-labelledby="strengths" className="space-y-2">
          <h2 id="strengths" className="text-lg font-semibold">Shared strengths</h2>
          <p className="text-slate-700">You both rate these high and see them alike: {a.strengths.map((k) => bank.dimensions.find((x) => x.key === k)?.name).join(", ")}.</p>
        </section>
      ) : null}

      <section aria-labelledby="overall" className="grid gap-3 sm:grid-cols-2">
        <h2 id="overall" className="sr-only">Overall</h2>
        <Card className="space-y-1 p-4">
          <h3 className="text-sm font-semibold text-slate-700">Would you choose each other again?</h3>
          <p>You: {chooseAgainLabel(me) ?? "–"}</p>
          <p>{otherFirst}: {chooseAgainLabel(them) ?? <span className="text-slate-600">chose not to share this</span>}</p>
        </Card>
        <Card className="space-y-1 p-4">
          <h3 className="text-sm font-semibold text-slate-700">{stanceQuestion}</h3>
          <p>You: {stanceWord[c.stance[me] ?? ""] ?? "–"}</p>
          <p>{otherFirst}: {stanceWord[c.stance[them] ?? ""] ?? "–"}</p>
        </Card>
      </section>

      <section aria-labelledby="topics" className="space-y-3">
        <h2 id="topics" className="text-lg font-semibold">What you would like to talk about</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {[{ label: "You", text: c.topics[me] }, { label: otherFirst, text: c.topics[them] }].map((x) => (
            <Card key={x.label} className="p-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-700">{x.label}</h3>
              <p className="whitespace-pre-wrap">{x.text ? x.text : <span className="text-slate-600">Nothing added.</span>}</p>
            </Card>
          ))}
        </div>
      </section>

      {trend ? (
        <section aria-labelledby="trend" className="space-y-3">
          <h2 id="trend" className="text-lg font-semibold">Over time</h2>
          <TrendChart series={trend} describedBy="trend-table" labels={{ mine: "You", theirs: otherFirst }} />
          <details>
            <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">Show as a table</summary>
            <ScrollRegion label="Ratings over time">
              <table id="trend-table" className="w-full text-left text-sm">
                <caption className="sr-only">Your ratings and {otherFirst}&apos;s per dimension, per assessment</caption>
                <thead className="border-b border-slate-200 text-slate-700">
                  <tr>
                    <th scope="col" className="p-2 font-medium">Dimension</th>
                    {d.assessments.map((x) => (
                      <th key={x.id} scope="col" className="p-2 font-medium">{x.title}: you / {otherFirst} (gap)</th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {trend.map((s) => (
                    <tr key={s.key}>
                      <th scope="row" className="p-2 font-normal">{s.name}</th>
                      {s.points.map((p, i) => (
                        <td key={i} className="p-2">{formatScore(p.mine)} / {formatScore(p.theirs)} ({formatSigned(p.gap)})</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </details>
        </section>
      ) : (
        <p className="text-sm text-slate-700">This is your first assessment together. Trends appear after the next one.</p>
      )}

      <p className="text-sm">
        <Link href={`/assessments/${c.id}/results`} className="font-medium text-brand-800 underline">Every answer, side by side</Link>
      </p>
    </div>
  );
}
