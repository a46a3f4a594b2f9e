import { z } from 'zod';
import { IdSchema } from '../tickets/schema.js';
import {
  AckStatusSchema,
  AnnouncementInputSchema,
  AnnouncementListQuerySchema,
  AnnouncementSchema,
  AnnouncementUpdateSchema,
  LinkedTicketSchema,
  OutageLinkSchema,
  TicketOutagesSchema,
} from './schema.js';

/**
 * Announcements and known outages (公告), issue 15 point 4; shared/contract.ts
 * merges them. Rights are checked in the core (and again by the sync server):
 * supervisors and admins publish, edit and end; everyone acknowledges for
 * themselves and links tickets of theirs to an ongoing outage.
 */
export const announcementChannels = {
  /** what the console's banner shows: active announcements for the user at the desk */
  'announcements:active': { owner: 'core', request: z.strictObject({}), result: z.array(AnnouncementSchema) },
  /** the management list (supervisors and admins) */
  'announcements:list': { owner: 'core', request: AnnouncementListQuerySchema, result: z.array(AnnouncementSchema) },
  'announcements:publish': { owner: 'core', request: AnnouncementInputSchema, result: AnnouncementSchema },
  'announcements:update': { owner: 'core', request: AnnouncementUpdateSchema, result: AnnouncementSchema },
  /** ends an announcement early: it leaves every console now */
  'announcements:end': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: AnnouncementSchema },
  /** the user at the desk acknowledges (once; again is a no-op) */
  'announcements:acknowledge': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: AnnouncementSchema },
  /** who has and has not acknowledged (supervisors and admins) */
  'announcements:acks': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: AckStatusSchema },
  /** the tickets an outage brought (supervisors and admins) */
  'announcements:tickets': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: z.array(LinkedTicketSchema) },
  'announcements:forTicket': { owner: 'core', request: z.strictObject({ ticketId: IdSchema }), result: TicketOutagesSchema },
  'announcements:linkTicket': { owner: 'core', request: OutageLinkSchema, result: TicketOutagesSchema },
  'announcements:unlinkTicket': { owner: 'core', request: OutageLinkSchema, result: TicketOutagesSchema },
} as const;
