import { describe, expect, it } from 'vitest';
import { readLines, readServerSentEvents } from '../../../electron/core/sync/streams.js';

/** A response whose body arrives in the given byte chunks. */
function chunked(parts: Uint8Array[]): Response {
  let i = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        const part = parts[i++];
        if (part) controller.enqueue(part);
        else controller.close();
      },
    }),
  );
}

function split(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

describe('streamed bodies are parsed as they arrive', () => {
  it('splits NDJSON into lines whatever the chunk boundaries, including inside a UTF-8 character', async () => {
    const text = '{"name":"王伟"}\n{"name":"北京某科技有限公司"}\n\n{"end":true}';
    for (const size of [1, 2, 3, 5, 7, 64]) {
      let chunks = 0;
      const lines = await collect(readLines(chunked(split(text, size)), () => chunks++));
      expect(lines, `chunks of ${size}`).toEqual(['{"name":"王伟"}', '{"name":"北京某科技有限公司"}', '', '{"end":true}']);
      expect(chunks).toBe(Math.ceil(new TextEncoder().encode(text).length / size));
    }
  });

  it('yields each line before the rest of the body has arrived', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        controller.enqueue(new TextEncoder().encode('first\nsec'));
        await gate;
        controller.enqueue(new TextEncoder().encode('ond\n'));
        controller.close();
      },
    });
    const lines = readLines(new Response(body), () => undefined);
    expect((await lines.next()).value).toBe('first');
    release();
    expect((await lines.next()).value).toBe('second');
    expect((await lines.next()).done).toBe(true);
  });

  it('parses server-sent events: named events, multi-line data, comments, CRLF and ids', async () => {
    const text = ': heartbeat\r\n\r\nevent: poke\r\ndata: {"seq":42}\r\n\r\nevent: presence\ndata: {"agents":\ndata: []}\nid: 7\n\ndata: plain\n\n';
    for (const size of [1, 4, 1000]) {
      const events = await collect(readServerSentEvents(chunked(split(text, size)), () => undefined));
      expect(events).toEqual([
        { event: 'poke', data: '{"seq":42}', id: null },
        { event: 'presence', data: '{"agents":\n[]}', id: '7' },
        // the last event id carries over (as EventSource's lastEventId does)
        { event: 'message', data: 'plain', id: '7' },
      ]);
    }
  });
});
