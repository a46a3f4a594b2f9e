import { BookOutlined, CheckOutlined, CloseOutlined, EyeOutlined, ImportOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Spin, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KB_LIMITS, type KbHit } from '../../shared/kb/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { call, subscribe } from '../api/client.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { errorText } from '../i18n/messages.js';
import type { TicketFormValues } from '../tickets/formModel.js';
import { Highlighted } from './Highlighted.js';

/** Suggestions follow the description with a pause long enough not to query on every keystroke. */
const DEBOUNCE_MS = 300;
const LIMIT = 5;
/** Fewer characters than this say nothing a search could use. */
const MIN_TEXT = 2;

export interface LinkedArticle {
  id: string;
  title: string;
}

interface Props {
  form: FormInstance<TicketFormValues>;
  linked: readonly LinkedArticle[];
  /** already used by the saved ticket */
  linkedBefore: ReadonlySet<string>;
  inserting: string | null;
  onInsert(hit: KbHit): void;
  onUnlink(id: string): void;
  onOpen(id: string): void;
}

type Answer = { key: string; hits: KbHit[]; error: AppErrorData | null };

/** Knowledge-base articles for what the agent is typing, one line each, under the description. */
export function KbSuggestions({ form, linked, linkedBefore, inserting, onInsert, onUnlink, onOpen }: Props): React.JSX.Element | null {
  const { t } = useTranslation();
  const subject = Form.useWatch('subject', form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  const product = (Form.useWatch('product', form) ?? '').trim();
  const text = `${subject}\n${description}`.trim().slice(0, KB_LIMITS.suggestText);
  const key = useDebouncedValue(JSON.stringify([text, product]), DEBOUNCE_MS);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [changes, setChanges] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    const [q, p] = JSON.parse(key) as [string, string];
    if (q.length < MIN_TEXT) return;
    const id = ++seq.current;
    void call('kb:suggest', { text: q, limit: LIMIT, ...(p ? { product: p.slice(0, KB_LIMITS.product) } : {}) }).then((r) => {
      if (id !== seq.current) return;
      setAnswer(r.ok ? { key, hits: r.value, error: null } : { key, hits: [], error: r.error });
    });
  }, [key, changes]);
  useEffect(() => subscribe('kb:changed', () => setChanges((c) => c + 1)), []);

  const active = text.length >= MIN_TEXT;
  const hits = active ? (answer?.hits ?? []) : [];
  const loading = active && answer?.key !== JSON.stringify([text, product]);
  if (!active && linked.length === 0) return null;
  const linkedIds = new Set(linked.map((l) => l.id));

  return (
    <section className="kb-suggest" aria-label={t('kb.suggest.label')} data-testid="kb-suggestions" data-loading={loading}>
      <Flex align="center" gap={6} className="kb-suggest-head">
        <BookOutlined aria-hidden />
        <Typography.Text strong>{t('kb.suggest.label')}</Typography.Text>
        {loading ? <Spin size="small" /> : <Typography.Text type="secondary">{hits.length ? t('kb.suggest.count', { count: hits.length }) : t('kb.suggest.none')}</Typography.Text>}
        {answer?.error && active && <Typography.Text type="danger">{t('kb.suggest.failed', { error: errorText(t, answer.error) })}</Typography.Text>}
      </Flex>
      {linked.length > 0 && (
        <Flex gap={4} wrap="wrap" align="center" className="kb-suggest-linked" data-testid="kb-linked">
          <Typography.Text type="secondary">{t('kb.suggest.linked')}</Typography.Text>
          {linked.map((l) => (
            <Tag
              key={l.id}
              color="blue"
              closable
              closeIcon={<CloseOutlined aria-label={t('kb.suggest.unlink', { title: l.title })} />}
              onClose={(e) => {
                e.preventDefault();
                onUnlink(l.id);
              }}
              data-testid="kb-linked-article"
            >
              {l.title}
            </Tag>
          ))}
        </Flex>
      )}
      {hits.length > 0 && (
        <ul className="kb-suggest-list">
          {hits.map((hit) => {
            const done = linkedIds.has(hit.id) || linkedBefore.has(hit.id);
            return (
              <li key={hit.id} className="kb-suggest-item" data-testid="kb-suggestion" data-article-id={hit.id}>
                <div className="kb-suggest-text">
                  <span className="kb-suggest-title">
                    <Highlighted text={hit.title} ranges={hit.titleHighlights} />
                  </span>
                  <span className="kb-suggest-snippet">
                    <Highlighted text={hit.snippet} ranges={hit.snippetHighlights} />
                  </span>
                </div>
                <Button size="small" type="text" icon={<EyeOutlined />} onClick={() => onOpen(hit.id)} aria-label={t('kb.suggest.openLabel', { title: hit.title })} data-testid="kb-suggestion-open">
                  {t('kb.suggest.open')}
                </Button>
                <Button
                  size="small"
                  icon={done ? <CheckOutlined /> : <ImportOutlined />}
                  loading={inserting === hit.id}
                  disabled={done || (inserting !== null && inserting !== hit.id)}
                  onClick={() => onInsert(hit)}
                  aria-label={t('kb.suggest.insertLabel', { title: hit.title })}
                  data-testid="kb-suggestion-insert"
                >
                  {done ? t('kb.suggest.inserted') : t('kb.suggest.insert')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
