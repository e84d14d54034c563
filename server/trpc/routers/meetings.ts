import { z } from "zod";
import {
  addActionItem,
  addAgendaItem,
  deleteActionItem,
  deleteAgendaItem,
  getMeeting,
  reorderAgenda,
  saveSharedNotes,
  savePrivateNote,
  updateActionItem,
  updateAgendaItem,
} from "@/server/meetings/meeting";
import { NOTE_MAX_CHARS } from "@/server/http/limits";
import { planFromAssessment, previewPlan } from "@/server/meetings/plan-from-gaps";
import { getPreferences, regenerateCalendarToken, revokeCalendarToken, setPreferences } from "@/server/meetings/preferences";
import { createSeries, getPairMeetings, listMyNextMeetings, moveMeeting, setMeetingSkipped, setSeriesState, updateSeriesFrom } from "@/server/meetings/series";
import { applyTemplate, deleteTemplate, listTemplateChoices, listTemplates, saveTemplate } from "@/server/meetings/templates";
import { protectedProcedure, router } from "../init";
import { day, id, text } from "../validation";

const required = (max: number, label: string, empty: string) =>
  text({ max, label })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, empty);

const time = () => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time like 09:30.");

const rule = {
  frequency: z.enum(["weekly", "biweekly", "monthly"], { error: "Choose weekly, every two weeks or monthly." }),
  weekday: z.number({ error: "Choose a weekday." }).int().min(1, "Choose a weekday.").max(7, "Choose a weekday."),
  weekOfMonth: z
    .number({ error: "Choose the first to fourth or the last week." })
    .int()
    .refine((n) => n === -1 || (n >= 1 && n <= 4), "Choose the first to fourth or the last week.")
    .nullable(),
  startTime: time(),
  timeZone: text({ max: 64, label: "The time zone" }).refine((s) => s.length > 0, "Choose a time zone."),
  durationMinutes: z
    .number({ error: "Give a length in minutes." })
    .int("Give whole minutes.")
    .min(5, "A 1:1 lasts at least 5 minutes.")
    .max(480, "A 1:1 lasts at most 8 hours."),
};

const templateRef = z.union([z.uuid().transform((s) => s.toLowerCase()), z.string().regex(/^builtin:[a-z0-9-]{1,60}$/)], { error: "Choose a template." });

const templateBody = {
  name: required(120, "The name", "Give the template a name."),
  purpose: text({ max: 500, label: "The purpose" }).transform((s) => s.trim()),
  sections: z
    .array(
      z.object({
        title: required(120, "A section title", "Give each section a title."),
        items: z
          .array(z.object({ text: required(500, "An item", "An item can't be empty."), prompt: text({ max: 1000, label: "A question" }).optional() }))
          .min(1, "Each section needs at least one item.")
          .max(30, "A section can have at most 30 items."),
      }),
    )
    .min(1, "A template needs at least one section.")
    .max(12, "A template can have at most 12 sections."),
};

const meetingId = z.object({ meetingId: id() });

