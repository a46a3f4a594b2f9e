import { CheckOutlined, PhoneOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MissedCall } from '../../shared/desk/schema.js';
import { call } from '../api/client.js';
import { useNavStore } from '../app/navStore.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { useLive } from '../work/useLive.js';
import { useCallStore } from './callStore.js';

/** "Reached" moves with calls; the list also re-asks now and then for calls synced from other PCs. */
const REFRESH_MS = 30_000;

/**
 * The missed-call worklist (console and My day): who rang unanswered, when,
 * how many times, and how often we tried back, longest waiting first. Each row
 * is one stop of the keyboard: Enter calls back, the button beside it closes
 * the entry by hand. Reaching the caller (a call-back picked up, or the
 * caller getting through) takes the row off by itself.
 */
export function MissedCalls({ compact = false }: { compact?: boolean }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const live = useLive('calls:missed', {}, { kinds: ['calls'], intervalMs: REFRESH_MS });
  const startCall = useCallStore((s) => s.startCall);
  const go = useNavStore((s) => s.go);
  const [busy, setBusy] = useState<string | null>(null);
  const items = live.value ?? [];
  if (compact && items.length === 0) return null;

  const callBack = async (m: MissedCall): Promise<void> => {
    if (busy) return;
    setBusy(m.key);
    const r = await startCall('outbound', m.number);
    setBusy(null);
    if (!r.ok) {
      void message.error(t('desk.missed.callFailed', { error: errorText(t, r.error) }));
      return;
    }
    go('console');
  };
  const settle = async (m: MissedCall): Promise<void> => {
    if (busy) return;
    setBusy(m.key);
    const r = await call('calls:settleMissed', { key: m.key });
    setBusy(null);
    if (r.ok) live.reload();
    else void message.error(errorText(t, r.error));
  };

  return (
    <Card
      size="small"
      className="missed-calls"
      title={
        <Flex align="center" gap={8}>
          <span>{t('desk.missed.title')}</span>
          {items.length > 0 && <Tag color="red" data-testid="missed-count">{items.length}</Tag>}
        </Flex>
      }
      data-testid="missed-calls"
    >
      {live.error && <Typography.Text type="danger">{t('work.loadFailedWith', { error: errorText(t, live.error) })}</Typography.Text>}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.missed.empty')} />
      ) : (
        <ul className="missed-list" aria-label={t('desk.missed.title')}>
          {items.map((m) => (
            <li
              key={m.key}
              className="missed-row"
              tabIndex={0}
              aria-label={t('desk.missed.rowLabel', { who: m.customerName ?? m.number, count: m.count, at: formatDateTime(m.lastAt) })}
              aria-keyshortcuts="Enter"
              data-testid="missed-row"
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) {
                  e.preventDefault();
                  void callBack(m);
                }
              }}
            >
              <Flex align="center" justify="space-between" gap={8} wrap>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Flex align="center" gap={6} wrap>
                    <Typography.Text strong className="one-line" title={m.customerName ?? undefined}>
                      {m.customerName ?? t('desk.call.unknownCaller')}
                    </Typography.Text>
                    <Typography.Text className="one-line tabular" title={m.number} data-testid="missed-number">
                      {m.number}
                    </Typography.Text>
                    <Tag color={m.count > 1 ? 'red' : 'orange'} data-testid="missed-times">{t('desk.missed.times', { count: m.count })}</Tag>
                    {m.desk && <Tag>{t('desk.missed.desk')}</Tag>}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.count > 1 ? t('desk.missed.between', { first: formatDateTime(m.firstAt), last: formatDateTime(m.lastAt) }) : formatDateTime(m.lastAt)}
                    {m.attempts > 0 && ` · ${t('desk.missed.attempts', { count: m.attempts, at: formatDateTime(m.lastAttemptAt) })}`}
                  </Typography.Text>
                </Flex>
                <Flex gap={4}>
                  <Button size="small" type="primary" icon={<PhoneOutlined />} disabled={busy !== null} onClick={() => void callBack(m)} tabIndex={-1} data-testid="missed-call-back">
                    {t('desk.missed.callBack')} <kbd className="nav-kbd">Enter</kbd>
                  </Button>
                  <Button size="small" icon={<CheckOutlined />} disabled={busy !== null} onClick={() => void settle(m)} data-testid="missed-settle">
                    {t('desk.missed.settle')}
                  </Button>
                </Flex>
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
