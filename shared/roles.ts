import { z } from 'zod';

/** Who a user is on a team (domain.md "Who uses it"). */
export const ROLES = ['agent', 'senior', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Second line and above review knowledge-base articles: publish, retire, edit anyone's. */
export const REVIEWER_ROLES: readonly Role[] = ['senior', 'supervisor', 'admin'];
export function isReviewer(role: Role): boolean {
  return REVIEWER_ROLES.includes(role);
}

/** The acting user as sync rules see it (server checks, draft visibility). */
export interface Actor {
  username: string;
  role: Role;
  /** the user's team where the rule needs it (announcements to a team); the server always passes it */
  team?: string | null;
}
