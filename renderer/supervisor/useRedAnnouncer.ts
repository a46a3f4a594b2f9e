import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Band } from '../../shared/reports/bands.js';
import type { Wallboard } from '../../shared/reports/schema.js';
import { CALL_FIGURES, figureOf, NOW_FIGURES, TICKET_FIGURES, valueText, type FigureName } from './figureView.js';

const ALL: readonly FigureName[] = [...CALL_FIGURES, ...TICKET_FIGURES, ...NOW_FIGURES];

/**
 * Figures that just turned red: each flashes once (the `flash` set, cleared
 * by the next board) and is announced in words for screen readers. A board
 * that opens already red is not "turning" red: only changes are announced,
 * and a team switch starts afresh.
 */
export function useRedAnnouncer(board: Wallboard | null): { message: string; flashing: ReadonlySet<FigureName> } {
  const { t } = useTranslation();
  const previous = useRef<{ key: string; bands: Map<FigureName, Band> } | null>(null);
  const [out, setOut] = useState<{ message: string; flashing: ReadonlySet<FigureName> }>({ message: '', flashing: new Set() });

  useEffect(() => {
    if (!board) return;
    const key = `${board.scope}:${board.team ?? ''}:${board.date}`;
    const bands = new Map(ALL.map((name) => [name, figureOf(board, name).band] as const));
    const before = previous.current?.key === key ? previous.current.bands : null;
    previous.current = { key, bands };
    if (!before) return;
    const turned = ALL.filter((name) => bands.get(name) === 'red' && before.get(name) !== 'red');
    if (turned.length === 0) {
      setOut((o) => (o.flashing.size === 0 ? o : { message: o.message, flashing: new Set() }));
      return;
    }
    const message = turned.map((name) => t('supervisor.turnedRed', { figure: t(`supervisor.figure.${name}`), value: valueText(t, name, figureOf(board, name).value) })).join('；');
    setOut({ message, flashing: new Set(turned) });
  }, [board, t]);

  return out;
}
