/**
 * Teams, skills and agent profiles (issue 16 point 1, second half): a team is
 * a record an admin manages (display name, leader, active), each agent has a
 * profile (team, seat number 坐席号, skills, join date 入职日期), skills come
 * from an admin-maintained list. Requests and answers of the teams channels.
 */
import { z } from 'zod';
import { inputText } from '../bidi.js';
import { UsernameSchema } from '../desk/schema.js';
import { RoleSchema } from '../roles.js';
import { LIMITS } from '../tickets/schema.js';

export const SKILL_KINDS = ['product', 'language'] as const;
export type SkillKind = (typeof SKILL_KINDS)[number];

/** A date YYYY-MM-DD that exists on the calendar (2026-02-30 is refused). */
export const DayTextSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'A date, YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'No such date on the calendar');

/** A team's id is the team text accounts, tickets and hand-offs already carry (一线, 二线 ...): it never changes; the name does. */
export const TeamIdSchema = inputText().min(1, 'A team needs an id').max(LIMITS.team);
/** A seat number (坐席号) as printed on the desk: letters, digits and - (A-012, 8001). */
export const SeatSchema = inputText().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, 'A seat number is 1-16 letters, digits or -, e.g. A-012');
export const SkillCodeSchema = inputText().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'A skill code is a lower-case letter then up to 31 letters, digits, _ or -');

export const TeamSetSchema = z.strictObject({
  id: TeamIdSchema,
  name: inputText().min(1, 'A team needs a name').max(LIMITS.team),
  /** the leader's username (a senior, supervisor or admin); null or '' clears it; absent keeps it */
  leader: z.union([UsernameSchema, z.literal(''), z.null()]).optional(),
  /** false deactivates the team (only once it has no active members); absent keeps it */
  active: z.boolean().optional(),
});
export type TeamSetInput = z.infer<typeof TeamSetSchema>;

export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  leader: z.string().nullable(),
  active: z.boolean(),
  /** enabled accounts of the team */
  members: z.number().int(),
  /** true: only named on accounts (an installation from before team records); saving it makes it a record */
  derived: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type Team = z.infer<typeof TeamSchema>;

export const SkillSetSchema = z.strictObject({
  code: SkillCodeSchema,
  kind: z.enum(SKILL_KINDS),
  name: inputText().min(1, 'A skill needs a name').max(40),
  /** true retires the skill (profiles keep it, pickers stop offering it); absent keeps it */
  retired: z.boolean().optional(),
});
export type SkillSetInput = z.infer<typeof SkillSetSchema>;

export const SkillSchema = z.object({ code: z.string(), kind: z.enum(SKILL_KINDS), name: z.string(), retired: z.boolean() });
export type Skill = z.infer<typeof SkillSchema>;

/** The profile fields an admin sets; on an update, absent fields keep their value. */
export const ProfileFieldsSchema = z.strictObject({
  team: z.union([TeamIdSchema, z.literal(''), z.null()]).optional(),
  seat: z.union([SeatSchema, z.literal(''), z.null()]).optional(),
  skills: z.array(SkillCodeSchema).max(30, 'At most 30 skills').optional(),
  joinedOn: z.union([DayTextSchema, z.literal(''), z.null()]).optional(),
});
export type ProfileFields = z.infer<typeof ProfileFieldsSchema>;

export const ProfileSetSchema = ProfileFieldsSchema.extend({ agentId: UsernameSchema });
export type ProfileSetInput = z.infer<typeof ProfileSetSchema>;

export const AgentProfileSchema = z.object({
  agentId: z.string(),
  displayName: z.string(),
  role: RoleSchema.nullable(),
  team: z.string().nullable(),
  seat: z.string().nullable(),
  skills: z.array(z.string()),
  joinedOn: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type AgentProfile = z.infer<typeof AgentProfileSchema>;
