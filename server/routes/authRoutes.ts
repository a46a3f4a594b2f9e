import type { FastifyInstance } from 'fastify';
import { ChangePasswordRequestSchema, LoginRequestSchema, PresenceUpdateSchema, type LoginResponse, type SessionUser } from '../../shared/sync/protocol.js';
import { sessionOf } from '../access.js';
import { parseRequest } from '../errors.js';
import type { Services } from './context.js';

export function authRoutes(app: FastifyInstance, { auth, hub }: Services): void {
  app.get('/health', { config: { access: 'public' } }, async () => ({ ok: true }));

  app.post('/auth/login', { config: { access: 'public' } }, async (req): Promise<LoginResponse> => {
    const body = parseRequest(LoginRequestSchema, req.body, 'sign-in request');
    return auth.login(body, req.ip);
  });

  // issue 16: the old password is the credential (rate-limited like a sign-in); the only way past an admin's reset.
  app.post('/auth/password', { config: { access: 'public' } }, async (req): Promise<LoginResponse> => {
    const body = parseRequest(ChangePasswordRequestSchema, req.body, 'password change');
    return auth.changePassword(body, req.ip);
  });

  app.post('/auth/logout', { config: { access: 'signedIn' } }, async (req) => {
    await auth.logout(sessionOf(req));
    return { ok: true };
  });

  app.get('/auth/me', { config: { access: 'signedIn' } }, async (req): Promise<SessionUser> => sessionOf(req).user);

  app.post('/presence', { config: { access: 'signedIn' } }, async (req) => {
    const body = parseRequest(PresenceUpdateSchema, req.body, 'presence update');
    await hub.updatePresence(sessionOf(req).user, body);
    return { ok: true };
  });
}
