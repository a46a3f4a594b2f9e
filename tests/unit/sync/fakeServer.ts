import { PushRequestSchema, type Mutation, type MutationResult, type PulledRow, type PushRequest, type SessionUser } from '../../../shared/sync/protocol.js';

/**
 * A small in-memory stand-in for the sync server, at the fetch level, for
 * the engine's unit tests (the integration tests use the real server). It
 * speaks the protocol's shapes, records what it was sent, and can be told to
 * fail: unreachable, 401, 500, a hanging request, a malformed answer.
 */
export type Failure = 'network' | 'hang' | 401 | 500 | 'garbage';

export class FakeServer {
  readonly url = 'http://sync.test';
  user: SessionUser = { id: 'u1', username: 'alice', role: 'agent', team: 'A' };
  password = 'password-1';
  token = 'token-1';
  readonly requests: { method: string; path: string; auth: string | null }[] = [];
  readonly pushes: PushRequest[] = [];
  readonly revoked: string[] = [];
  rows: PulledRow[] = [];
  /** every request fails this way until cleared */
  down: Failure | null = null;
  /** only /sync/push fails this way */
  pushFails: Failure | null = null;
  /** answer only the first N mutations of a push */
  answerOnly: number | null = null;
  /** the next push is refused with this status and server error code (then pushes are answered again) */
  refuseNextPush: { status: number; code: string } | null = null;
  /** sign-ins are refused as the real server's limit does (429 RATE_LIMITED with Retry-After) for this many seconds */
  loginLockedFor: number | null = null;
  /** the answer to a mutation, when not `applied` */
  answer: ((m: Mutation) => MutationResult | undefined) | null = null;
  private streams = new Set<ReadableStreamDefaultController<Uint8Array>>();

  get seq(): number {
    return this.rows.reduce((m, r) => Math.max(m, r.seq), 0);
  }

  poke(seq = this.seq): void {
    for (const c of this.streams) c.enqueue(new TextEncoder().encode(`event: poke\ndata: ${JSON.stringify({ seq })}\n\n`));
  }

  dropStreams(): void {
    for (const c of this.streams) c.error(new TypeError('terminated'));
    this.streams.clear();
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    this.requests.push({ method, path: url.pathname, auth: headers.get('authorization') });
    const signal = init?.signal ?? undefined;
    const fail = url.pathname === '/sync/push' ? (this.down ?? this.pushFails) : this.down;
    if (fail === 'network') throw new TypeError('fetch failed');
    if (fail === 'hang') {
      return new Promise<Response>((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError')));
      });
    }
    if (fail === 401) return json(401, { error: { code: 'UNAUTHORIZED', message: 'The token has expired' } });
    if (fail === 500) return json(500, { error: { code: 'INTERNAL', message: 'boom' } });
    if (fail === 'garbage') return new Response('<html>proxy error</html>', { status: 200 });

    if (url.pathname === '/auth/login') {
      if (this.loginLockedFor !== null) {
        const message = `Too many failed sign-ins: try again in ${this.loginLockedFor} s`;
        return new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message } }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(this.loginLockedFor) } });
      }
      const body = JSON.parse(String(init?.body)) as { username: string; password: string };
      if (body.username !== this.user.username || body.password !== this.password) return json(401, { error: { code: 'UNAUTHORIZED', message: 'Wrong username or password' } });
      return json(200, { token: this.token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: this.user });
    }
    if (headers.get('authorization') !== `Bearer ${this.token}`) return json(401, { error: { code: 'UNAUTHORIZED', message: 'Sign in first' } });
    switch (url.pathname) {
      case '/auth/logout':
        this.revoked.push(this.token);
        return json(200, { ok: true });
      case '/sync/push': {
        const req = PushRequestSchema.parse(JSON.parse(String(init?.body)));
        this.pushes.push(req);
        if (this.refuseNextPush) {
          const { status, code } = this.refuseNextPush;
          this.refuseNextPush = null;
          return json(status, { error: { code, message: `refused: ${code}` } });
        }
        const answered = this.answerOnly === null ? req.mutations : req.mutations.slice(0, this.answerOnly);
        const results: MutationResult[] = answered.map((m) => this.answer?.(m) ?? { mutationId: m.mutationId, status: 'applied', seq: this.seq });
        return json(200, { results, seq: this.seq });
      }
      case '/sync/pull': {
        const cursor = Number(url.searchParams.get('cursor') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 1000);
        const after = this.rows.filter((r) => r.seq > cursor).sort((a, b) => a.seq - b.seq);
        const page = after.slice(0, limit);
        return json(200, { rows: page, cursor: page.at(-1)?.seq ?? cursor, more: after.length > limit });
      }
      case '/sync/bulk': {
        const cursor = Number(url.searchParams.get('cursor') ?? 0);
        const rows = this.rows.filter((r) => r.seq > cursor).sort((a, b) => a.seq - b.seq);
        const end = { end: true, cursor: rows.at(-1)?.seq ?? cursor, rows: rows.length };
        return new Response([...rows, end].map((r) => JSON.stringify(r)).join('\n') + '\n', { headers: { 'content-type': 'application/x-ndjson' } });
      }
      case '/sync/events': {
        let ctl!: ReadableStreamDefaultController<Uint8Array>;
        const body = new ReadableStream<Uint8Array>({
          start: (c) => {
            ctl = c;
            this.streams.add(c);
            c.enqueue(new TextEncoder().encode(`event: poke\ndata: ${JSON.stringify({ seq: this.seq })}\n\n`));
          },
          cancel: () => void this.streams.delete(ctl),
        });
        signal?.addEventListener('abort', () => {
          this.streams.delete(ctl);
          try {
            ctl.error(new DOMException('aborted', 'AbortError'));
          } catch {
            // already closed
          }
        });
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      }
    }
    return json(404, { error: { code: 'NOT_FOUND', message: url.pathname } });
  };

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
