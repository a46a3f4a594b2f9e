import { CheckOutlined, HistoryOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Spin, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { SimilarTicketSchema } from '../../shared/desk/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { errorText } from '../i18n/messages.js';
import { appendSolution } from '../kb/articleForm.js';
import type { TicketFormValues } from '../tickets/formModel.js';

type Similar = z.infer<typeof SimilarTicketSchema>;
/** as the KB suggestions: a pause, not every keystroke */
const DEBOUNCE_MS = 400;
const MIN_TEXT = 2;
const MAX_TEXT = 2_000;

/**
 * Resolved tickets like the one being typed (tickets:similar): what worked
 * last time, one click (or Enter on the button) into the resolution field.
 */
export function SimilarTickets({ form, onChanged }: { form: FormInstance<TicketFormValues>; onChanged(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const subject = Form.useWatch('subject', form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  const text = `${subject}\n${description}`.trim().slice(0, MAX_TEXT);
  const query = useDebouncedValue(text, DEBOUNCE_MS);
  const [answer, setAnswer] = useState<{ query: string; items: Similar[]; error: AppErrorData | null } | null>(null);
  const [used, setUsed] = useState<ReadonlySet<string>>(new Set());
  const seq = useRef(0);

  useEffect(() => {
    if (query.length < MIN_TEXT) return;
    const id = ++seq.current;
    void call('tickets:similar', { text: query, limit: 5 }).then((r) => {
      if (id === seq.current) setAnswer(r.ok ? { query, items: r.value, error: null } : { query, items: [], error: r.error });
    });
  }, [query]);

  const active = text.length >= MIN_TEXT;
  const loading = active && answer?.query !== text;
  const items = active ? (answer?.items ?? []) : [];

  const insert = (item: Similar): void => {
    const current: unknown = form.getFieldValue('resolution');
    form.setFieldValue('resolution', appendSolution(typeof current === 'string' ? current : undefined, item.resolution));
    void form.validateFields(['resolution']).catch(() => undefined);
    setUsed((prev) => new Set(prev).add(item.id));
    onChanged();
    void message.success({ content: <span data-testid="toast-similar-inserted">{t('desk.knowledge.insertedToast', { no: item.no })}</span> });
  };

  return (
    <section className="kb-suggest" aria-label={t('desk.knowledge.similar')} data-testid="similar-tickets" data-loading={loading}>
      <Flex align="center" gap={6} className="kb-suggest-head">
        <HistoryOutlined aria-hidden />
        <Typography.Text strong>{t('desk.knowledge.similar')}</Typography.Text>
        {loading && <Spin size="small" />}
      </Flex>
      {!active && <Typography.Text type="secondary">{t('desk.knowledge.similarHint')}</Typography.Text>}
      {active && !loading && answer?.error && <Typography.Text type="danger">{t('desk.knowledge.similarFailed', { error: errorText(t, answer.error) })}</Typography.Text>}
      {active && !loading && !answer?.error && items.length === 0 && <Typography.Text type="secondary">{t('desk.knowledge.similarEmpty')}</Typography.Text>}
      {items.length > 0 && (
        <ul className="kb-suggest-list">
          {items.map((item) => (
            <li key={item.id} className="kb-suggest-item" data-testid="similar-ticket" data-ticket-no={item.no}>
              <div className="kb-suggest-text">
                <span className="kb-suggest-title">
                  {item.no} {item.subject}
                </span>
                <span className="kb-suggest-snippet">{item.resolution}</span>
              </div>
              <Button size="small" icon={used.has(item.id) ? <CheckOutlined /> : <ImportOutlined />} onClick={() => insert(item)} aria-label={`${t('desk.knowledge.insert')}: ${item.no}`} data-testid="similar-insert">
                {used.has(item.id) ? t('desk.knowledge.inserted') : t('desk.knowledge.insert')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
