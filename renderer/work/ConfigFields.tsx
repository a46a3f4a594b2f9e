import { CloseOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, TimePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addDate, hmFromPicker, hmToPicker, removeDate } from './configForm.js';
import type { Name } from './configForm.js';

/**
 * The config page's editable lists and pickers (issue 14): the code lists
 * read as a table with column headers, business hours are time pickers and
 * holidays are picked dates. Every control takes the keyboard: a time or a
 * date is typed (HH:mm, YYYY-MM-DD) and Enter takes it; the calendar and the
 * clock are there for the mouse.
 */

/** A not-ready reason or disposition list: code and label columns with headers, one row per entry. */
export function CodeList({ name, label, testId }: { name: 'notReadyReasons' | 'dispositions'; label: string; testId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const headId = `${testId}-head`;
  return (
    <Form.Item label={label} required>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <div className="config-code-table" role="table" aria-label={label} data-testid={testId}>
            <div className="config-code-row config-code-head" role="row" id={headId} data-testid={`${testId}-head`}>
              <span role="columnheader">{t('work.config.code')}</span>
              <span role="columnheader">{t('work.config.label')}</span>
              <span role="columnheader" className="sr-only">
                {t('work.config.remove')}
              </span>
            </div>
            {fields.map((f, i) => (
              <div className="config-code-row" role="row" key={f.key}>
                <Form.Item name={[f.name, 'code']} style={{ marginBottom: 0 }}>
                  <Input size="small" role="cell" aria-label={`${label} ${i + 1} ${t('work.config.code')}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'label']} style={{ marginBottom: 0 }}>
                  <Input size="small" role="cell" aria-label={`${label} ${i + 1} ${t('work.config.label')}`} />
                </Form.Item>
                <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`${t('work.config.remove')} ${i + 1}`} />
              </div>
            ))}
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', label: '' })} style={{ width: 'fit-content', marginTop: 4 }}>
              {t('work.config.add')}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** The time picker, cleared by the keyboard too: emptied text left with Tab means no time (the picker alone would put the old one back). */
function TimeInput({ value, onChange, label, testId }: { value?: Dayjs | null; onChange?: (v: Dayjs | null) => void; label: string; testId: string }): React.JSX.Element {
  return (
    <TimePicker
      value={value ?? null}
      onChange={(v: Dayjs | null) => onChange?.(v)}
      onBlur={(e: React.FocusEvent<HTMLElement>) => {
        if (e.target instanceof HTMLInputElement && e.target.value.trim() === '' && value) onChange?.(null);
      }}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      showNow={false}
      placeholder="HH:mm"
      style={{ width: 110 }}
      data-testid={testId}
      aria-label={label}
    />
  );
}

/** A business-hours time (the form keeps 'HH:mm' strings, as the schema does). */
export function TimeField({ name, label, testId }: { name: Name; label: string; testId: string }): React.JSX.Element {
  return (
    <Form.Item name={name} label={label} required getValueProps={(v: unknown) => ({ value: hmToPicker(v) })} normalize={(v: Dayjs | null) => hmFromPicker(v)}>
      <TimeInput label={label} testId={testId} />
    </Form.Item>
  );
}

/** A list of dates (YYYY-MM-DD strings): a picker adds one, each picked date is a button that removes it. */
function DateList({ value, onChange, label, testId }: { value?: string[]; onChange?: (v: string[]) => void; label: string; testId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const dates = value ?? [];
  return (
    <Flex vertical gap={4} data-testid={testId}>
      <DatePicker
        value={null}
        format="YYYY-MM-DD"
        needConfirm={false}
        placeholder={t('work.config.addDate')}
        aria-label={`${label}: ${t('work.config.addDate')}`}
        onChange={(d: Dayjs | null) => d && onChange?.(addDate(dates, d.format('YYYY-MM-DD')))}
        style={{ width: 200 }}
        data-testid={`${testId}-picker`}
      />
      <Flex gap={4} wrap="wrap" role="list" aria-label={label} style={{ maxWidth: 300 }}>
        {dates.length === 0 && <Typography.Text type="secondary">{t('work.config.noDates')}</Typography.Text>}
        {dates.map((d) => (
          <Button key={d} size="small" role="listitem" className="tabular" icon={<CloseOutlined />} iconPlacement="end" onClick={() => onChange?.(removeDate(dates, d))} aria-label={t('work.config.removeDate', { date: d })} data-testid={`${testId}-date`}>
            {d}
          </Button>
        ))}
      </Flex>
    </Flex>
  );
}

export function DateListField({ name, label, testId }: { name: Name; label: string; testId: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} extra={t('work.config.datesHelp')}>
      <DateList label={label} testId={testId} />
    </Form.Item>
  );
}
