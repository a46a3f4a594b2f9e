import { Alert } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodBeforeHorizon } from '../../shared/archive/rules.js';
import { call, subscribe } from '../api/client.js';

/**
 * Reports over a period older than what this PC holds (issue 18 point 3):
 * archived tickets and their calls are no longer here, so the figures before
 * the horizon are incomplete, and the screen says so plainly. `from`: the
 * earliest day the report reads (the compared period's first day too).
 */
export function HorizonNotice({ from }: { from: string }): React.JSX.Element | null {
  const { t } = useTranslation();
  const [horizon, setHorizon] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      void call('archive:horizon', {}).then((r) => {
        if (live && r.ok) setHorizon(r.value.horizon);
      });
    };
    load();
    const off = subscribe('tickets:changed', load);
    return () => {
      live = false;
      off();
    };
  }, []);
  if (!periodBeforeHorizon(from, horizon)) return null;
  return <Alert type="warning" showIcon data-testid="horizon-notice" title={t('archive.horizon.title')} description={t('archive.horizon.text', { date: dayjs(horizon).format('YYYY-MM-DD') })} style={{ margin: '8px 0' }} />;
}
