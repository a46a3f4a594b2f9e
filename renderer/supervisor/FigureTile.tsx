import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Band } from '../../shared/reports/bands.js';
import { valueText, type FigureName } from './figureView.js';

export const BAND_ICONS: Record<Band, React.ReactNode> = {
  green: <CheckCircleFilled />,
  amber: <ExclamationCircleFilled />,
  red: <CloseCircleFilled />,
  none: <MinusCircleOutlined />,
};

interface Props {
  name: FigureName;
  value: number | null;
  band: Band;
  flash: boolean;
  /** opens the list behind the figure; absent: the figure has none (occupancy, mean score) */
  onOpen?: () => void;
}

/**
 * One figure: its name, value and band, the band in colour AND in words
 * with an icon (colour is never the only signal). A figure with a list
 * behind it is a button: Enter or a click opens the list.
 */
export function FigureTile({ name, value, band, flash, onOpen }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const label = t(`supervisor.figure.${name}`);
  const text = valueText(t, name, value);
  const banded = band !== 'none';
  const body = (
    <>
      <span className="wb-figure-label">{label}</span>
      <span className="wb-figure-value" data-testid={`wb-value-${name}`}>
        {text}
      </span>
      <span className="wb-figure-band">
        {banded ? (
          <>
            {BAND_ICONS[band]} {t(`supervisor.band.${band}`)}
          </>
        ) : value === null ? (
          t('supervisor.noData')
        ) : (
          '\u00a0'
        )}
      </span>
    </>
  );
  const className = `wb-figure wb-band-${band}${flash ? ' wb-flash' : ''}`;
  if (!onOpen) {
    return (
      <div className={className} data-testid={`wb-figure-${name}`} data-band={band}>
        {body}
      </div>
    );
  }
  return (
    <button type="button" className={`${className} wb-figure-button`} data-testid={`wb-figure-${name}`} data-band={band} onClick={onOpen} aria-label={t('supervisor.openList', { figure: label, value: text, band: t(`supervisor.band.${band}`) })}>
      {body}
    </button>
  );
}
