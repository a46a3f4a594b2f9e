import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DrillFigure, Wallboard } from '../../shared/reports/schema.js';
import { DRILL_FIGURES } from '../../shared/reports/schema.js';
import { CALL_FIGURES, figureOf, NOW_FIGURES, TICKET_FIGURES, type FigureName } from './figureView.js';
import { FigureTile } from './FigureTile.js';

const DRILLABLE: ReadonlySet<string> = new Set(DRILL_FIGURES);
const isDrill = (name: FigureName): name is FigureName & DrillFigure => DRILLABLE.has(name);

interface Props {
  board: Wallboard;
  flashing: ReadonlySet<FigureName>;
  /** opens the list behind a figure; absent (the TV view): figures are not buttons */
  onOpen?: (figure: DrillFigure) => void;
}

/** Today's figures in three groups: calls, tickets, and what is open now. */
export function FigurePanel({ board, flashing, onOpen }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const group = (key: 'calls' | 'tickets' | 'now', names: readonly FigureName[]) => (
    <Card size="small" title={<h2 className="wb-group-title">{t(`supervisor.groups.${key}`)}</h2>} className="wb-group" data-testid={`wb-group-${key}`}>
      <div className="wb-figures">
        {names.map((name) => {
          const f = figureOf(board, name);
          return <FigureTile key={name} name={name} value={f.value} band={f.band} flash={flashing.has(name)} {...(onOpen && isDrill(name) ? { onOpen: () => onOpen(name) } : {})} />;
        })}
      </div>
    </Card>
  );
  return (
    <div className="wb-groups">
      {group('calls', CALL_FIGURES)}
      {group('tickets', TICKET_FIGURES)}
      {group('now', NOW_FIGURES)}
    </div>
  );
}
