import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { change, changeText, changeTone, type Better } from './reportView.js';

interface Props {
  id: string;
  label: string;
  value: number | null;
  previous: number | null;
  text: (n: number | null) => string;
  better: Better;
}

/** One figure of the period beside the previous one: the value, and up / down % in words, an arrow and a colour. */
export function ChangeFigure({ id, label, value, previous, text, better }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const c = change(value, previous);
  const tone = changeTone(c, better);
  const words = changeText(t, c);
  const icon = c.direction === 'up' ? <ArrowUpOutlined /> : c.direction === 'down' ? <ArrowDownOutlined /> : <MinusOutlined />;
  return (
    <div className={`rp-figure rp-tone-${tone}`} data-testid={`rp-figure-${id}`} data-direction={c.direction} role="group" aria-label={t('reports.changeAria', { label, value: text(value), previous: text(previous), change: words })}>
      <span className="rp-figure-label">{label}</span>
      <span className="rp-figure-value" data-testid={`rp-value-${id}`}>
        {text(value)}
      </span>
      <span className="rp-figure-change" data-testid={`rp-change-${id}`}>
        {icon} {words}
        {tone !== 'neutral' && <span className="sr-only"> ({t(tone === 'good' ? 'reports.better' : 'reports.worse')})</span>}
      </span>
      <span className="rp-figure-previous">{text(previous)}</span>
    </div>
  );
}
