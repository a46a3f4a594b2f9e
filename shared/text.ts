import { z } from 'zod';

/**
 * Text hygiene, in one place. PostgreSQL refuses a NUL character in text and
 * jsonb, and a lone UTF-16 surrogate (half of a pair) is not valid Unicode:
 * both pass JSON, both would reach the database and fail there (a 500) or be
 * stored as garbage elsewhere. Every boundary refuses them up front with a
 * clear validation error instead: the schema building blocks below (sync
 * entities, the sync protocol, the contract), and the generic walkers the
 * server, the CTI endpoint and the request dispatcher run over every request
 * they parse.
 */

/** Text with no NUL and no lone surrogate (a regex, so the client's fast row check understands it). */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
export const STORABLE_TEXT = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
export const UNSTORABLE_MESSAGE = 'Text with a NUL character or a broken surrogate pair cannot be stored';

/** True when `s` can be stored: no NUL character, every surrogate paired. */
export function isStorableText(s: string): boolean {
  return STORABLE_TEXT.test(s);
}

/** A zod string that refuses NUL and lone surrogates, at most `max` long. */
export function storableText(max: number): z.ZodString {
  return z.string().max(max).regex(STORABLE_TEXT, UNSTORABLE_MESSAGE);
}

/**
 * The path of the first string (value or object key) in a parsed JSON value
 * that cannot be stored, e.g. `mutations.0.args.changes.1.values.name`, or
 * null when there is none. Keys are reported as `<path>.<key>` with the key
 * escaped. Walks iteratively: a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, root = ''): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (!isStorableText(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        const at = path ? `${path}.${k}` : k;
        if (!isStorableText(k)) return `${path ? `${path}.` : ''}${JSON.stringify(k).slice(1, -1)}`;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/** A field issue (shared/result.ts FieldIssue shape) for text found by findUnstorableText. */
export function unstorableIssue(path: string): { path: string; code: string; message: string } {
  return { path, code: 'unstorable_text', message: UNSTORABLE_MESSAGE };
}
