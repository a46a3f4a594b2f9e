import { BANDED_FIGURES, type BandedFigure, type ReportsConfig } from './config.js';

/** A figure's colour band; `none`: no data, or a figure without thresholds. */
export const BANDS = ['green', 'amber', 'red', 'none'] as const;
export type Band = (typeof BANDS)[number];

/** The band of a figure's value under the configured thresholds. */
export function bandOf(figure: BandedFigure, value: number | null, config: ReportsConfig): Band {
  if (value === null || !Number.isFinite(value)) return 'none';
  const { green, amber } = config.thresholds[figure];
  if (BANDED_FIGURES[figure] === 'higher') return value >= green ? 'green' : value >= amber ? 'amber' : 'red';
  return value <= green ? 'green' : value <= amber ? 'amber' : 'red';
}

/** What an agent row shows as its state: the logged state, or `ringing` while a call rings at the desk. */
export type AgentRowState = 'offline' | 'ready' | 'on_call' | 'after_call' | 'not_ready' | 'ringing';

export interface AgentRowFacts {
  state: AgentRowState;
  /** seconds in that state (for `ringing`: since the call began to ring) */
  secondsInState: number;
  /** a hung-up call still waits for its disposition past the after-call work limit */
  wrapOverdue: boolean;
}

/**
 * domain.md: agent rows are coloured by state x time in state: not ready
 * > 15 min amber, > 30 min red; after-call work past its limit red; ringing
 * > 20 s red. Everything else is green; an offline agent has no colour.
 */
export function agentRowBand(row: AgentRowFacts, config: ReportsConfig, afterCallWorkSeconds: number): Band {
  const rules = config.agentRows;
  if (row.wrapOverdue) return 'red';
  switch (row.state) {
    case 'offline':
      return 'none';
    case 'not_ready':
      if (row.secondsInState > rules.notReadyRedMinutes * 60) return 'red';
      if (row.secondsInState > rules.notReadyAmberMinutes * 60) return 'amber';
      return 'green';
    case 'after_call':
      return row.secondsInState > afterCallWorkSeconds ? 'red' : 'green';
    case 'ringing':
      return row.secondsInState > rules.ringingRedSeconds ? 'red' : 'green';
    default:
      return 'green';
  }
}
