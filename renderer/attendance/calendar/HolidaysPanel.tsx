import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayDay, HolidayKind } from '../../../shared/attendance/schema.js';
import { useLive } from '../../work/useLive.js';
import { weekdayKey } from '../roster/gridModel.js';
import { HolidayJsonDialog } from './HolidayJsonDialog.js';
import { HolidayYearForm } from './HolidayYearForm.js';

const KIND_COLOR: Record<HolidayKind, string> = { statutory: 'red', holiday_rest: 'orange', adjusted_workday: 'green' };

/** A year's listed days by kind; admins add or replace a year (form or JSON). */
export function HolidaysPanel({ admin, thisYear }: { admin: boolean; thisYear: number }): React.JSX.Element {
  const { t } = useTranslation();
  const [year, setYear] = useState(thisYear);
  const [form, setForm] = useState<{ year: number; existing: readonly HolidayDay[] } | null>(null);
  const [json, setJson] = useState(false);
  const days = useLive('holidays:list', { year }, { kinds: ['plan'] });
  const status = useLive('holidays:status', {}, { kinds: ['plan'] });
  const years = [...new Set([...(status.value?.years ?? []), thisYear, thisYear + 1, year])].sort();
  const list = days.value ?? [];
  const counts = (['statutory', 'holiday_rest', 'adjusted_workday'] as const).map((k) => [k, list.filter((d) => d.kind === k).length] as const);

  return (
    <Flex vertical gap={10} data-testid="holidays-panel">
      <Flex gap={12} align="center" wrap>
        <label>
          {t('roster.calendar.year')}{' '}
          <Select style={{ width: 110 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: String(y) }))} aria-label={t('roster.calendar.year')} data-testid="holidays-year" />
        </label>
        {counts.map(([k, n]) => (
          <Tag key={k} color={KIND_COLOR[k]}>
            {t(`roster.kind.${k}`)} · {t('roster.calendar.days', { count: n })}
          </Tag>
        ))}
        {admin && (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setForm({ year, existing: list })} data-testid="holidays-add">
              {t('roster.calendar.add')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setJson(true)} data-testid="holidays-import">
              {t('roster.calendar.importJson')}
            </Button>
          </>
        )}
        {!admin && <Typography.Text type="secondary">{t('roster.calendar.adminOnly')}</Typography.Text>}
      </Flex>
      <Table<HolidayDay>
        rowKey="date"
        size="small"
        loading={days.loading}
        dataSource={list}
        pagination={false}
        scroll={{ y: 420 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roster.calendar.empty', { year })} /> }}
        onRow={(d) => ({ 'data-testid': 'holiday-row', 'data-date': d.date, 'data-kind': d.kind }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'date', title: t('roster.calendar.col.date'), dataIndex: 'date', width: 130 },
          { key: 'weekday', title: t('roster.calendar.col.weekday'), width: 80, render: (_, d) => t(`roster.weekday.${weekdayKey(d.date)}`) },
          { key: 'kind', title: t('roster.calendar.col.kind'), width: 180, render: (_, d) => <Tag color={KIND_COLOR[d.kind]}>{t(`roster.kind.${d.kind}`)}</Tag> },
          { key: 'name', title: t('roster.calendar.col.name'), dataIndex: 'name' },
        ]}
      />
      {form && (
        <HolidayYearForm
          year={form.year}
          existing={form.existing}
          onClose={(saved) => {
            setForm(null);
            if (saved !== null) setYear(saved);
          }}
        />
      )}
      <HolidayJsonDialog
        open={json}
        onClose={(saved) => {
          setJson(false);
          if (saved !== null) setYear(saved);
        }}
      />
    </Flex>
  );
}
