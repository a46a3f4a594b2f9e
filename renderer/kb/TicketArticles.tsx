import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketArticleLink } from '../../shared/kb/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import type { TicketDetail } from '../../shared/tickets/schema.js';
import { call, subscribe } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { ArticleStatusTag } from './ArticleStatusTag.js';
import { KbArticleDrawer } from './KbArticleDrawer.js';
import { useKbUiStore } from './kbUiStore.js';

/** Second line turns solved problems into articles (domain.md): offered once a ticket is resolved or closed. */
const CAN_DRAFT = new Set(['resolved', 'confirmed', 'closed']);

type Loaded = { ticketId: string; links: TicketArticleLink[]; error: AppErrorData | null };

/** The articles used to answer a ticket, and "write an article from this ticket". */
export function TicketArticles({ detail }: { detail: TicketDetail }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ticketId = detail.ticket.id;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [changes, setChanges] = useState(0);
  const [peekId, setPeekId] = useState<string | null>(null);
  const [drafting, setDrafting] = useState(false);
  const openCreate = useKbUiStore((s) => s.openCreate);

  useEffect(() => {
    let alive = true;
    void call('kb:forTicket', { ticketId }).then((r) => {
      if (alive) setLoaded(r.ok ? { ticketId, links: r.value, error: null } : { ticketId, links: [], error: r.error });
    });
    return () => {
      alive = false;
    };
  }, [ticketId, changes, detail]);
  useEffect(() => subscribe('kb:changed', () => setChanges((c) => c + 1)), []);

  const draft = async (): Promise<void> => {
    setDrafting(true);
    const r = await call('kb:draftFromTicket', { ticketId });
    setDrafting(false);
    if (!r.ok) {
      void message.error(t('kb.ticket.draftFailed', { error: errorText(t, r.error) }));
      return;
    }
    openCreate({ draft: r.value, sourceTicketId: ticketId, sourceTicketNo: detail.ticket.no });
  };

  const current = loaded?.ticketId === ticketId ? loaded : null;
  return (
    <section aria-label={t('kb.ticket.linked')} data-testid="ticket-articles">
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('kb.ticket.linked')}
        </Typography.Title>
        {CAN_DRAFT.has(detail.ticket.status) && (
          <Button size="small" icon={<FileAddOutlined />} loading={drafting} onClick={() => void draft()} data-testid="kb-draft-from-ticket" title={t('kb.ticket.draftHint')}>
            {t('kb.ticket.draft')}
          </Button>
        )}
      </Flex>
      {current?.error && <Typography.Text type="danger">{t('kb.ticket.loadFailed', { error: errorText(t, current.error) })}</Typography.Text>}
      {current && !current.error && current.links.length === 0 && <Typography.Text type="secondary">{t('kb.ticket.none')}</Typography.Text>}
      {current && current.links.length > 0 && (
        <ul className="kb-ticket-links">
          {current.links.map((l) => (
            <li key={l.articleId} data-testid="ticket-article" data-article-id={l.articleId}>
              <Button type="link" size="small" className="kb-ticket-link" onClick={() => setPeekId(l.articleId)}>
                {l.title}
              </Button>
              {l.status !== 'published' && <ArticleStatusTag status={l.status} />}
              <Typography.Text type="secondary" className="kb-ticket-link-meta">
                {t('kb.ticket.linkedBy', { actor: l.actorId, time: formatDateTime(l.linkedAt) })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      <KbArticleDrawer id={peekId} onClose={() => setPeekId(null)} />
    </section>
  );
}
