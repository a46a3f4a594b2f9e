import { fieldIssuesFrom, type FieldIssue } from '../../shared/result.js';
import { ArticleInputSchema, ArticleUpdateSchema, type Article, type ArticleInput, type ArticleUpdate } from '../../shared/kb/schema.js';

/** What the editor's antd form holds; the shared schemas decide what is valid. */
export interface ArticleFormValues {
  title?: string;
  product?: string;
  category?: string;
  tags?: string[];
  body?: string;
  /** the change note for the version history (edits only) */
  note?: string;
}

export type ArticleField = 'title' | 'product' | 'category' | 'tags' | 'body' | 'note';
const FIELDS: readonly ArticleField[] = ['title', 'product', 'category', 'tags', 'body', 'note'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';

export function formValuesFromArticle(a: Pick<Article, 'title' | 'product' | 'category' | 'tags' | 'body'>): ArticleFormValues {
  return { title: a.title, product: a.product ?? undefined, category: a.category, tags: [...a.tags], body: a.body };
}

export function formValuesFromInput(input: ArticleInput): ArticleFormValues {
  return { title: input.title, product: input.product ?? undefined, category: input.category, tags: [...(input.tags ?? [])], body: input.body };
}

export function parseArticleCreate(values: ArticleFormValues, extra: { sourceTicketId?: string } = {}): Parsed<ArticleInput> {
  const raw: Record<string, unknown> = {
    title: values.title ?? '',
    body: values.body ?? '',
    category: values.category ?? '',
    tags: values.tags ?? [],
  };
  if (!blank(values.product)) raw.product = values.product;
  if (extra.sourceTicketId) raw.sourceTicketId = extra.sourceTicketId;
  const parsed = ArticleInputSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: fieldIssuesFrom(parsed.error) };
}

const sameTags = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);

/** Only the fields the author changed (`value: null`: nothing changed); a cleared product becomes `null`. */
export function parseArticleUpdate(original: Article, values: ArticleFormValues): Parsed<ArticleUpdate | null> {
  const changes: Record<string, unknown> = {};
  if ((values.title ?? '').trim() !== original.title) changes.title = values.title ?? '';
  if ((values.body ?? '').trim() !== original.body.trim()) changes.body = values.body ?? '';
  if ((values.category ?? '').trim() !== original.category) changes.category = values.category ?? '';
  const product = blank(values.product) ? null : (values.product ?? '').trim();
  if (product !== original.product) changes.product = product;
  const tags = [...new Set((values.tags ?? []).map((t) => t.trim()))];
  if (!sameTags(tags, original.tags)) changes.tags = values.tags ?? [];
  if (Object.keys(changes).length === 0) return { ok: true, value: null };
  const request: Record<string, unknown> = { id: original.id, changes };
  if (!blank(values.note)) request.note = values.note;
  const parsed = ArticleUpdateSchema.safeParse(request);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: fieldIssuesFrom(parsed.error) };
}

/** The editor field an issue belongs to (`changes.tags.2` -> tags), or null for one shown in the form's alert. */
export function articleFieldFor(path: string): ArticleField | null {
  const parts = path.split('.');
  const head = parts[0] === 'changes' ? parts[1] : parts[0];
  return FIELDS.find((f) => f === head) ?? null;
}

/** A solution appended to what the agent already wrote, separated by a blank line; never duplicated. */
export function appendSolution(existing: string | undefined, solution: string): string {
  const before = (existing ?? '').trimEnd();
  const add = solution.trim();
  if (before === '') return add;
  if (add === '' || before.includes(add)) return before;
  return `${before}\n\n${add}`;
}
