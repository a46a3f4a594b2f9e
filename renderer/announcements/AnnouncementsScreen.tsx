import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Empty, Flex, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Announcement } from '../../shared/announcements/schema.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { useLive } from '../work/useLive.js';
import { useAgentSession } from '../work/useSession.js';
import { AnnouncementDialog } from './AnnouncementDialog.js';

const LEVEL_COLOR = { info: 'blue', warning: 'gold', outage: 'red' } as const;
const PHASE_COLOR = { scheduled: 'default', active: 'green', expired: 'default', ended: 'default' } as const;

/**
 * Announcements and known outages for supervisors and admins: the list (who
 * acknowledged, how many callers an outage brought), publish, edit, end now.
 */
export function AnnouncementsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const session = useAgentSession();
  const [scope, setScope] = useState<'current' | 'all'>('current');
  const [dialog, setDialog] = useState<{ editing?: Announcement } | null>(null);
  const [acksOf, setAcksOf] = useState<Announcement | null>(null);
  const [ticketsOf, setTicketsOf] = useState<Announcement | null>(null);
  const live = useLive('announcements:list', { scope }, { kinds: ['announcements'], intervalMs: 30_000 });
  const directory = useLive('directory:list', {});
  const me = session?.agent;
  const teams = me?.role === 'admin' ? (directory.value?.teams ?? []) : me?.team ? [me.team] : [];

  const end = (a: Announcement): void => {
    modal.confirm({
      title: t('notices.manage.endConfirm', { title: a.title }),
      okText: t('notices.manage.end'),
      okButtonProps: { danger: true, 'data-testid': 'announcement-end-confirm' } as ButtonProps,
      onOk: async () => {
        const r = await call('announcements:end', { id: a.id });
        if (r.ok) void message.success(t('notices.manage.ended'));
        else void message.error(errorText(t, r.error));
        live.reload();
      },
    });
  };

  return (
    <Flex vertical gap={12} className="announcements-screen" style={{ padding: 16 }} data-testid="announcements-screen">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('notices.manage.title')}
        </Typography.Title>
        <Space>
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as 'current' | 'all')}
            options={[
              { value: 'current', label: t('notices.manage.current') },
              { value: 'all', label: t('notices.manage.all') },
            ]}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})} data-testid="announcement-new">
            {t('notices.manage.create')}
          </Button>
        </Space>
      </Flex>
      {live.error && <Alert type="error" showIcon message={t('notices.manage.loadFailed', { error: errorText(t, live.error) })} />}
      <Card size="small">
        <Table<Announcement>
          rowKey="id"
          size="small"
          loading={live.loading}
          dataSource={live.value ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.manage.empty')} /> }}
          onRow={(a) => ({ 'data-testid': 'announcement-row', 'data-id': a.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'level', title: t('notices.manage.col.level'), width: 80, render: (_, a) => <Tag color={LEVEL_COLOR[a.level]}>{t(`notices.level.${a.level}`)}</Tag> },
            {
              key: 'title',
              title: t('notices.manage.col.title'),
              render: (_, a) => (
                <Flex vertical>
                  <Typography.Text strong>{a.title}</Typography.Text>
                  <Typography.Text type="secondary" ellipsis={{ tooltip: a.body }} style={{ maxWidth: 360 }}>
                    {a.body}
                  </Typography.Text>
                </Flex>
              ),
            },
            { key: 'audience', title: t('notices.manage.col.audience'), width: 110, render: (_, a) => (a.team ? t('notices.manage.team', { team: a.team }) : t('notices.manage.everyone')) },
            { key: 'window', title: t('notices.manage.col.window'), width: 200, render: (_, a) => `${formatDateTime(a.validFrom)} – ${formatDateTime(a.validTo)}` },
            { key: 'phase', title: t('notices.manage.col.phase'), width: 100, render: (_, a) => <Tag color={PHASE_COLOR[a.phase]}>{t(`notices.phase.${a.phase}`)}</Tag> },
            {
              key: 'acks',
              title: t('notices.manage.col.acks'),
              width: 90,
              render: (_, a) => (
                <Button size="small" onClick={() => setAcksOf(a)} data-testid="announcement-acks" aria-label={t('notices.manage.acksOf', { title: a.title })}>
                  {a.ackCount}
                </Button>
              ),
            },
            {
              key: 'tickets',
              title: t('notices.manage.col.tickets'),
              width: 90,
              render: (_, a) =>
                a.level === 'outage' ? (
                  <Button size="small" onClick={() => setTicketsOf(a)} data-testid="announcement-tickets" aria-label={t('notices.manage.ticketsOf', { title: a.title })}>
                    {a.ticketCount}
                  </Button>
                ) : (
                  '—'
                ),
            },
            {
              key: 'actions',
              title: t('notices.manage.col.actions'),
              width: 170,
              render: (_, a) =>
                a.phase === 'active' || a.phase === 'scheduled' ? (
                  <Space size={4}>
                    <Button size="small" onClick={() => setDialog({ editing: a })} data-testid="announcement-edit">
                      {t('notices.manage.edit')}
                    </Button>
                    <Button size="small" danger onClick={() => end(a)} data-testid="announcement-end">
                      {t('notices.manage.end')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      {dialog && (
        <AnnouncementDialog
          {...(dialog.editing ? { editing: dialog.editing } : {})}
          teams={teams}
          onCancel={() => setDialog(null)}
          onDone={() => {
            void message.success(dialog.editing ? t('notices.manage.saved') : t('notices.manage.published'));
            setDialog(null);
            live.reload();
          }}
        />
      )}
      <AcksDrawer announcement={acksOf} onClose={() => setAcksOf(null)} />
      <TicketsDrawer announcement={ticketsOf} onClose={() => setTicketsOf(null)} />
    </Flex>
  );
}

function AcksDrawer({ announcement, onClose }: { announcement: Announcement | null; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const acks = useLive('announcements:acks', announcement ? { id: announcement.id } : null, { kinds: ['announcements'] });
  const v = acks.value;
  return (
    <Drawer open={announcement !== null} onClose={onClose} width={420} title={announcement ? t('notices.manage.acksOf', { title: announcement.title }) : ''} destroyOnHidden>
      <div data-testid="acks-drawer">
        <Typography.Title level={5}>{t('notices.manage.acked', { count: v?.acknowledged.length ?? 0 })}</Typography.Title>
        <List
          size="small"
          dataSource={v?.acknowledged ?? []}
          locale={{ emptyText: t('notices.manage.nobody') }}
          renderItem={(a) => (
            <List.Item data-testid="ack-done" data-agent={a.agentId}>
              {a.name ?? a.agentId} {a.team ? `· ${a.team}` : ''} · {formatDateTime(a.at)}
            </List.Item>
          )}
        />
        <Typography.Title level={5}>{t('notices.manage.pending', { count: v?.pending.length ?? 0 })}</Typography.Title>
        <List
          size="small"
          dataSource={v?.pending ?? []}
          locale={{ emptyText: t('notices.manage.nobody') }}
          renderItem={(a) => (
            <List.Item data-testid="ack-pending" data-agent={a.agentId}>
              {a.name ?? a.agentId} {a.team ? `· ${a.team}` : ''}
            </List.Item>
          )}
        />
      </div>
    </Drawer>
  );
}

function TicketsDrawer({ announcement, onClose }: { announcement: Announcement | null; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const tickets = useLive('announcements:tickets', announcement ? { id: announcement.id } : null, { kinds: ['announcements'], tickets: true });
  return (
    <Drawer open={announcement !== null} onClose={onClose} width={520} title={announcement ? t('notices.manage.ticketsOf', { title: announcement.title }) : ''} destroyOnHidden>
      <List
        size="small"
        data-testid="outage-tickets"
        dataSource={tickets.value ?? []}
        locale={{ emptyText: t('notices.manage.noTickets') }}
        renderItem={(x) => (
          <List.Item data-testid="outage-ticket" data-id={x.ticketId}>
            <Flex vertical>
              <Typography.Text strong>
                {x.no} · {x.subject}
              </Typography.Text>
              <Typography.Text type="secondary">
                {x.customerName} · {x.assigneeId ?? x.linkedBy} · {formatDateTime(x.linkedAt)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
