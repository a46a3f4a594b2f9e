import { BugOutlined } from '@ant-design/icons';
import { App, Button, Flex, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../shared/result.js';
import type { Ticket } from '../../shared/tickets/schema.js';
import { call } from '../api/client.js';
import { DefectFlagDialog } from '../defects/DefectFlagDialog.js';
import { errorText } from '../i18n/messages.js';
import { useLive } from '../work/useLive.js';

const DEFECT_COLOR = { open: 'red', in_progress: 'orange', fixed: 'green', wont_fix: 'default' } as const;

/**
 * The ticket's outage and defect links (issue 15 points 4-5), one small
 * section of the ticket detail: link the ticket to an ongoing outage (so the
 * supervisor counts the callers it brought), flag it as a product defect or
 * link it to a known one. Every control is a plain button or select: Tab
 * reaches each, Enter acts.
 */
export function TicketIssueLinks({ ticket }: { ticket: Ticket }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const outages = useLive('announcements:forTicket', { ticketId: ticket.id }, { kinds: ['announcements'], intervalMs: 60_000 });
  const defects = useLive('defects:forTicket', { ticketId: ticket.id }, { kinds: ['defects'] });
  const known = useLive('defects:list', { status: 'unresolved' }, { kinds: ['defects'] });
  const [outagePick, setOutagePick] = useState<string | null>(null);
  const [defectPick, setDefectPick] = useState<string | null>(null);
  const [flagging, setFlagging] = useState(false);

  const act = async (r: Promise<Result<unknown>>, done: string): Promise<void> => {
    const res = await r;
    if (res.ok) void message.success({ content: <span data-testid="toast-issue-link">{done}</span> });
    else void message.error(t('notices.ticket.failed', { error: errorText(t, res.error) }));
    outages.reload();
    defects.reload();
  };

  const linkedDefects = defects.value ?? [];
  const linkable = (known.value ?? []).filter((d) => !linkedDefects.some((x) => x.id === d.id));
  const ongoing = outages.value?.ongoing ?? [];

  return (
    <section aria-label={t('notices.ticket.title')} data-testid="ticket-issue-links">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('notices.ticket.title')}
      </Typography.Title>
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('notices.ticket.outage')}</Typography.Text>
          {(outages.value?.linked ?? []).map((a) => (
            <Space key={a.id} size={2} data-testid="ticket-outage" data-id={a.id}>
              <Tag color="red">{a.title}</Tag>
              <Button
                size="small"
                type="text"
                aria-label={t('notices.ticket.unlink', { title: a.title })}
                onClick={() => void act(call('announcements:unlinkTicket', { announcementId: a.id, ticketId: ticket.id }), t('notices.ticket.unlink', { title: a.title }))}
              >
                ×
              </Button>
            </Space>
          ))}
          {ongoing.length > 0 ? (
            <Space.Compact>
              <Select
                style={{ minWidth: 220 }}
                placeholder={t('notices.ticket.outagePick')}
                aria-label={t('notices.ticket.outagePick')}
                value={outagePick}
                onChange={setOutagePick}
                options={ongoing.map((a) => ({ value: a.id, label: a.title }))}
                data-testid="ticket-outage-pick"
              />
              <Button
                disabled={!outagePick}
                onClick={() => outagePick && void act(call('announcements:linkTicket', { announcementId: outagePick, ticketId: ticket.id }), t('notices.ticket.linked')).then(() => setOutagePick(null))}
                data-testid="ticket-outage-link"
              >
                {t('notices.ticket.outageLink')}
              </Button>
            </Space.Compact>
          ) : (
            (outages.value?.linked.length ?? 0) === 0 && <Typography.Text type="secondary">{t('notices.ticket.outageNone')}</Typography.Text>
          )}
        </Flex>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('notices.ticket.defects')}</Typography.Text>
          {linkedDefects.map((d) => (
            <Tag key={d.id} color={DEFECT_COLOR[d.status]} data-testid="ticket-defect" data-id={d.id} data-status={d.status}>
              {d.title} · {d.product} {d.version} · {t(`notices.defect.status.${d.status}`)}
              {d.trackerRef ? ` · ${d.trackerRef}` : ''}
            </Tag>
          ))}
          <Button size="small" icon={<BugOutlined />} onClick={() => setFlagging(true)} data-testid="ticket-defect-flag">
            {t('notices.ticket.defectFlag')}
          </Button>
          {linkable.length > 0 && (
            <Space.Compact>
              <Select
                size="small"
                style={{ minWidth: 200 }}
                placeholder={t('notices.ticket.defectLinkPick')}
                aria-label={t('notices.ticket.defectLinkPick')}
                value={defectPick}
                onChange={setDefectPick}
                options={linkable.map((d) => ({ value: d.id, label: `${d.product} ${d.version}: ${d.title}` }))}
                data-testid="ticket-defect-pick"
              />
              <Button
                size="small"
                disabled={!defectPick}
                onClick={() => defectPick && void act(call('defects:link', { defectId: defectPick, ticketId: ticket.id }), t('notices.ticket.defectLinked')).then(() => setDefectPick(null))}
                data-testid="ticket-defect-link"
              >
                {t('notices.ticket.defectLink')}
              </Button>
            </Space.Compact>
          )}
        </Flex>
      </Flex>
      {flagging && (
        <DefectFlagDialog
          ticket={ticket}
          onCancel={() => setFlagging(false)}
          onDone={() => {
            setFlagging(false);
            void message.success({ content: <span data-testid="toast-defect-flagged">{t('notices.defect.flagged')}</span> });
            defects.reload();
            known.reload();
          }}
        />
      )}
    </section>
  );
}
