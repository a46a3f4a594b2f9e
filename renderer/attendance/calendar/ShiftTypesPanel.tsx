import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Table, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockMinutes, crossesMidnight, ShiftTypeSchema } from '../../../shared/attendance/schema.js';
import { call } from '../../api/client.js';
import { errorText } from '../../i18n/messages.js';
import { useLive } from '../../work/useLive.js';

interface ShiftRow {
  code: string;
  name: string;
  start: string;
  end: string;
  breakMinutes: number;
  retiredAt: string | null;
}

interface FormValues {
  code: string;
  name: string;
  start: dayjs.Dayjs | null;
  end: dayjs.Dayjs | null;
  breakMinutes: number | null;
}

/** Working minutes of a shift: end minus start (next day when it crosses midnight) minus the break. */
function workMinutes(s: Pick<ShiftRow, 'start' | 'end' | 'breakMinutes'>): number {
  const span = (clockMinutes(s.end) - clockMinutes(s.start) + 1440) % 1440 || 1440;
  return span - s.breakMinutes;
}

/** 班次 (issue 16 point 2): code, name, start, end (crossing midnight shown as next day), break. Admins edit. */
export function ShiftTypesPanel({ admin }: { admin: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useLive('shifts:list', { includeRetired: true }, { kinds: ['plan'] });
  const [editing, setEditing] = useState<ShiftRow | 'new' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<FormValues>();
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);

  const open = (row: ShiftRow | 'new'): void => {
    setProblem(null);
    setEditing(row);
    form.setFieldsValue(
      row === 'new'
        ? { code: '', name: '', start: null, end: null, breakMinutes: 0 }
        : { code: row.code, name: row.name, start: dayjs(`2000-01-01T${row.start}`), end: dayjs(`2000-01-01T${row.end}`), breakMinutes: row.breakMinutes },
    );
  };

  const save = async (): Promise<void> => {
    const v = form.getFieldsValue();
    const input = { code: v.code ?? '', name: v.name ?? '', start: v.start ? v.start.format('HH:mm') : '', end: v.end ? v.end.format('HH:mm') : '', breakMinutes: v.breakMinutes ?? 0 };
    const parsed = ShiftTypeSchema.safeParse(input);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof FormValues, errors: [i.message] })));
      return;
    }
    const r = await call('shifts:set', parsed.data);
    if (!r.ok) {
      setProblem(`${errorText(t, r.error)} ${r.error.message}`);
      return;
    }
    void message.success(t('roster.shifts.saved', { code: r.value.code }));
    setEditing(null);
  };

  const retire = async (row: ShiftRow): Promise<void> => {
    const r = await call('shifts:retire', { code: row.code, retired: row.retiredAt === null });
    if (!r.ok) void message.error(t('roster.shifts.failed', { error: errorText(t, r.error) }));
  };

  const crosses = start && end ? crossesMidnight({ start: start.format('HH:mm'), end: end.format('HH:mm') }) : false;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="shifts-panel">
      {admin ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="shift-add">
          {t('roster.shifts.add')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('roster.calendar.adminOnly')}</Typography.Text>
      )}
      <Table<ShiftRow>
        rowKey="code"
        size="small"
        pagination={false}
        loading={list.loading}
        dataSource={list.value ?? []}
        onRow={(s) => ({ 'data-testid': 'shift-row', 'data-code': s.code }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'code', title: t('roster.shifts.col.code'), width: 80, render: (_, s) => <b>{s.code}</b> },
          { key: 'name', title: t('roster.shifts.col.name'), render: (_, s) => (s.retiredAt ? <span>{s.name} <Tag>{t('roster.shifts.retired')}</Tag></span> : s.name) },
          { key: 'time', title: t('roster.shifts.col.time'), render: (_, s) => `${s.start} – ${crossesMidnight(s) ? `${t('roster.shifts.nextDay')} ` : ''}${s.end}` },
          { key: 'break', title: t('roster.shifts.col.break'), dataIndex: 'breakMinutes', width: 120 },
          { key: 'hours', title: t('roster.shifts.col.hours'), width: 110, render: (_, s) => `${Math.floor(workMinutes(s) / 60)}:${String(workMinutes(s) % 60).padStart(2, '0')}` },
          ...(admin
            ? [
                {
                  key: 'actions',
                  title: '',
                  width: 160,
                  render: (_: unknown, s: ShiftRow) => (
                    <Space>
                      <Button size="small" onClick={() => open(s)} data-testid="shift-edit">
                        {t('roster.shifts.edit')}
                      </Button>
                      <Button size="small" onClick={() => void retire(s)}>
                        {s.retiredAt ? t('roster.shifts.restore') : t('roster.shifts.retire')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={t('roster.shifts.form.title')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('roster.shifts.form.save')}
        cancelText={t('roster.shifts.form.cancel')}
        okButtonProps={{ 'data-testid': 'shift-save' } as React.ComponentProps<typeof Button>}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={() => void save()}>
          <Form.Item name="code" label={t('roster.shifts.form.code')}>
            <Input disabled={editing !== 'new' && editing !== null} maxLength={8} data-testid="shift-code" />
          </Form.Item>
          <Form.Item name="name" label={t('roster.shifts.form.name')}>
            <Input maxLength={40} data-testid="shift-name" />
          </Form.Item>
          <Space>
            <Form.Item name="start" label={t('roster.shifts.form.start')}>
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} data-testid="shift-start" />
            </Form.Item>
            <Form.Item name="end" label={t('roster.shifts.form.end')}>
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} data-testid="shift-end" />
            </Form.Item>
            <Form.Item name="breakMinutes" label={t('roster.shifts.form.breakMinutes')}>
              <InputNumber min={0} max={240} data-testid="shift-break" />
            </Form.Item>
          </Space>
          {crosses && end && <Alert type="info" showIcon message={t('roster.shifts.form.crosses', { end: end.format('HH:mm') })} data-testid="shift-crosses" />}
          {problem && <Alert type="error" showIcon message={problem} />}
        </Form>
      </Modal>
    </Space>
  );
}
