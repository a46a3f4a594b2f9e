import type { TFunction } from 'i18next';
import type { PeriodKind } from '../../shared/reports/periods.js';
import { change, periodOf, type Change, type DateRange } from '../../shared/reports/periods.js';
import type { PeriodFigures } from '../../shared/reports/periodReport.js';

/** Which way a figure is better: more service level is good, more abandons are not; volumes are neither. */
export type Better = 'higher' | 'lower' | 'neither';
export type KpiName = keyof PeriodFigures['kpi'];
export const KPI_BETTER: Record<KpiName, Better> = { serviceLevel: 'higher', abandonRate: 'lower', asaSeconds: 'lower', ahtSeconds: 'neither', fcr: 'higher', csat: 'higher', csatMean: 'higher', slaMet: 'higher' };
export const PERCENT_KPIS: readonly KpiName[] = ['serviceLevel', 'abandonRate', 'fcr', 'csat', 'slaMet'];
export const SECONDS_KPIS: readonly KpiName[] = ['asaSeconds', 'ahtSeconds'];

export function kpiText(t: TFunction, name: KpiName, value: number | null): string {
  if (value === null) return '—';
  if (PERCENT_KPIS.includes(name)) return t('reports.unit.percent', { n: value });
  if (SECONDS_KPIS.includes(name)) return t('reports.unit.seconds', { n: value });
  return t('reports.unit.score', { n: value });
}

/** "较上期 ↑12.5%" / "上期为 0" / "上期无数据". */
export function changeText(t: TFunction, c: Change): string {
  if (c.direction === 'none') return t('reports.change.none');
  if (c.direction === 'flat') return t('reports.change.flat');
  if (c.percent === null) return t('reports.change.new');
  return t(c.direction === 'up' ? 'reports.change.up' : 'reports.change.down', { pct: `${Math.abs(c.percent)}%` });
}

/** Whether the move is good news: a band for the arrow's colour (never its only signal: the words say up or down). */
export function changeTone(c: Change, better: Better): 'good' | 'bad' | 'neutral' {
  if (better === 'neither' || c.direction === 'none' || c.direction === 'flat') return 'neutral';
  return (c.direction === 'up') === (better === 'higher') ? 'good' : 'bad';
}

export { change };

/** The period a kind and an anchor day stand for; a range is given whole. */
export function rangeOf(kind: PeriodKind, anchor: string, range: DateRange): DateRange {
  return kind === 'range' ? range : periodOf(kind, anchor);
}

export function durationText(t: TFunction, seconds: number): string {
  if (seconds < 60) return t('reports.unit.seconds', { n: seconds });
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}` : `${m}:${String(seconds % 60).padStart(2, '0')}`;
}
