import { AppError } from '../../../shared/result.js';
import { isReviewer, type Actor } from '../../../shared/roles.js';
import { ENTITIES } from '../../../shared/sync/entities.js';
import type { SessionUser } from '../../../shared/sync/protocol.js';

/**
 * Who acts on the knowledge base, and with which role: the agent signed in
 * at the desk (a standalone account or the sync server's user; the server
 * checks the same rules again on push), else the sync session's user (the
 * CLI after `login`). With nobody signed in (the CLI on a standalone PC) the
 * local operator is an admin.
 */
export function kbActor(user: Pick<SessionUser, 'username' | 'role'> | null, localActorId: string): Actor {
  return user ? { username: user.username, role: user.role } : { username: localActorId, role: 'admin' };
}

/** Drafts are seen by their author and reviewers; published and retired articles by everyone: the sync rule itself. */
export function canSeeArticle(actor: Actor, a: { status: string; authorId: string }): boolean {
  return ENTITIES.article.visible(actor, a);
}

const SECOND_LINE = 'ask second line (senior, supervisor or admin)';

/** Agents write drafts of their own; reviewers write anything. */
export function assertMayCreate(actor: Actor, status: string): void {
  if (status !== 'draft' && !isReviewer(actor.role)) {
    throw new AppError('FORBIDDEN', `A ${actor.role} can only create drafts; save it as a draft and ${SECOND_LINE} to publish it`);
  }
}

export function assertMayEdit(actor: Actor, a: { status: string; authorId: string; title: string }): void {
  if (isReviewer(actor.role)) return;
  if (a.authorId !== actor.username) throw new AppError('FORBIDDEN', `A ${actor.role} can only edit drafts of their own; "${a.title}" was written by ${a.authorId}`);
  if (a.status !== 'draft') throw new AppError('FORBIDDEN', `"${a.title}" is ${a.status}; a ${actor.role} can only edit drafts, ${SECOND_LINE} to change it`);
}

export function assertMayTransition(actor: Actor, a: { title: string }, to: string): void {
  if (!isReviewer(actor.role)) throw new AppError('FORBIDDEN', `A ${actor.role} cannot move "${a.title}" to ${to}; publishing, retiring and reworking articles is for reviewers: ${SECOND_LINE}`);
}
