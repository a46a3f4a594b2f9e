import type { ErrorCode } from '../../shared/result.js';

/** The errors of a phone command the phone system did not carry out (issue 14). */
export const PHONE_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['PHONE_UNREACHABLE', 'PHONE_TIMEOUT', 'PHONE_AUTH_FAILED', 'PHONE_REJECTED']);
