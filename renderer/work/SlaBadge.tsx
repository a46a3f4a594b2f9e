import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined, PhoneOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketSla } from '../../shared/tickets/schema.js';
import { formatDateTime } from '../format.js';
import './work.css';
import { DEFAULT_WARN_BEFORE_MS, formatDuration, slaLive, type SlaLiveState } from './slaView.js';
import { useSecondTick } from './useSecondTick.js';
import { DEFAULT_CONSOLE_CONFIG } from '../../shared/desk/schema.js';
import { ruleHours } from './timeText.js';
import { useConsoleConfig } from './useConsoleConfig.js';

const COLORS: Record<SlaLiveState, string> = { ok: 'blue', warning: 'orange', breached: 'red', paused: 'default', met: 'green' };
const ICONS: Record<SlaLiveState, React.ReactNode> = {
  ok: <ClockCircleOutlined />,
  warning: <WarningOutlined />,
  breached: <ExclamationCircleOutlined />,
  paused: <PauseCircleOutlined />,
  met: <CheckCircleOutlined />,
};

interface Props {
  sla: TicketSla | undefined;
  /** the admin's warn-before window (config sla.warnBeforeMinutes) */
  warnBeforeMs?: number;
  testId?: string;
}

/**
 * The ticket's SLA countdown: the clock the agent must act on (first response
 * while owed, then resolution), re-computed every second from its due time,
 * in words and colour (a colour-blind agent reads the words), plus the
 * 4-hour-rule flag when a progress contact is owed. Nothing when the answer
 * carried no clocks (a closed ticket).
 */
export function SlaBadge({ sla, warnBeforeMs = DEFAULT_WARN_BEFORE_MS, testId = 'sla-badge' }: Props): React.JSX.Element | null {
  const { t } = useTranslation();
  // The rule's hours as configured (domain.md's 4 by default): the text must name what the clock uses.
  const fourHourRuleMinutes = useConsoleConfig()?.fourHourRuleMinutes ?? DEFAULT_CONSOLE_CONFIG.fourHourRuleMinutes;
  const now = useSecondTick();
  if (!sla) return null;
  const live = slaLive(sla, now, warnBeforeMs);
  const clockName = t(`work.sla.clock.${live.clock}`);
  const time = live.remainingMs === null ? '' : formatDuration(live.remainingMs, (days) => t('work.sla.days', { n: days }));
  const text =
    live.state === 'met'
      ? t('work.sla.met', { clock: clockName })
      : live.state === 'paused'
        ? t('work.sla.paused', { clock: clockName })
        : live.state === 'breached'
          ? t('work.sla.over', { clock: clockName, time })
          : t('work.sla.left', { clock: clockName, time });
  const tip = [t(`work.sla.state.${live.state}`), live.dueAt ? t('work.sla.dueAt', { at: formatDateTime(live.dueAt) }) : null].filter(Boolean).join(' · ');
  return (
    <span className="sla-badge" data-testid={testId} data-state={live.state} data-clock={live.clock} data-contact-owed={sla.contactOwed ? 'true' : 'false'}>
      <Tooltip title={tip}>
        <Tag color={COLORS[live.state]} icon={ICONS[live.state]} className="sla-tag" aria-label={`${text} (${tip})`}>
          {text}
        </Tag>
      </Tooltip>
      {sla.contactOwed && (
        <Tooltip title={t('work.sla.contactOwedTip', { at: formatDateTime(sla.contactDueAt), hours: ruleHours(fourHourRuleMinutes) })}>
          <Tag color="volcano" icon={<PhoneOutlined />} data-testid={`${testId}-contact-owed`}>
            {t('work.sla.contactOwed')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
