import type { TFunction } from 'i18next';
import type { Band } from '../../shared/reports/bands.js';
import type { Wallboard } from '../../shared/reports/schema.js';

/** The figures the board shows, by group, in the order a supervisor reads them. */
export const CALL_FIGURES = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'serviceLevel', 'abandonRate', 'asaSeconds', 'ahtSeconds', 'occupancy'] as const;
export const TICKET_FIGURES = ['created', 'resolved', 'fcr', 'slaMet', 'csat', 'csatMean'] as const;
export const NOW_FIGURES = ['ticketsPastSla', 'contactsOwed', 'callbacksOverdue', 'complaintsOpen', 'escalationsWaiting'] as const;
export type FigureName = (typeof CALL_FIGURES)[number] | (typeof TICKET_FIGURES)[number] | (typeof NOW_FIGURES)[number];

const PERCENT: ReadonlySet<FigureName> = new Set(['serviceLevel', 'abandonRate', 'occupancy', 'fcr', 'slaMet', 'csat']);
const SECONDS: ReadonlySet<FigureName> = new Set(['asaSeconds', 'ahtSeconds']);

/** A figure's value and band from the board, whichever group it sits in. */
export function figureOf(board: Wallboard, name: FigureName): { value: number | null; band: Band } {
  if (name in board.calls) return board.calls[name as keyof Wallboard['calls']];
  if (name in board.tickets) return board.tickets[name as keyof Wallboard['tickets']];
  return board.now[name as keyof Wallboard['now']];
}

/** Whole seconds as H:MM:SS or M:SS: the same in every language. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Seconds as a reader says them: "15 秒" under a minute, a clock above. */
export function secondsText(t: TFunction, seconds: number): string {
  return seconds < 60 ? t('supervisor.unit.seconds', { n: Math.round(seconds * 10) / 10 }) : clockText(seconds);
}

/** A figure's value in words: "50%", "15 秒", "4:30", "4.0 分"; "—" without data. */
export function valueText(t: TFunction, name: FigureName, value: number | null): string {
  if (value === null) return '—';
  if (PERCENT.has(name)) return t('supervisor.unit.percent', { n: value });
  if (SECONDS.has(name)) return secondsText(t, value);
  if (name === 'csatMean') return t('supervisor.unit.score', { n: value.toFixed(1) });
  return String(value);
}
