/**
 * Incremental readers for streamed HTTP bodies: NDJSON (one JSON value per
 * line) and text/event-stream. Bytes are decoded as they arrive (a UTF-8
 * character split across chunks is kept for the next one); nothing waits for
 * the whole body. `onChunk` is called for every chunk (idle timeouts).
 */

export async function* readLines(res: Response, onChunk: () => void): AsyncGenerator<string> {
  if (!res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk();
      buffer += decoder.decode(value, { stream: true });
      let start = 0;
      for (let nl = buffer.indexOf('\n', start); nl !== -1; nl = buffer.indexOf('\n', start)) {
        yield buffer.slice(start, nl);
        start = nl + 1;
      }
      buffer = buffer.slice(start);
    }
    buffer += decoder.decode();
    if (buffer.length > 0) yield buffer;
  } finally {
    reader.releaseLock();
    // Stop the download if the consumer stopped early (an error, a shutdown).
    await res.body.cancel().catch(() => undefined);
  }
}

export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | null;
}

/** The text/event-stream format (WHATWG HTML §9.2): `field: value` lines, a blank line ends an event, `:` lines are comments. */
export async function* readServerSentEvents(res: Response, onChunk: () => void): AsyncGenerator<ServerSentEvent> {
  let event = '';
  let data: string[] = [];
  let id: string | null = null;
  for await (const raw of readLines(res, onChunk)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), id };
      event = '';
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
}
