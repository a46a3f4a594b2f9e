import type { Highlights } from '../../shared/kb/schema.js';
import { splitHighlights } from './highlight.js';

/** Matched ranges in <mark>; text goes through React as text, never as HTML. */
export function Highlighted({ text, ranges }: { text: string; ranges: Highlights }): React.JSX.Element {
  return (
    <>
      {splitHighlights(text, ranges).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
