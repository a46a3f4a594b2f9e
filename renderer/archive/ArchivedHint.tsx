import { CloudDownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveHint } from '../../shared/archive/schema.js';
import { call, subscribe } from '../api/client.js';
import { useArchiveViewStore } from './archiveStore.js';
import './archive.css';

interface Props {
  /** search text (the ticket list's) */
  q?: string;
  /** the caller's customer (screen-pop) */
  customerId?: string;
  testId: string;
}

const day = (iso: string | null): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '');

/**
 * "Older tickets on the server": archived tickets (issue 18 point 3) that
 * match a search or belong to the caller, each fetched on demand to read.
 * Shows nothing when none match.
 */
export function ArchivedHint({ q, customerId, testId }: Props): React.JSX.Element | null {
  const { t } = useTranslation();
  const open = useArchiveViewStore((s) => s.open);
  const text = q?.trim().slice(0, 100) ?? '';
  const key = `${text}\u0000${customerId ?? ''}`;
  // The answer with the question it answers: a stale one (the search changed) is never shown.
  const [answer, setAnswer] = useState<{ key: string; hint: ArchiveHint | null } | null>(null);

  useEffect(() => {
    if (!text && !customerId) return;
    let live = true;
    const load = (): void => {
      void call('archive:hint', { ...(text ? { q: text } : {}), ...(customerId ? { customerId } : {}), limit: 5 }).then((r) => {
        if (live) setAnswer({ key: `${text}\u0000${customerId ?? ''}`, hint: r.ok ? r.value : null });
      });
    };
    load();
    // A pulled reopen brings a ticket back from the archive; archiving removes more.
    const off = subscribe('tickets:changed', load);
    return () => {
      live = false;
      off();
    };
  }, [text, customerId]);

  const hint = (text || customerId) && answer?.key === key ? answer.hint : null;
  if (!hint || hint.total === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<CloudDownloadOutlined />}
      data-testid={testId}
      title={t('archive.hint.title', { count: hint.total })}
      description={
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {customerId ? t('archive.hint.caller') : t('archive.hint.search', { date: day(hint.horizon) })}
          </Typography.Text>
          <ul className="archived-list" aria-label={t('archive.hint.listLabel')}>
            {hint.items.map((item) => (
              <li key={item.id} data-testid="archived-ticket" data-ticket-no={item.no}>
                <Typography.Text ellipsis={{ tooltip: item.subject }} style={{ display: 'block' }}>
                  {item.subject}
                </Typography.Text>
                <Flex gap={6} align="center" justify="space-between">
                  <Typography.Text type="secondary" className="tabular" style={{ fontSize: 12 }}>
                    {item.no} · {t('archive.hint.closedAt', { date: day(item.closedAt) })}
                  </Typography.Text>
                  <Button size="small" onClick={() => void open(item.id, item.no)} aria-label={t('archive.hint.viewLabel', { no: item.no })} data-testid="archived-view">
                    {t('archive.hint.view')}
                  </Button>
                </Flex>
              </li>
            ))}
          </ul>
          {hint.total > hint.items.length && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('archive.hint.more', { count: hint.total - hint.items.length })}
            </Typography.Text>
          )}
        </Flex>
      }
    />
  );
}
