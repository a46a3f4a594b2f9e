import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { solutionOf } from '../../shared/kb/schema.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import type { TicketFormValues } from '../tickets/formModel.js';
import { appendSolution } from './articleForm.js';
import type { LinkedArticle } from './KbSuggestions.js';

export interface KbLinking {
  /** articles used in this form session; linked when the ticket is saved */
  linked: LinkedArticle[];
  /** articles the saved ticket already uses (an edit): shown as used, never sent again */
  linkedBefore: ReadonlySet<string>;
  inserting: string | null;
  insert(article: { id: string }): Promise<void>;
  unlink(id: string): void;
}

/**
 * "Insert solution": the article's solution section (solutionOf) goes after
 * what the resolution already says, and the article is remembered for the
 * save (tickets:create `articleIds`, or kb:use for an existing ticket).
 */
export function useKbLinking(form: FormInstance<TicketFormValues>, ticketId: string | undefined, onChanged: () => void, initial: readonly LinkedArticle[] = []): KbLinking {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [linked, setLinked] = useState<LinkedArticle[]>(() => [...initial]);
  const [linkedBefore, setLinkedBefore] = useState<ReadonlySet<string>>(new Set());
  const [inserting, setInserting] = useState<string | null>(null);

  useEffect(() => {
    if (!ticketId) return;
    let alive = true;
    void call('kb:forTicket', { ticketId }).then((r) => {
      if (alive && r.ok) setLinkedBefore(new Set(r.value.map((l) => l.articleId)));
    });
    return () => {
      alive = false;
    };
  }, [ticketId]);

  const insert = async ({ id }: { id: string }): Promise<void> => {
    setInserting(id);
    const r = await call('kb:get', { id });
    setInserting(null);
    if (!r.ok) {
      void message.error(t('kb.suggest.insertFailed', { error: errorText(t, r.error) }));
      return;
    }
    const current: unknown = form.getFieldValue('resolution');
    form.setFieldValue('resolution', appendSolution(typeof current === 'string' ? current : undefined, solutionOf(r.value.body)));
    void form.validateFields(['resolution']).catch(() => undefined);
    onChanged();
    if (!linkedBefore.has(id)) setLinked((prev) => (prev.some((l) => l.id === id) ? prev : [...prev, { id, title: r.value.title }]));
    void message.success({ content: <span data-testid="toast-solution-inserted">{t('kb.suggest.insertedToast', { title: r.value.title })}</span> });
  };

  const unlink = (id: string): void => {
    setLinked((prev) => prev.filter((l) => l.id !== id));
    onChanged();
  };
  return { linked, linkedBefore, inserting, insert, unlink };
}
