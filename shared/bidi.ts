import { z } from 'zod';

/**
 * Invisible bidirectional-control characters: embeddings and overrides
 * (U+202A-U+202E), isolates (U+2066-U+2069) and the marks (U+200E, U+200F,
 * U+061C). None of them is ever typed on purpose into a Chinese or English
 * name, subject or note, but one pasted U+202E visually reverses what follows
 * it, a phone number shown beside a name included. Text we write is stripped
 * of them (inputText); stored rows that still carry one are refused by the
 * server (see shared/sync/entities.ts).
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Text without any of them, as a pattern: a plain regex check keeps the first-sync fast path (electron/core/sync/apply.ts) working. */
export const NO_BIDI = /^[^\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]*$/;

export function hasBidi(text: string): boolean {
  return /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(text);
}

/** The building block of every typed text field: bidi controls removed, then trimmed. */
export function inputText(): z.ZodString {
  return z.string().overwrite(stripBidi).trim();
}

export const NO_BIDI_MESSAGE = 'Text with an invisible direction-control character (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C) cannot be stored';
