import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../shared/sync/protocol.js';
import type { Auth, Session } from './auth.js';
import { HttpError } from './errors.js';

/**
 * Who may call a route, declared once in the route's config:
 *   public      anyone (health, login)
 *   signedIn    any valid session
 *   [roles]     a valid session with one of these roles
 * A route that declares nothing fails at start-up, so a forgotten check
 * cannot ship as an open route.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The body's text is checked by the route's schemas, field by field
     * (a push: each mutation is refused on its own), instead of the generic
     * refusal of the whole request (app.ts installTextHygiene).
     */
    bodyTextBySchema?: boolean;
  }
  interface FastifyRequest {
    session: Session | null;
  }
}

export function installAccess(app: FastifyInstance, auth: Auth): void {
  app.decorateRequest('session', null);
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access === undefined) throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access)`);
  });
  app.addHook('onRequest', async (req) => {
    if (req.is404) return;
    const access = req.routeOptions.config.access;
    if (access === 'public') return;
    const session = await auth.authenticate(req.headers.authorization);
    req.session = session;
    if (access === 'signedIn') return;
    if (access === undefined || !access.includes(session.user.role)) {
      const need = access === undefined ? 'a declared access rule' : `the role ${access.join(' or ')}`;
      throw new HttpError(403, 'FORBIDDEN', `${req.method} ${req.routeOptions.url ?? req.url} needs ${need}; you are ${session.user.role}`);
    }
  });
}

/** The session the access hook established; only for routes that are not public. */
export function sessionOf(req: FastifyRequest): Session {
  if (!req.session) throw new HttpError(401, 'UNAUTHORIZED', 'Sign in first');
  return req.session;
}
