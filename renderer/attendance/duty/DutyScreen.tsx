import './duty.css';
import { DeleteOutlined, EditOutlined, FileExcelOutlined, FileTextOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateSchema } from '../../../shared/attendance/schema.js';
import type { DutyEntry } from '../../../shared/attendance/duty.js';
import { call } from '../../api/client.js';
import { errorText } from '../../i18n/messages.js';
import { saveExport } from '../../reports/saveExport.js';
import { useLive } from '../../work/useLive.js';
import { useAgentSession } from '../../work/useSession.js';
import { DutyDialog as DutyDialogHost } from './DutyDialog.js';
import { useEntryText } from '../roster/useEntryText.js';
import { crossesMidnightText, monthBounds } from './dutyText.js';

/**
 * The duty roster (值班表, issue 16 point 7): after-hours and holiday duty by
 * date, each entry's conflicts with the shift roster flagged (never
 * refused). Supervisors and admins keep it; everyone reads it.
 */
export function DutyScreen(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const entryText = useEntryText();
  const { message } = App.useApp();
  const role = useAgentSession()?.agent?.role;
  const keeps = role === 'supervisor' || role === 'admin';
  const [range, setRange] = useState(() => monthBounds(new Date()));
  const [typed, setTyped] = useState(range);
  const [dialog, setDialog] = useState<{ entry: DutyEntry | null } | null>(null);
  const valid = DateSchema.safeParse(typed.from).success && DateSchema.safeParse(typed.to).success && typed.from <= typed.to;
  const list = useLive('duty:list', range, { kinds: ['duty', 'agents'] });
  const directory = useLive('directory:list', {});
  const people = directory.value?.people ?? [];
  const nameOf = (u: string | null): string => (u === null ? '' : (people.find((p) => p.username.toLowerCase() === u.toLowerCase())?.displayName ?? u));

  const exportAs = async (format: 'xlsx' | 'csv'): Promise<void> => {
    const made = await call('duty:export', { ...range, format, locale: i18n.language === 'en' ? 'en' : 'zh-CN' });
    if (!made.ok) {
      void message.error(errorText(t, made.error));
      return;
    }
    const saved = await saveExport(made.value);
    if (saved.kind === 'failed') void message.error(errorText(t, saved.error));
    else if (saved.kind !== 'cancelled') void message.success({ content: <span data-testid="duty-exported">{t('admin.duty.exported', { file: saved.file, rows: made.value.rows })}</span> });
  };

  const remove = async (e: DutyEntry): Promise<void> => {
    const r = await call('duty:remove', { id: e.id });
    if (r.ok) void message.success(t('admin.duty.removed'));
    else void message.error(errorText(t, r.error));
  };

  return (
    <Flex vertical gap={12} className="screen-pad" data-testid="duty-screen">
      <Card
        size="small"
        title={t('admin.duty.title')}
        extra={
          <Flex gap={8}>
            <Button size="small" icon={<FileExcelOutlined />} onClick={() => void exportAs('xlsx')} disabled={!keeps} data-testid="duty-export-xlsx">
              {t('admin.duty.exportXlsx')}
            </Button>
            <Button size="small" icon={<FileTextOutlined />} onClick={() => void exportAs('csv')} disabled={!keeps} data-testid="duty-export-csv">
              {t('admin.duty.exportCsv')}
            </Button>
            {keeps && (
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ entry: null })} data-testid="duty-add">
                {t('admin.duty.add')}
              </Button>
            )}
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('admin.duty.intro')} {!keeps && t('admin.duty.readOnly')}
        </Typography.Paragraph>
        <Flex gap={8} align="center" style={{ marginBottom: 8 }} wrap="wrap">
          <label htmlFor="duty-from">{t('admin.duty.from')}</label>
          <Input id="duty-from" value={typed.from} onChange={(e) => setTyped({ ...typed, from: e.target.value })} style={{ width: 130 }} status={valid ? undefined : 'error'} data-testid="duty-from" />
          <label htmlFor="duty-to">{t('admin.duty.to')}</label>
          <Input
            id="duty-to"
            value={typed.to}
            onChange={(e) => setTyped({ ...typed, to: e.target.value })}
            onPressEnter={() => valid && setRange(typed)}
            style={{ width: 130 }}
            status={valid ? undefined : 'error'}
            data-testid="duty-to"
          />
          <Button size="small" onClick={() => setRange(typed)} disabled={!valid}>
            {t('common.refresh')}
          </Button>
        </Flex>
        {list.error && <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 8 }} />}
        <Table<DutyEntry>
          size="small"
          rowKey="id"
          pagination={false}
          loading={list.loading}
          dataSource={list.value ?? []}
          locale={{ emptyText: t('admin.duty.empty') }}
          rowClassName={(e) => (e.conflicts.length > 0 ? 'duty-row-conflict' : '')}
          onRow={(e) => ({ 'data-testid': `duty-row-${e.date}-${e.agentId}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'date', title: t('admin.duty.date'), dataIndex: 'date', width: 110 },
            { key: 'span', title: `${t('admin.duty.start')}–${t('admin.duty.end')}`, width: 150, render: (_: unknown, e) => `${e.start}–${e.end}${crossesMidnightText(e.start, e.end) ? ` (${t('admin.duty.nextDay')})` : ''}` },
            { key: 'agent', title: t('admin.duty.agent'), render: (_: unknown, e) => nameOf(e.agentId) },
            { key: 'phone', title: t('admin.duty.phone'), dataIndex: 'phone' },
            { key: 'backup', title: t('admin.duty.backup'), render: (_: unknown, e) => nameOf(e.backupId) || t('admin.duty.none') },
            {
              key: 'conflicts',
              title: t('admin.duty.conflicts'),
              render: (_: unknown, e) =>
                e.conflicts.length === 0 ? (
                  <Typography.Text type="secondary">{t('admin.duty.noConflicts')}</Typography.Text>
                ) : (
                  <Flex gap={4} wrap="wrap">
                    {e.conflicts.map((c) => (
                      <Tooltip key={`${c.code}-${c.date}`} title={c.message}>
                        <Tag color="orange" icon={<WarningOutlined />} data-testid={`duty-conflict-${c.code}`}>
                          {t(`admin.duty.conflict.${c.code}`)}
                          {c.entry ? ` · ${entryText(c.entry)}` : ''}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Flex>
                ),
            },
            ...(keeps
              ? [
                  {
                    key: 'actions',
                    title: '',
                    width: 90,
                    render: (_: unknown, e: DutyEntry) => (
                      <Flex gap={4}>
                        <Button size="small" icon={<EditOutlined />} aria-label={`${t('admin.duty.edit')} ${e.date} ${nameOf(e.agentId)}`} onClick={() => setDialog({ entry: e })} />
                        <Popconfirm title={t('admin.duty.removeConfirm', { date: e.date, start: e.start, end: e.end, name: nameOf(e.agentId) })} onConfirm={() => void remove(e)} okText={t('admin.duty.remove')} cancelText={t('common.cancel')}>
                          <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('admin.duty.remove')} ${e.date} ${nameOf(e.agentId)}`} />
                        </Popconfirm>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {dialog && (
        <DutyDialogHost
          entry={dialog.entry}
          date={range.from}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            if (saved.conflicts.length > 0) void message.warning({ content: <span data-testid="duty-saved-conflicts">{t('admin.duty.savedWithConflicts', { count: saved.conflicts.length })}</span> });
            else void message.success(t('admin.duty.saved'));
            if (saved.date < range.from || saved.date > range.to) setRange(monthBounds(new Date(`${saved.date}T12:00:00`)));
            list.reload();
          }}
          people={people}
        />
      )}
    </Flex>
  );
}
