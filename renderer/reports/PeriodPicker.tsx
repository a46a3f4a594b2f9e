import { DatePicker, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, type DateRange, type PeriodKind } from '../../shared/reports/periods.js';

const FMT = 'YYYY-MM-DD';

interface Props {
  kind: PeriodKind;
  anchor: string;
  range: DateRange;
  onKind(kind: PeriodKind): void;
  onAnchor(anchor: string): void;
  onRange(range: DateRange): void;
}

/** 周 / 月 / 季度 / 年 / 自选: the unit and the day it holds, or a range (arrow keys move the segments). */
export function PeriodPicker({ kind, anchor, range, onKind, onAnchor, onRange }: Props): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span className="rp-period" role="group" aria-label={t('reports.period.label')}>
      <Segmented<PeriodKind> value={kind} onChange={onKind} data-testid="rp-kind" options={PERIOD_KINDS.map((k) => ({ value: k, label: <span data-testid={`rp-kind-${k}`}>{t(`reports.period.kind.${k}`)}</span> }))} />
      {kind === 'range' ? (
        <DatePicker.RangePicker
          value={[dayjs(range.from), dayjs(range.to)]}
          allowClear={false}
          aria-label={t('reports.period.range')}
          data-testid="rp-range"
          onChange={(v) => {
            const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
            if (a && b) onRange({ from: a.format(FMT), to: b.format(FMT) });
          }}
        />
      ) : (
        <DatePicker
          picker={kind === 'week' ? 'week' : kind}
          value={dayjs(anchor)}
          allowClear={false}
          aria-label={t('reports.period.pick', { kind: t(`reports.period.kind.${kind}`) })}
          data-testid="rp-anchor"
          onChange={(v: Dayjs | null) => (v ? onAnchor(v.format(FMT)) : undefined)}
        />
      )}
    </span>
  );
}
