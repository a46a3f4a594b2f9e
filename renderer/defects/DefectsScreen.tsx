import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Flex, Input, List, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedDefectMoves, type DefectStatus } from '../../shared/defects/rules.js';
import type { Defect } from '../../shared/defects/schema.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { SeverityTag } from '../tickets/SeverityTag.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { TicketDrawers } from '../work/TicketDrawers.js';
import { useDisplayNames } from '../work/useDisplayNames.js';
import { useLive } from '../work/useLive.js';

const STATUS_COLOR = { open: 'red', in_progress: 'orange', fixed: 'green', wont_fix: 'default' } as const;
type Filter = 'unresolved' | 'fixed' | 'wont_fix' | 'all';

/**
 * Product defects for second line and supervisors: open defects by product,
 * the list, and a defect's tickets with its status moves (who / when). When a
 * defect is marked fixed, the owners of its tickets are told on their PCs.
 */
export function DefectsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const nameOf = useDisplayNames();
  const [filter, setFilter] = useState<Filter>('unresolved');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useLive('defects:list', { status: filter }, { kinds: ['defects'] });
  const byProduct = useLive('defects:openByProduct', {}, { kinds: ['defects'] });

  return (
    <Flex vertical gap={12} style={{ padding: 16 }} data-testid="defects-screen">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('notices.defects.title')}
      </Typography.Title>
      <Card size="small" title={t('notices.defects.byProduct')}>
        {(byProduct.value ?? []).length === 0 ? (
          <Typography.Text type="secondary">{t('notices.defects.byProductEmpty')}</Typography.Text>
        ) : (
          <Flex gap={16} wrap data-testid="defects-by-product">
            {(byProduct.value ?? []).map((p) => (
              <Card key={p.product} size="small" data-testid="defect-product" data-product={p.product}>
                <Statistic title={p.product} value={p.total} />
                <Typography.Text type="secondary">
                  {t('notices.defects.open', { count: p.open })} · {t('notices.defects.inProgress', { count: p.inProgress })} · {t('notices.defects.ticketsCount', { count: p.tickets })}
                </Typography.Text>
              </Card>
            ))}
          </Flex>
        )}
      </Card>
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'unresolved', label: t('notices.defects.filterUnresolved') },
          { value: 'fixed', label: t('notices.defect.status.fixed') },
          { value: 'wont_fix', label: t('notices.defect.status.wont_fix') },
          { value: 'all', label: t('notices.defects.filterAll') },
        ]}
        aria-label={t('notices.defects.filter')}
      />
      {list.error && <Alert type="error" showIcon message={t('notices.defects.loadFailed', { error: errorText(t, list.error) })} />}
      <Card size="small">
        <Table<Defect>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.value ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.defects.empty')} /> }}
          onRow={(d) => ({ 'data-testid': 'defect-row', 'data-id': d.id, 'data-status': d.status }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'title',
              title: t('notices.defects.col.title'),
              render: (_, d) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(d.id)} data-testid="defect-open">
                  {d.title}
                </Button>
              ),
            },
            { key: 'product', title: t('notices.defects.col.product'), width: 160, render: (_, d) => `${d.product} ${d.version}` },
            { key: 'severity', title: t('notices.defects.col.severity'), width: 90, render: (_, d) => <SeverityTag severity={d.severity} /> },
            { key: 'status', title: t('notices.defects.col.status'), width: 110, render: (_, d) => <Tag color={STATUS_COLOR[d.status]}>{t(`notices.defect.status.${d.status}`)}</Tag> },
            { key: 'tracker', title: t('notices.defects.col.tracker'), width: 110, render: (_, d) => d.trackerRef ?? '—' },
            { key: 'tickets', title: t('notices.defects.col.tickets'), width: 70, dataIndex: 'ticketCount' },
            { key: 'changed', title: t('notices.defects.col.changed'), width: 200, render: (_, d) => t('notices.defects.changedBy', { who: nameOf(d.statusBy), at: formatDateTime(d.statusAt) }) },
          ]}
        />
      </Card>
      <DefectDrawer id={openId} onClose={() => setOpenId(null)} />
      <TicketDrawers />
    </Flex>
  );
}

function DefectDrawer({ id, onClose }: { id: string | null; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const nameOf = useDisplayNames();
  const { message } = App.useApp();
  const detail = useLive('defects:get', id ? { id } : null, { kinds: ['defects'], tickets: true });
  const [note, setNote] = useState('');
  const d = detail.value;

  const move = async (status: DefectStatus): Promise<void> => {
    if (!d) return;
    const r = await call('defects:setStatus', { id: d.id, status, ...(note.trim() ? { note } : {}) });
    if (r.ok) {
      void message.success({ content: <span data-testid="toast-defect-moved">{t('notices.defects.moved')}</span> });
      setNote('');
    } else void message.error(errorText(t, r.error));
    detail.reload();
  };

  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={t('notices.defects.detail')} destroyOnHidden>
      {d && (
        <Flex vertical gap={12} data-testid="defect-detail" data-status={d.status}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('notices.defect.title')}>{d.title}</Descriptions.Item>
            <Descriptions.Item label={t('notices.defect.product')}>
              {d.product} {d.version}
            </Descriptions.Item>
            <Descriptions.Item label={t('notices.defect.severity')}>
              <SeverityTag severity={d.severity} />
            </Descriptions.Item>
            <Descriptions.Item label={t('notices.defect.trackerRef')}>{d.trackerRef ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('notices.defect.steps')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.steps}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('notices.defects.col.status')}>
              <Tag color={STATUS_COLOR[d.status]}>{t(`notices.defect.status.${d.status}`)}</Tag> {t('notices.defects.changedBy', { who: nameOf(d.statusBy), at: formatDateTime(d.statusAt) })}
              {d.statusNote ? ` · ${d.statusNote}` : ''}
            </Descriptions.Item>
          </Descriptions>
          <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('notices.defects.note')} aria-label={t('notices.defects.note')} data-testid="defect-note" />
          <Space wrap>
            {allowedDefectMoves(d.status).map((s) => (
              <Button key={s} type={s === 'fixed' ? 'primary' : 'default'} onClick={() => void move(s)} data-testid={`defect-move-${s}`}>
                {t('notices.defects.moveTo', { status: t(`notices.defect.status.${s}`) })}
              </Button>
            ))}
          </Space>
          <Typography.Title level={5}>{t('notices.defects.linkedTickets')}</Typography.Title>
          <List
            size="small"
            dataSource={d.tickets}
            renderItem={(x) => (
              <List.Item data-testid="defect-ticket" data-id={x.ticketId}>
                <Button type="link" style={{ padding: 0 }} onClick={() => useTicketUiStore.getState().openDetail(x.ticketId)}>
                  {x.no} · {x.subject}
                </Button>
                <Typography.Text type="secondary">
                  {x.ownerId} · {x.ownerNotedAt ? t('notices.defects.noted') : d.status === 'fixed' ? t('notices.defects.notNoted') : ''}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Flex>
      )}
    </Drawer>
  );
}
