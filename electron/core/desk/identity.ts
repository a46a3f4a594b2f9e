import type { Role } from '../../../shared/roles.js';

/** The agent signed in at this desk: a standalone account of this PC, or the sync server's user. */
export interface DeskAgent {
  username: string;
  displayName: string;
  role: Role;
  team: string | null;
  source: 'local' | 'server';
}

/**
 * Who is acting. desk.ts owns the session; everything else asks here.
 * `current()` is null when nobody is signed in at the desk: then the host's
 * operator acts (the CLI, tests), with the rights of the PC's admin, as
 * kb/access.ts has always done for a standalone PC.
 */
export interface DeskIdentity {
  current(): DeskAgent | null;
}
