import { z } from 'zod';

/**
 * Every error that crosses a process boundary carries one of these codes.
 * The renderer translates by code (i18n key `errors.<CODE>`); the CLI prints
 * code and message. Add a code here before using it anywhere.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CUSTOMER_NOT_FOUND',
  'ARTICLE_NOT_FOUND',
  'TICKET_NOT_RESOLVED',
  'KB_DEMO_MISSING',
  'FORBIDDEN',
  'ILLEGAL_TRANSITION',
  'NOTE_REQUIRED',
  'RESOLUTION_REQUIRED',
  'DATA_FOLDER_IN_USE',
  'MIGRATION_MISMATCH',
  'STORE_CORRUPT',
  'STORE_CLOSED',
  'STORE_WRITE_FAILED',
  'UNAUTHORIZED',
  'SYNC_NOT_SIGNED_IN',
  'SYNC_OFFLINE',
  'SYNC_AUTH_FAILED',
  'SYNC_SERVER_ERROR',
  'SYNC_PROBLEM_NOT_FOUND',
  'TRANSPORT_FAILED',
  // agent console
  'NOT_SIGNED_IN',
  'BAD_CREDENTIALS',
  'ACCOUNT_EXISTS',
  'ACCOUNT_DISABLED',
  /** too many failed sign-ins; fields[0].limit: seconds left */
  'ACCOUNT_LOCKED',
  'SETUP_DONE',
  'AGENT_STATE_INVALID',
  'REASON_UNKNOWN',
  'CALL_NOT_FOUND',
  'CALL_ACTIVE',
  'CALL_STATE_INVALID',
  'DISPOSITION_UNKNOWN',
  'HANDOFF_REQUIRED',
  'HANDOFF_NOT_FOUND',
  'WORK_ORDER_NOT_FOUND',
  'CALLBACK_NOT_FOUND',
  'CALLBACK_NOT_RELEASED',
  'FOLLOW_UP_NOT_FOUND',
  'CTI_UNAVAILABLE',
  // phone commands to the call-control connector (issue 14)
  /** connection refused, no route, reset: nothing reached the phone system */
  'PHONE_UNREACHABLE',
  /** no answer within the command timeout: the phone system may or may not have acted */
  'PHONE_TIMEOUT',
  /** the connector refused the token (401/403) */
  'PHONE_AUTH_FAILED',
  /** the connector answered but refused the command (non-2xx, a redirect, an error body); fields[0].message: its words */
  'PHONE_REJECTED',
  'ASSIGNEE_UNKNOWN',
  'TEAM_UNKNOWN',
  'TV_DISPLAYS_FULL',
  'TV_DISPLAY_UNKNOWN',
  // reports (issue 15): a report file could not be written where asked
  'EXPORT_WRITE_FAILED',
  // ---- announcements and defects (issue 15 points 4-5)
  'ANNOUNCEMENT_NOT_FOUND',
  'ANNOUNCEMENT_NOT_ACTIVE',
  'ANNOUNCEMENT_ENDED',
  'NOT_AN_OUTAGE',
  'TICKET_NOT_FOUND',
  'LINK_NOT_FOUND',
  'DEFECT_NOT_FOUND',
  'NOTICE_NOT_FOUND',
  // ticket work (issue 14, points 5-6)
  /** a closed ticket is read-only until it is reopened */
  'TICKET_CLOSED',
  // ---- accounts (issue 16 point 1): a reset password must be changed before anything else; the last admin stays admin
  'PASSWORD_CHANGE_REQUIRED',
  'LAST_ADMIN',
  // ---- attendance plan (issue 16 points 2-3): a roster file's bad cell (line and column in the message), an unknown agent or shift code
  'ROSTER_FILE_INVALID',
  'AGENT_UNKNOWN',
  'SHIFT_UNKNOWN',
  // ---- attendance: corrections and overtime claims (issue 16 points 4-5)
  'CLAIM_NOT_FOUND',
  'CLAIM_DECIDED',
  'CLAIM_EMPTY',
  'MINUTES_INVALID',
  'MINUTES_ABOVE_CLAIM',
  'COMPENSATION_NOT_ALLOWED',
  'REASON_REQUIRED',
  'INTERNAL',
  // ---- teams, seats and skills (issue 16 point 1)
  'SEAT_TAKEN',
  'LEADER_UNKNOWN',
  'LEADER_ROLE',
  'TEAM_HAS_MEMBERS',
  'JOIN_DATE_FUTURE',
  'SKILL_UNKNOWN',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldIssueSchema = z.object({
  /** dotted path of the offending field, e.g. `customer.phone` */
  path: z.string(),
  /** zod issue code or one of ours (`invalid_phone`, `customer_required`) */
  code: z.string(),
  message: z.string(),
  /** limits for `too_big` / `too_small`, so the UI can say "at most 200" */
  limit: z.number().optional(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const AppErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.array(FieldIssueSchema).optional(),
});
export type AppErrorData = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Thrown inside core/services; converted to `{ ok: false, error }` at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldIssue[];
  constructor(code: ErrorCode, message: string, fields?: FieldIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (fields) this.fields = fields;
  }
  toData(): AppErrorData {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppErrorData): Result<never> => ({ ok: false, error });

export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}

/** Turns zod issues into our field issues (stable codes the UI can translate). */
export function fieldIssuesFrom(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const out: FieldIssue = {
      path: issue.path.map(String).join('.'),
      code: issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : issue.code,
      message: issue.message,
    };
    if (issue.code === 'too_big' && typeof issue.maximum !== 'undefined') out.limit = Number(issue.maximum);
    if (issue.code === 'too_small' && typeof issue.minimum !== 'undefined') out.limit = Number(issue.minimum);
    return out;
  });
}

export function validationError(error: z.ZodError): AppError {
  const fields = fieldIssuesFrom(error);
  const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
  return new AppError('VALIDATION_FAILED', `Invalid input: ${summary}`, fields);
}

/** Parses with a schema or throws a VALIDATION_FAILED AppError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
