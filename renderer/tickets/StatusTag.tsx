import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../shared/tickets/stateMachine.js';

const STATUS_COLORS: Record<TicketStatus, string> = {
  new: 'cyan',
  in_progress: 'processing',
  escalated: 'magenta',
  transferred: 'purple',
  dispatched: 'geekblue',
  waiting_customer: 'gold',
  resolved: 'green',
  confirmed: 'lime',
  closed: 'default',
  reopened: 'volcano',
};

export function StatusTag({ status, testId }: { status: TicketStatus; testId?: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} data-testid={testId}>
      {t(`status.${status}`)}
    </Tag>
  );
}
