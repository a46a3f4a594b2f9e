import { z } from 'zod';
import { inputText } from '../bidi.js';
import { IdSchema, LIMITS } from '../tickets/schema.js';
import { ANNOUNCEMENT_LEVELS, windowProblems } from './rules.js';

const isoDateTime = z.iso.datetime({ offset: true });

export const AnnouncementLevelSchema = z.enum(ANNOUNCEMENT_LEVELS);
export const AnnouncementPhaseSchema = z.enum(['scheduled', 'active', 'expired', 'ended']);

/** What a publisher types; the window is checked as a whole (validTo after validFrom, at most 90 days). */
const content = {
  title: inputText().min(1).max(200),
  body: inputText().min(1).max(4_000),
  level: AnnouncementLevelSchema,
  /** null or absent: everyone */
  team: inputText().max(LIMITS.team).nullable().optional(),
  validFrom: isoDateTime,
  validTo: isoDateTime,
};

function refineWindow(v: { validFrom?: string | undefined; validTo?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.validFrom === undefined || v.validTo === undefined) return;
  for (const p of windowProblems(v.validFrom, v.validTo)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message, params: { code: p.code } });
}

export const AnnouncementInputSchema = z.strictObject(content).superRefine(refineWindow);
export type AnnouncementInput = z.infer<typeof AnnouncementInputSchema>;

/** An edit: any of the fields; the window is checked again against the stored one in the core. */
export const AnnouncementUpdateSchema = z
  .strictObject({
    id: IdSchema,
    title: content.title.optional(),
    body: content.body.optional(),
    level: content.level.optional(),
    team: content.team,
    validFrom: content.validFrom.optional(),
    validTo: content.validTo.optional(),
  })
  .superRefine(refineWindow);
export type AnnouncementUpdate = z.infer<typeof AnnouncementUpdateSchema>;

export const AnnouncementSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  level: AnnouncementLevelSchema,
  team: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  publishedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  phase: AnnouncementPhaseSchema,
  /** has the user at the desk acknowledged it */
  acknowledged: z.boolean(),
  /** acknowledgements this PC knows of */
  ackCount: z.number().int(),
  /** tickets linked to it (an outage's callers) this PC knows of */
  ticketCount: z.number().int(),
});
export type Announcement = z.infer<typeof AnnouncementSchema>;

export const AnnouncementListQuerySchema = z.strictObject({
  /** `current`: scheduled and active; `all`: also expired and ended (newest first) */
  scope: z.enum(['current', 'all']).default('current'),
  limit: z.number().int().min(1).max(500).default(200),
});

/** Who was expected to acknowledge (the team's agents, or everyone's) and who did. */
export const AckStatusSchema = z.object({
  announcementId: z.string(),
  acknowledged: z.array(z.object({ agentId: z.string(), name: z.string().nullable(), team: z.string().nullable(), at: z.string() })),
  pending: z.array(z.object({ agentId: z.string(), name: z.string().nullable(), team: z.string().nullable() })),
});
export type AckStatus = z.infer<typeof AckStatusSchema>;

export const LinkedTicketSchema = z.object({
  ticketId: z.string(),
  no: z.string(),
  subject: z.string(),
  status: z.string(),
  assigneeId: z.string().nullable(),
  team: z.string().nullable(),
  customerName: z.string(),
  linkedBy: z.string(),
  linkedAt: z.string(),
});
export type LinkedTicket = z.infer<typeof LinkedTicketSchema>;

export const OutageLinkSchema = z.strictObject({ announcementId: IdSchema, ticketId: IdSchema });

/** What the ticket's control needs: the outages it is linked to and the ongoing ones it could be. */
export const TicketOutagesSchema = z.object({
  linked: z.array(AnnouncementSchema),
  ongoing: z.array(AnnouncementSchema),
});
export type TicketOutages = z.infer<typeof TicketOutagesSchema>;
