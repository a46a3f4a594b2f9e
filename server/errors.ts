import type { z } from 'zod';
import type { ErrorBody, SERVER_ERROR_CODES } from '../shared/sync/protocol.js';

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number] | 'DATA_FOLDER_IN_USE' | 'DATA_FOLDER_INSECURE' | 'MIGRATION_MISMATCH';
export type FieldProblem = { path: string; message: string };

/** Thrown anywhere below a route; the error handler answers `{ error: { code, message, fields? } }` with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServerErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
    /** extra response headers, e.g. Retry-After */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): ErrorBody {
    return { error: this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message } };
  }
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function describeProblems(fields: readonly FieldProblem[], max = 5): string {
  const shown = fields.slice(0, max).map((f) => (f.path ? `${f.path}: ${f.message}` : f.message));
  const more = fields.length > max ? ` (and ${fields.length - max} more)` : '';
  return shown.join('; ') + more;
}

/** Parses a request part with its schema, or throws 400 BAD_REQUEST naming every offending field. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldProblems(parsed.error);
  throw new HttpError(400, 'BAD_REQUEST', `Invalid ${what}: ${describeProblems(fields)}`, fields);
}
