import { Badge, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreReport } from '../../shared/store.js';
import { call, subscribe } from '../api/client.js';
import { useSyncStore } from '../sync/syncStore.js';

type Health = { state: 'unknown' } | { state: 'known'; report: StoreReport };

/** Read on start, then kept current by the core's `store:status` event. */
function useStoreHealth(): Health {
  const [health, setHealth] = useState<Health>({ state: 'unknown' });
  useEffect(() => {
    let alive = true;
    void call('store:status', {}).then((result) => {
      if (alive && result.ok) setHealth({ state: 'known', report: result.value });
    });
    const off = subscribe('store:status', (report) => setHealth({ state: 'known', report }));
    return () => {
      alive = false;
      off();
    };
  }, []);
  return health;
}

export function StoreHealth(): React.JSX.Element {
  const { t } = useTranslation();
  const health = useStoreHealth();
  const standalone = useSyncStore((s) => s.status === null || (s.status.state === 'signed_out' && s.status.server === null));
  if (health.state === 'unknown') {
    return (
      <span data-testid="store-health" data-health="unknown">
        <Badge status="default" text={t('header.storeUnknown')} />
      </span>
    );
  }
  const { report } = health;
  const ok = report.healthy && report.problems.length === 0;
  const detail = (
    <div>
      <div>
        {/* A standalone PC (no server ever configured) has nothing to sync to: its outbox is not "waiting". */}
        {standalone
          ? t('header.storeDetailStandalone', { dir: report.dataDir, tickets: report.counts.tickets, customers: report.counts.customers })
          : t('header.storeDetail', { dir: report.dataDir, tickets: report.counts.tickets, customers: report.counts.customers, outbox: report.counts.outbox })}
      </div>
      {report.problems.length > 0 && (
        <>
          <div>{t('header.storeProblemList')}</div>
          <ul style={{ margin: 0, paddingInlineStart: 16 }}>
            {report.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
  return (
    <Tooltip title={detail}>
      <span data-testid="store-health" data-health={ok ? 'healthy' : 'problems'} tabIndex={0} role="status">
        <Badge status={ok ? 'success' : 'error'} text={<Typography.Text type={ok ? undefined : 'danger'}>{ok ? t('header.storeHealthy') : t('header.storeProblems')}</Typography.Text>} />
      </span>
    </Tooltip>
  );
}
