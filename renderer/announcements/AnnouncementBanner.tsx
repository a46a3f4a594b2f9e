import { NotificationOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextBoundary } from '../../shared/announcements/rules.js';
import type { Announcement } from '../../shared/announcements/schema.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { useDisplayNames } from '../work/useDisplayNames.js';
import { useLive } from '../work/useLive.js';
import './announcements.css';

const ALERT_TYPE = { info: 'info', warning: 'warning', outage: 'error' } as const;
const LEVEL_RANK = { outage: 0, warning: 1, info: 2 } as const;
/** Scheduled announcements start without an event: the console looks again on this period. */
const POLL_MS = 30_000;

/**
 * Announcements in force for this seat, between the call bar and the work:
 * in the page's flow (never over the call bar or the form), one line each.
 * Not acknowledged yet: full, with its one button (Acknowledge) reachable by
 * Tab; acknowledged: folded into a single quiet line until it expires. A
 * change on any PC (console:changed "announcements") and the next moment one
 * starts or ends re-read the list, so nothing waits for a reload.
 */
export function AnnouncementBanner(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const live = useLive('announcements:active', {}, { kinds: ['announcements'], intervalMs: POLL_MS });
  const nameOf = useDisplayNames();
  const [, setTick] = useState(0);
  const list = live.value ?? [];

  // Re-read exactly when the first shown one expires (or is due to end), even with no event.
  const reload = live.reload;
  const windows = list.map((a) => `${a.validFrom}|${a.validTo}|${a.endedAt ?? ''}`).join(',');
  useEffect(() => {
    const now = Date.now();
    let next: number | null = null;
    for (const w of windows ? windows.split(',') : []) {
      const [validFrom = '', validTo = '', endedAt = ''] = w.split('|');
      const b = nextBoundary({ validFrom, validTo, endedAt: endedAt || null }, now);
      if (b !== null && (next === null || b < next)) next = b;
    }
    if (next === null) return;
    const timer = window.setTimeout(() => {
      reload();
      setTick((n) => n + 1);
    }, Math.max(0, next - now) + 50);
    return () => window.clearTimeout(timer);
  }, [windows, reload]);

  if (list.length === 0) return null;
  // The worst first: an outage before a warning before a notice.
  const open = list.filter((a) => !a.acknowledged).sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  const acked = list.filter((a) => a.acknowledged);

  const acknowledge = async (a: Announcement): Promise<void> => {
    const r = await call('announcements:acknowledge', { id: a.id });
    if (!r.ok) void message.error(t('notices.banner.ackFailed', { error: errorText(t, r.error) }));
    reload();
  };

  return (
    <section className="announcement-banner" aria-label={t('notices.banner.region')} data-testid="announcement-banner">
      {open.map((a) => (
        <Alert
          key={a.id}
          type={ALERT_TYPE[a.level]}
          showIcon
          icon={<NotificationOutlined />}
          className="announcement-item"
          data-testid="announcement-item"
          data-id={a.id}
          data-level={a.level}
          role={a.level === 'outage' ? 'alert' : 'status'}
          message={
            <Flex gap={8} align="baseline" wrap>
              <Typography.Text strong>
                [{t(`notices.level.${a.level}`)}] {a.title}
              </Typography.Text>
              <Typography.Text className="announcement-body" ellipsis={{ tooltip: a.body }}>
                {a.body}
              </Typography.Text>
              <Typography.Text type="secondary" className="announcement-meta">
                {t('notices.banner.until', { time: formatDateTime(a.validTo) })} · {t('notices.banner.by', { who: nameOf(a.publishedBy) })}
              </Typography.Text>
            </Flex>
          }
          action={
            <Button size="small" type="primary" onClick={() => void acknowledge(a)} data-testid="announcement-ack" aria-label={`${t('notices.banner.acknowledge')}: ${a.title}`}>
              {t('notices.banner.acknowledge')}
            </Button>
          }
        />
      ))}
      {acked.length > 0 && (
        <div className="announcement-acked" data-testid="announcement-acked" role="status">
          {acked.map((a) => (
            <span key={a.id} className={`announcement-chip announcement-chip-${a.level}`} data-testid="announcement-acked-item" data-id={a.id} title={a.body}>
              [{t(`notices.level.${a.level}`)}] {a.title} · {t('notices.banner.until', { time: formatDateTime(a.validTo) })}
            </span>
          ))}
        </div>
      )}
    </section>
  );
}