export const meetingsRouter = router({
  /** The next 1:1 of each of my open pairs (home page). */
  mine: protectedProcedure.query(({ ctx }) => listMyNextMeetings(ctx.db, ctx.actor)),
  forPair: protectedProcedure.input(z.object({ pairId: id() })).query(({ ctx, input }) => getPairMeetings(ctx.db, ctx.actor, input)),

  createSeries: protectedProcedure
    .input(z.object({ pairId: id(), startsOn: day(), ...rule }))
    .mutation(({ ctx, input }) => createSeries(ctx.db, ctx.actor, input)),
  updateSeries: protectedProcedure
    .input(z.object({ seriesId: id(), fromDate: day(), ...rule }))
    .mutation(({ ctx, input }) => updateSeriesFrom(ctx.db, ctx.actor, input)),
  setSeriesState: protectedProcedure
    .input(
      z.discriminatedUnion("action", [
        z.object({ seriesId: id(), action: z.literal("pause"), fromDate: day() }),
        z.object({ seriesId: id(), action: z.literal("resume") }),
        z.object({ seriesId: id(), action: z.literal("end"), lastDate: day() }),
      ]),
    )
    .mutation(({ ctx, input }) => setSeriesState(ctx.db, ctx.actor, input)),
  skip: protectedProcedure.input(z.object({ meetingId: id(), skipped: z.boolean() })).mutation(({ ctx, input }) => setMeetingSkipped(ctx.db, ctx.actor, input)),
  move: protectedProcedure
    .input(z.object({ meetingId: id(), date: day(), time: time(), durationMinutes: rule.durationMinutes.optional() }))
    .mutation(({ ctx, input }) => moveMeeting(ctx.db, ctx.actor, input)),

  get: protectedProcedure.input(meetingId).query(({ ctx, input }) => getMeeting(ctx.db, ctx.actor, input)),
  addAgendaItem: protectedProcedure
    .input(
      z.object({
        meetingId: id(),
        text: required(500, "The agenda item", "Write what you want to talk about."),
        detail: text({ max: 2000, label: "The detail" }).nullish(),
        clientKey: id().optional(),
      }),
    )
    .mutation(({ ctx, input }) => addAgendaItem(ctx.db, ctx.actor, input)),
  updateAgendaItem: protectedProcedure
    .input(
      z.object({
        itemId: id(),
        text: required(500, "The agenda item", "An agenda item can't be empty.").optional(),
        detail: text({ max: 2000, label: "The detail" }).nullish(),
        done: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateAgendaItem(ctx.db, ctx.actor, input)),
  deleteAgendaItem: protectedProcedure.input(z.object({ itemId: id() })).mutation(({ ctx, input }) => deleteAgendaItem(ctx.db, ctx.actor, input)),
  reorderAgenda: protectedProcedure
    .input(z.object({ meetingId: id(), itemIds: z.array(id()).max(500, "An agenda can have at most 500 items.") }))
    .mutation(({ ctx, input }) => reorderAgenda(ctx.db, ctx.actor, input)),

  saveSharedNotes: protectedProcedure
    .input(z.object({ meetingId: id(), body: text({ max: NOTE_MAX_CHARS, label: "The notes" }), baseVersion: z.number().int().min(0).max(2_000_000_000) }))
    .mutation(({ ctx, input }) => saveSharedNotes(ctx.db, ctx.actor, input)),
  savePrivateNote: protectedProcedure
    .input(z.object({ meetingId: id(), body: text({ max: NOTE_MAX_CHARS, label: "Your private note" }) }))
    .mutation(({ ctx, input }) => savePrivateNote(ctx.db, ctx.actor, input)),

  addActionItem: protectedProcedure
    .input(
      z.object({
        meetingId: id(),
        text: required(500, "The action item", "Write what needs doing."),
        ownerId: id(),
        dueOn: day().nullable(),
        clientKey: id().optional(),
      }),
    )
    .mutation(({ ctx, input }) => addActionItem(ctx.db, ctx.actor, input)),
  updateActionItem: protectedProcedure
    .input(
      z.object({
        itemId: id(),
        text: required(500, "The action item", "An action item can't be empty.").optional(),
        ownerId: id().optional(),
        dueOn: day().nullable().optional(),
        done: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateActionItem(ctx.db, ctx.actor, input)),
  deleteActionItem: protectedProcedure.input(z.object({ itemId: id() })).mutation(({ ctx, input }) => deleteActionItem(ctx.db, ctx.actor, input)),

  templates: protectedProcedure.query(({ ctx }) => listTemplates(ctx.db, ctx.actor)),
  /** The templates as the meeting page's picker lists them: without their items. */
  templateChoices: protectedProcedure.query(({ ctx }) => listTemplateChoices(ctx.db, ctx.actor)),
  saveTemplate: protectedProcedure
    .input(z.object({ templateId: id().optional(), scope: z.enum(["org", "personal"]), ...templateBody }))
    .mutation(({ ctx, input }) => saveTemplate(ctx.db, ctx.actor, input)),
  deleteTemplate: protectedProcedure.input(z.object({ templateId: id() })).mutation(({ ctx, input }) => deleteTemplate(ctx.db, ctx.actor, input)),
  applyTemplate: protectedProcedure.input(z.object({ meetingId: id(), templateRef })).mutation(({ ctx, input }) => applyTemplate(ctx.db, ctx.actor, input)),
  /** What "Plan our next 1:1" would add, the recommended few pre-selected (plan-from-gaps.ts). */
  planPreview: protectedProcedure
    .input(z.object({ pairId: id(), assessmentId: id().optional() }))
    .query(({ ctx, input }) => previewPlan(ctx.db, ctx.actor, input)),
  planFromAssessment: protectedProcedure
    .input(
      z.object({
        pairId: id(),
        assessmentId: id().optional(),
        // The preview's keys (assessment:<id>:gap:trust, template:builtin:…:0.1): short and few.
        keys: z
          .array(z.string().max(200, "That item is not part of this plan."), { error: "Choose the items to add." })
          .min(1, "Choose at least one item to add.")
          .max(60, "Choose at most 60 items.")
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) => planFromAssessment(ctx.db, ctx.actor, input)),

  preferences: protectedProcedure.query(({ ctx }) => getPreferences(ctx.db, ctx.actor)),
  setPreferences: protectedProcedure
    .input(
      z.object({
        reminderMinutes: z.number().int().min(5, "Remind at least 5 minutes before.").max(10_080, "Remind at most a week before.").nullable(),
        assessmentDigest: z.enum(["weekly", "off"]),
      }),
    )
    .mutation(({ ctx, input }) => setPreferences(ctx.db, ctx.actor, input)),
  regenerateCalendarToken: protectedProcedure.mutation(({ ctx }) => regenerateCalendarToken(ctx.db, ctx.actor)),
  revokeCalendarToken: protectedProcedure.mutation(({ ctx }) => revokeCalendarToken(ctx.db, ctx.actor)),
});
