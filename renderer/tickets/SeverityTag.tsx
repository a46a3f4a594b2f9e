import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../shared/tickets/schema.js';

/** Colour carries meaning at a glance across a full screen of rows: red means act now. */
const SEVERITY_COLORS: Record<Severity, string> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' };

export function SeverityTag({ severity }: { severity: Severity }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLORS[severity]} variant={severity === 'urgent' ? 'solid' : 'filled'} data-severity={severity}>
      {t(`severity.${severity}`)}
    </Tag>
  );
}
