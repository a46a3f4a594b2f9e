import { ArticleInputSchema, type ParsedArticleInput } from '../../../shared/kb/schema.js';
import { AppError, fieldIssuesFrom } from '../../../shared/result.js';

export interface ArticleLine {
  /** 1-based line number in the file */
  line: number;
  input: ParsedArticleInput;
}

/**
 * One ArticleInput JSON per line (`kb import`, the demo articles); blank
 * lines are skipped. The first bad line fails the whole file with
 * VALIDATION_FAILED: message `line N: ...`, field paths `line N.<field>`.
 */
export function parseArticleLines(text: string): ArticleLine[] {
  const out: ArticleLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw) as unknown;
    } catch (e) {
      const message = `line ${line}: not valid JSON: ${(e as Error).message}`;
      throw new AppError('VALIDATION_FAILED', message, [{ path: `line ${line}`, code: 'invalid_json', message: (e as Error).message }]);
    }
    const parsed = ArticleInputSchema.safeParse(json);
    if (!parsed.success) {
      const fields = fieldIssuesFrom(parsed.error).map((f) => ({ ...f, path: f.path ? `line ${line}.${f.path}` : `line ${line}` }));
      const summary = fieldIssuesFrom(parsed.error)
        .map((f) => (f.path ? `${f.path}: ${f.message}` : f.message))
        .join('; ');
      throw new AppError('VALIDATION_FAILED', `line ${line}: ${summary}`, fields);
    }
    out.push({ line, input: parsed.data });
  });
  return out;
}
