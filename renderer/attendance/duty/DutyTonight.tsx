import { PhoneOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDisplayNames } from '../../work/useDisplayNames.js';
import { useLive } from '../../work/useLive.js';

/**
 * Who is on duty tonight (issue 16 point 7): one small line for every seat
 * (the console, My day) and the wallboard. Re-read when the roster changes
 * and every minute (tonight moves with the clock).
 */
export function DutyTonight({ compact = false }: { compact?: boolean }): React.JSX.Element | null {
  const { t } = useTranslation();
  const tonight = useLive('duty:tonight', {}, { kinds: ['duty'], intervalMs: 60_000 });
  const names = useDisplayNames();
  if (tonight.error || (tonight.value === null && tonight.loading)) return null;
  const e = tonight.value;
  const text =
    e === null
      ? t('admin.duty.tonightNone')
      : `${t('admin.duty.tonight', { name: names(e.agentId), start: e.start, end: e.end, phone: e.phone })}${e.backupId ? ` · ${t('admin.duty.tonightBackup', { name: names(e.backupId) })}` : ''}`;
  return (
    <Typography.Text type="secondary" className={compact ? 'duty-tonight duty-tonight-compact' : 'duty-tonight'} role="status" aria-label={t('admin.duty.tonightLabel')} data-testid="duty-tonight" style={{ fontSize: compact ? 12 : 13 }}>
      <PhoneOutlined /> {text}
    </Typography.Text>
  );
}
