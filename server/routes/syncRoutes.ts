import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_PUSH_BYTES, PullQuerySchema, PushRequestSchema, type MutationResult, type PushResponse, type SessionUser } from '../../shared/sync/protocol.js';
import { sessionOf } from '../access.js';
import { audit } from '../audit.js';
import type { Db } from '../db.js';
import { parseRequest } from '../errors.js';
import { highWaterSeq } from '../push.js';
import { bulkLines, pullBody } from '../rows.js';
import { requireSyncScope } from '../visibility.js';
import type { Services } from './context.js';

const BulkQuerySchema = z.strictObject({ cursor: z.coerce.number().int().min(0).default(0) });

/** The bulk stream, audited as an export once it ends (complete or cut). */
async function* auditedBulk(db: Db, user: SessionUser, cursor: number, ip: string, log: Services['log']): AsyncGenerator<string> {
  const counter = { rows: 0 };
  let complete = false;
  try {
    yield* bulkLines(db, user, cursor, counter);
    complete = true;
  } finally {
    await audit(db, user.id, 'sync.bulk', { cursor, rows: counter.rows, complete, ip }).catch((e: unknown) => log('audit of a bulk pull failed', e));
  }
}

export function syncRoutes(app: FastifyInstance, { db, hub, maintenance, pushes, log }: Services): void {
  app.post('/sync/push', { config: { access: 'signedIn', bodyTextBySchema: true }, bodyLimit: MAX_PUSH_BYTES }, async (req): Promise<PushResponse> => {
    const body = parseRequest(PushRequestSchema, req.body, 'push request');
    const { user } = sessionOf(req);
    requireSyncScope(user);
    const results: MutationResult[] = [];
    let wrote: number | null = null;
    let rows = 0;
    // Applied in order, in a group commit with concurrent requests (push.ts
    // PushQueue): an earlier mutation is committed (and stays so) even if a
    // later one fails the request.
    for (const outcome of await pushes.submit(user, body.clientId, body.mutations)) {
      results.push(outcome.result);
      if (outcome.wrote !== null) wrote = outcome.wrote;
      rows += outcome.rows;
    }
    maintenance.noteWrites(rows);
    // Written under the push lock, the last seq this push wrote was the server's newest at its commit.
    return { results, seq: wrote ?? (await highWaterSeq(db)) };
  });

  app.get('/sync/pull', { config: { access: 'signedIn' } }, async (req, reply) => {
    const q = parseRequest(PullQuerySchema, req.query, 'pull query');
    const { user } = sessionOf(req);
    requireSyncScope(user);
    return reply.type('application/json; charset=utf-8').send(await pullBody(db, user, q.cursor, q.limit));
  });

  app.get('/sync/bulk', { config: { access: 'signedIn' } }, async (req, reply) => {
    const q = parseRequest(BulkQuerySchema, req.query, 'bulk query');
    const { user } = sessionOf(req);
    requireSyncScope(user);
    return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(auditedBulk(db, user, q.cursor, req.ip, log), { objectMode: false }));
  });

  app.get('/sync/events', { config: { access: 'signedIn' } }, async (req, reply) => {
    const session = sessionOf(req);
    requireSyncScope(session.user);
    reply.hijack();
    await hub.attach(session, reply.raw);
  });
}
