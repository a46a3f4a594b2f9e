import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DirectoryResponse, ResetPasswordResponse, User } from '../../shared/sync/protocol.js';
import { storableText } from '../../shared/text.js';
import { sessionOf } from '../access.js';
import { AuditQuerySchema, readAudit, type AuditEntry } from '../audit.js';
import { parseRequest } from '../errors.js';
import { createUser, listUsers, resetPassword, updateUser } from '../users.js';
import type { Services } from './context.js';

const UserParamsSchema = z.strictObject({ id: storableText(100).min(1) });
const ADMIN = ['admin'] as const;

export function adminRoutes(app: FastifyInstance, { db, auth, hub }: Services): void {
  app.get('/users', { config: { access: ADMIN } }, async (): Promise<User[]> => listUsers(db));

  app.post('/users', { config: { access: ADMIN } }, async (req, reply) => {
    // createUser validates the body (the CLI and startServer().createUser share it).
    const user = await createUser(db, req.body, sessionOf(req).user.id);
    return reply.code(201).send(user);
  });

  app.patch('/users/:id', { config: { access: ADMIN } }, async (req): Promise<User> => {
    const { id } = parseRequest(UserParamsSchema, req.params, 'user id');
    const user = await updateUser(db, id, req.body, sessionOf(req).user.id);
    // Revocations, role and team changes take effect at once on this process; other processes hear of it
    // through the database (events.ts), and at the latest after SESSION_CACHE_MS.
    auth.forgetSessions();
    hub.endUser(id);
    return user;
  });

  // issue 16: a temporary password the user must change at the next sign-in; their sessions end now.
  app.post('/users/:id/reset-password', { config: { access: ADMIN } }, async (req): Promise<ResetPasswordResponse> => {
    const { id } = parseRequest(UserParamsSchema, req.params, 'user id');
    const result = await resetPassword(db, id, req.body, sessionOf(req).user.id);
    auth.forgetUser(id);
    hub.endUser(id);
    return result;
  });

  // Everyone picks assignees and hand-off teams from it: signed in is enough; no password hashes, no disabled users.
  app.get('/directory', { config: { access: 'signedIn' } }, async (): Promise<DirectoryResponse> => ({
    people: (await listUsers(db)).filter((u) => !u.disabled).map((u) => ({ username: u.username, displayName: u.username, role: u.role, team: u.team })),
  }));

  app.get('/audit', { config: { access: ADMIN } }, async (req): Promise<{ entries: AuditEntry[] }> => {
    const q = parseRequest(AuditQuerySchema, req.query, 'audit query');
    return { entries: await readAudit(db, q) };
  });
}
