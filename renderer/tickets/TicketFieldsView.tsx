import { Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../shared/tickets/schema.js';
import { formatDateTime } from '../format.js';
import { LongText } from './LongText.js';
import { SeverityTag } from './SeverityTag.js';
import { useDisplayNames } from '../work/useDisplayNames.js';

export function TicketFieldsView({ ticket }: { ticket: Ticket }): React.JSX.Element {
  const { t } = useTranslation();
  const none = t('common.none');
  const nameOf = useDisplayNames();
  const items: DescriptionsProps['items'] = [
    { key: 'subject', label: t('fields.subject'), span: 2, children: <span data-testid="detail-subject">{ticket.subject}</span> },
    { key: 'category', label: t('fields.category'), children: t(`category.${ticket.category}`) },
    { key: 'severity', label: t('fields.severity'), children: <SeverityTag severity={ticket.severity} /> },
    { key: 'channel', label: t('fields.channel'), children: t(`channel.${ticket.channel}`) },
    { key: 'product', label: t('fields.product'), children: ticket.product || none },
    { key: 'deviceModel', label: t('fields.deviceModel'), children: ticket.deviceModel || none },
    { key: 'assigneeId', label: t('fields.assigneeId'), children: nameOf(ticket.assigneeId) || none },
    { key: 'team', label: t('fields.team'), children: ticket.team || none },
    { key: 'createdBy', label: t('fields.createdBy'), children: nameOf(ticket.createdBy) },
    { key: 'createdAt', label: t('fields.createdAt'), children: formatDateTime(ticket.createdAt) },
    { key: 'updatedAt', label: t('fields.updatedAt'), children: formatDateTime(ticket.updatedAt) },
    { key: 'resolvedAt', label: t('fields.resolvedAt'), children: formatDateTime(ticket.resolvedAt) || none },
    { key: 'closedAt', label: t('fields.closedAt'), children: formatDateTime(ticket.closedAt) || none },
    { key: 'description', label: t('fields.description'), span: 2, children: <LongText text={ticket.description} testId="detail-description" /> },
    { key: 'stepsTaken', label: t('fields.stepsTaken'), span: 2, children: <LongText text={ticket.stepsTaken} testId="detail-steps" /> },
    { key: 'resolution', label: t('fields.resolution'), span: 2, children: <LongText text={ticket.resolution} testId="detail-resolution" /> },
  ];
  return <Descriptions size="small" bordered column={2} items={items} styles={{ label: { width: 96, whiteSpace: 'nowrap' } }} />;
}
