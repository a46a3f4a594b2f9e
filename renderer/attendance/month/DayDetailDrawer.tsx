import { Alert, App, Button, Checkbox, Descriptions, Drawer, Empty, Form, Input, List, Radio, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEntryText } from '../roster/useEntryText.js';
import { addDays } from '../../../shared/attendance/calendar.js';
import { localIso } from '../../../shared/attendance/attendance.js';
import { call } from '../../api/client.js';
import { formatDateTime } from '../../format.js';
import { errorText } from '../../i18n/messages.js';
import { useLive } from '../../work/useLive.js';

export interface DayTarget {
  agentId: string;
  name: string;
  date: string;
}

/** HH:MM of an ISO time with offset, as the center's clock shows it (the offset is the center's). */
const clock = (iso: string): string => iso.slice(11, 16);
const dayAndClock = (iso: string, date: string): string => (iso.slice(0, 10) === date ? clock(iso) : `${iso.slice(5, 10)} ${clock(iso)}`);

/**
 * A day's detail (issue 16 point 4): the roster entry, the status, the
 * shift's window, the presence spans the day came from (a correction's
 * line marked) and the corrections themselves; supervisors and admins add a
 * missing sign-in or sign-out with its reason (补登), audited.
 */
export function DayDetailDrawer({ target, canCorrect, onClose, onChanged }: { target: DayTarget | null; canCorrect: boolean; onClose: () => void; onChanged: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const entryText = useEntryText();
  const { message } = App.useApp();
  const detail = useLive('attendance:day', target ? { agentId: target.agentId, date: target.date } : null, { kinds: ['attendance', 'agents'] });
  const [form] = Form.useForm<{ state: 'ready' | 'offline'; time: string; nextDay: boolean; note: string }>();
  const [saving, setSaving] = useState(false);
  const d = detail.value;

  const save = async (v: { state: 'ready' | 'offline'; time: string; nextDay: boolean; note: string }): Promise<void> => {
    if (!target || !d) return;
    const date = v.nextDay ? addDays(target.date, 1) : target.date;
    setSaving(true);
    // the time as the center's clock shows it: the offset the day was computed in, not this PC's zone nor a fixed +08:00
    const result = await call('attendance:correct', { agentId: target.agentId, state: v.state, at: localIso(date, v.time, { utcOffsetMinutes: d.utcOffsetMinutes }), note: v.note });
    setSaving(false);
    if (!result.ok) {
      void message.error(t('attendance.day.failed', { error: errorText(t, result.error) }));
      return;
    }
    void message.success(t('attendance.day.saved'));
    form.resetFields();
    detail.reload();
    onChanged();
  };

  return (
    <Drawer open={target !== null} onClose={onClose} size="large" title={target ? t('attendance.day.title', { name: target.name, date: target.date }) : ''} destroyOnHidden data-testid="att-day-drawer">
      {detail.error && <Alert type="error" showIcon title={errorText(t, detail.error)} />}
      {!d ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('attendance.day.entry')}>
              {entryText(d.day.entry)} · {t(`attendance.dayType.${d.day.dayType}`)}
              {d.leaveType && ` · ${t(`attendance.leave.${d.leaveType}`)}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('attendance.day.status')}>
              <span data-testid="att-day-status">{t(`attendance.status.${d.day.status}`)}</span>
              {d.day.lateMinutes > 0 && ` · ${t('attendance.day.late', { n: d.day.lateMinutes })}`}
              {d.day.earlyMinutes > 0 && ` · ${t('attendance.day.early', { n: d.day.earlyMinutes })}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('attendance.day.window')}>
              {d.window ? t('attendance.day.windowText', { start: dayAndClock(d.window.start, d.day.date), end: dayAndClock(d.window.end, d.day.date), from: dayAndClock(d.window.windowStart, d.day.date), to: dayAndClock(d.window.windowEnd, d.day.date) }) : t('attendance.day.noWindow')}
            </Descriptions.Item>
            <Descriptions.Item label={t('attendance.day.overtime')}>{t('attendance.day.overtimeText', d.day.overtime)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} className="att-section">
            {t('attendance.day.spans')}
          </Typography.Title>
          <List
            size="small"
            bordered
            dataSource={d.spans}
            locale={{ emptyText: <Empty description={t('attendance.day.noSpans')} /> }}
            data-testid="att-day-spans"
            renderItem={(s) => (
              <List.Item>
                {dayAndClock(s.from, d.day.date)} – {s.open ? t('attendance.day.open') : dayAndClock(s.to, d.day.date)}
                {s.corrected && (
                  <Tag color="orange" style={{ marginInlineStart: 8 }}>
                    {t('attendance.day.correctedTag')}
                  </Tag>
                )}
              </List.Item>
            )}
          />
          <Typography.Title level={5} className="att-section">
            {t('attendance.day.corrections')}
          </Typography.Title>
          <List
            size="small"
            bordered
            dataSource={d.corrections}
            locale={{ emptyText: <Empty description={t('attendance.day.noCorrections')} /> }}
            data-testid="att-day-corrections"
            renderItem={(c) => (
              <List.Item>
                <Tag color="orange">{t(`attendance.day.source.${c.source}`)}</Tag>
                {c.state === 'offline' ? t('attendance.day.signOut') : t('attendance.day.signIn')} {formatDateTime(c.at)} · {c.note}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {t('attendance.day.by', { who: c.actorId, at: formatDateTime(c.createdAt) })}
                </Typography.Text>
              </List.Item>
            )}
          />
          {canCorrect && (
            <>
              <Typography.Title level={5} className="att-section">
                {t('attendance.day.add')}
              </Typography.Title>
              <Form form={form} layout="vertical" initialValues={{ state: 'ready', nextDay: false }} onFinish={(v) => void save(v)} data-testid="att-correct-form">
                <Form.Item name="state" label={t('attendance.day.kind')}>
                  <Radio.Group options={[{ value: 'ready', label: t('attendance.day.signIn') }, { value: 'offline', label: t('attendance.day.signOut') }]} />
                </Form.Item>
                <Form.Item name="time" label={t('attendance.day.time')} extra={t('attendance.day.timeHint')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('attendance.day.badTime') }]}>
                  <Input placeholder="08:30" maxLength={5} style={{ width: 120 }} data-testid="att-correct-time" />
                </Form.Item>
                <Form.Item name="nextDay" valuePropName="checked">
                  <Checkbox>{t('attendance.day.nextDay')}</Checkbox>
                </Form.Item>
                <Form.Item name="note" label={t('attendance.day.reason')} rules={[{ required: true, whitespace: true, message: t('attendance.day.reasonHint') }]}>
                  <Input placeholder={t('attendance.day.reasonHint')} maxLength={500} data-testid="att-correct-note" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="att-correct-save">
                  {t('attendance.day.save')}
                </Button>
              </Form>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
