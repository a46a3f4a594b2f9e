import { useTranslation } from 'react-i18next';
import { crossesMidnight } from '../../../shared/attendance/schema.js';

interface LegendShift {
  code: string;
  name: string;
  start: string;
  end: string;
}

/** What the grid's shading and codes mean. */
export function RosterLegend({ shifts }: { shifts: readonly LegendShift[] }): React.JSX.Element {
  const { t } = useTranslation();
  const swatches = [
    ['weekend', 'rgba(128,128,128,0.14)'],
    ['statutory', 'rgba(245,34,45,0.16)'],
    ['holiday_rest', 'rgba(250,140,22,0.16)'],
    ['adjusted_workday', 'rgba(82,196,26,0.12)'],
  ] as const;
  return (
    <div className="roster-legend" aria-label={t('roster.grid.legend')} role="group" data-testid="roster-legend">
      {swatches.map(([type, color]) => (
        <span key={type}>
          <span className="swatch" style={{ background: color }} aria-hidden />
          {t(`roster.dayType.${type}`)}
          {type === 'adjusted_workday' ? `（${t('roster.adjustedMark')}）` : ''}
        </span>
      ))}
      {shifts.map((s) => (
        <span key={s.code}>
          <b>{s.code}</b> {s.name} {s.start}–{crossesMidnight(s) ? `${t('roster.shifts.nextDay')} ` : ''}
          {s.end}
        </span>
      ))}
      <span>
        {t('roster.restShort')} {t('roster.grid.rest')}
      </span>
    </div>
  );
}
