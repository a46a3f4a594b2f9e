import { Alert, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNow } from '../hooks/useNow.js';
import { useLive } from '../work/useLive.js';
import { clock } from './callTimes.js';

/**
 * Callers ringing while the agent is on another call or in after-call work:
 * the phone system reported them, so the agent sees them waiting (and how
 * long) instead of the call silently going nowhere.
 */
export function WaitingCalls(): React.JSX.Element | null {
  const { t } = useTranslation();
  const live = useLive('calls:waiting', {}, { kinds: ['calls'] });
  const waiting = live.value ?? [];
  const now = useNow(1000, waiting.length > 0);
  if (waiting.length === 0) return null;
  return (
    <Alert
      className="waiting-calls"
      type="warning"
      showIcon
      role="status"
      data-testid="waiting-calls"
      title={
        <Flex gap={12} wrap align="baseline">
          <Typography.Text strong>{t('desk.waiting.label')}</Typography.Text>
          {waiting.map((c) => (
            <Typography.Text key={c.id} className="nowrap" data-testid="waiting-call">
              {t('desk.waiting.item', { number: c.number, time: clock(Math.max(0, Math.floor((now - Date.parse(c.ringAt)) / 1000))) })}
            </Typography.Text>
          ))}
          <Typography.Text type="secondary">{t('desk.waiting.hint')}</Typography.Text>
        </Flex>
      }
    />
  );
}
