import { z } from 'zod';
import { IdSchema } from '../tickets/schema.js';
import {
  DefectDetailSchema,
  DefectFlagSchema,
  DefectListQuerySchema,
  DefectNoticeSchema,
  DefectRangeSchema,
  DefectsByProductSchema,
  DefectSchema,
  DefectStatusChangeSchema,
  DefectUpdateSchema,
  TicketDefectsSchema,
} from './schema.js';

/**
 * Defects to development (程序不完善反馈), issue 15 point 5; shared/contract.ts
 * merges them. Anyone flags and links; second line, supervisors and admins
 * change the status (shared/defects/rules.ts); the owners of linked tickets
 * are told when it is fixed (defects:notices, and a `defect_fixed` reminder).
 */
export const defectChannels = {
  /** flags the ticket as a new defect (created open) */
  'defects:flag': { owner: 'core', request: DefectFlagSchema, result: DefectDetailSchema },
  /** links the ticket to an existing defect */
  'defects:link': { owner: 'core', request: z.strictObject({ defectId: IdSchema, ticketId: IdSchema }), result: DefectDetailSchema },
  'defects:unlink': { owner: 'core', request: z.strictObject({ defectId: IdSchema, ticketId: IdSchema }), result: DefectDetailSchema },
  'defects:update': { owner: 'core', request: DefectUpdateSchema, result: DefectDetailSchema },
  'defects:setStatus': { owner: 'core', request: DefectStatusChangeSchema, result: DefectDetailSchema },
  'defects:get': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: DefectDetailSchema },
  'defects:list': { owner: 'core', request: DefectListQuerySchema, result: z.array(DefectSchema) },
  'defects:forTicket': { owner: 'core', request: z.strictObject({ ticketId: IdSchema }), result: TicketDefectsSchema },
  /** open (and in progress) defects per product, flagged within the range if given */
  'defects:openByProduct': { owner: 'core', request: DefectRangeSchema, result: DefectsByProductSchema },
  /** fixed defects on my tickets I have not noted yet (My day) */
  'defects:notices': { owner: 'core', request: z.strictObject({}), result: z.array(DefectNoticeSchema) },
  /** the owner notes the fix (e.g. after telling the customer): the notice goes away on every PC */
  'defects:noteNotice': { owner: 'core', request: z.strictObject({ linkId: IdSchema }), result: z.array(DefectNoticeSchema) },
} as const;
