import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysFromRanges, rangesFromDays, splitDates, type HolidayRange } from '../../../shared/attendance/holidayForm.js';
import type { HolidayDay } from '../../../shared/attendance/schema.js';
import { call } from '../../api/client.js';
import { errorText } from '../../i18n/messages.js';

interface Row {
  name: string;
  from: string;
  to: string;
  statutory: string;
  workdays: string;
}

const toRow = (r: HolidayRange): Row => ({ name: r.name, from: r.from, to: r.to, statutory: r.statutory.join(', '), workdays: r.workdays.join(', ') });
const blank = (): Row => ({ name: '', from: '', to: '', statutory: '', workdays: '' });

/** An admin adds (or corrects) a year's holidays as the notice lists them; saving replaces the year. */
/** Mounted while open (the caller renders it then), so each opening starts from the year's stored days. */
export function HolidayYearForm({ year, existing, onClose }: { year: number; existing: readonly HolidayDay[]; onClose: (saved: number | null) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [y, setY] = useState(year);
  const [rows, setRows] = useState<Row[]>(() => (existing.length > 0 ? rangesFromDays(existing).map(toRow) : [blank()]));
  const [problem, setProblem] = useState<string | null>(null);

  const set = (i: number, field: keyof Row, value: string): void => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: value } : r)));

  const save = async (): Promise<void> => {
    const ranges = rows.map((r) => ({ name: r.name, from: r.from.trim(), to: r.to.trim(), statutory: splitDates(r.statutory), workdays: splitDates(r.workdays) }));
    const built = daysFromRanges(y, ranges);
    if (!built.ok) {
      const what = built.problem === 'badDate' ? t('roster.calendar.form.badDate', { year: y }) : built.problem === 'outside' ? t('roster.calendar.form.outside', { date: built.date }) : built.problem === 'needName' ? t('roster.calendar.form.needName') : built.problem === 'badRange' ? t('roster.calendar.form.badRange') : t('roster.calendar.form.none');
      setProblem(built.problem === 'none' ? what : t('roster.calendar.form.bad', { row: built.row, problem: what }));
      return;
    }
    const r = await call('holidays:import', { days: built.days });
    if (!r.ok) {
      setProblem(t('roster.calendar.failed', { error: `${errorText(t, r.error)} ${r.error.message}` }));
      return;
    }
    void message.success(t('roster.calendar.saved', { year: r.value.year, count: r.value.days }));
    onClose(r.value.year);
  };

  const label = (key: 'name' | 'from' | 'to' | 'statutory' | 'workdays', i: number): string => `${t(`roster.calendar.form.${key}`)} ${i + 1}`;
  return (
    <Modal open title={t('roster.calendar.form.title', { year: y })} onCancel={() => onClose(null)} width={980} destroyOnHidden okText={t('roster.calendar.form.save')} cancelText={t('roster.calendar.form.cancel')} onOk={() => void save()} okButtonProps={{ 'data-testid': 'holiday-form-save' } as React.ComponentProps<typeof Button>}>
      <Flex vertical gap={8}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('roster.calendar.form.intro')}
        </Typography.Paragraph>
        <label>
          {t('roster.calendar.form.yearLabel')}{' '}
          <InputNumber min={1970} max={2100} value={y} onChange={(v) => v !== null && setY(v)} aria-label={t('roster.calendar.form.yearLabel')} data-testid="holiday-form-year" />
        </label>
        {rows.map((r, i) => (
          <Flex key={i} gap={6} align="center" data-testid="holiday-form-row">
            <Input style={{ width: 100 }} placeholder={t('roster.calendar.form.name')} aria-label={label('name', i)} value={r.name} onChange={(e) => set(i, 'name', e.target.value)} />
            <Input style={{ width: 116 }} placeholder={t('roster.calendar.form.from')} aria-label={label('from', i)} value={r.from} onChange={(e) => set(i, 'from', e.target.value)} />
            <Input style={{ width: 116 }} placeholder={t('roster.calendar.form.to')} aria-label={label('to', i)} value={r.to} onChange={(e) => set(i, 'to', e.target.value)} />
            <Input style={{ flex: 1 }} placeholder={t('roster.calendar.form.statutory')} aria-label={label('statutory', i)} value={r.statutory} onChange={(e) => set(i, 'statutory', e.target.value)} />
            <Input style={{ flex: 1 }} placeholder={t('roster.calendar.form.workdays')} aria-label={label('workdays', i)} value={r.workdays} onChange={(e) => set(i, 'workdays', e.target.value)} />
            <Button icon={<DeleteOutlined />} aria-label={t('roster.calendar.form.remove')} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} />
          </Flex>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, blank()])} style={{ alignSelf: 'flex-start' }}>
          {t('roster.calendar.form.addRange')}
        </Button>
        {problem && <Alert type="error" showIcon message={problem} data-testid="holiday-form-problem" />}
      </Flex>
    </Modal>
  );
}
