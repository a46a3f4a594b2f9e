import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasChanges, lineDiff } from './lineDiff.js';

/** What a version changed in the body, line by line; unchanged runs longer than a few lines fold to "… N lines". */
export function VersionDiff({ before, after }: { before: string; after: string }): React.JSX.Element {
  const { t } = useTranslation();
  const lines = lineDiff(before, after);
  if (!hasChanges(lines)) return <Typography.Text type="secondary">{t('kb.versions.noDiff')}</Typography.Text>;
  const CONTEXT = 2;
  const near = lines.map((_, i) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.op !== 'same'));
  const rows: React.ReactNode[] = [];
  let skipped = 0;
  lines.forEach((l, i) => {
    if (!near[i]) {
      skipped++;
      return;
    }
    if (skipped > 0) {
      rows.push(
        <div key={`skip-${i}`} className="kb-diff-skip">
          {t('kb.versions.unchanged', { count: skipped })}
        </div>,
      );
      skipped = 0;
    }
    const sign = l.op === 'add' ? '+' : l.op === 'del' ? '−' : ' ';
    rows.push(
      <div key={i} className={`kb-diff-line kb-diff-${l.op}`} data-op={l.op}>
        <span className="kb-diff-sign" aria-hidden>
          {sign}
        </span>
        <span className="sr-only">{l.op === 'same' ? '' : t(`kb.versions.${l.op}`)}</span>
        <span className="kb-diff-text">{l.text || ' '}</span>
      </div>,
    );
  });
  if (skipped > 0) rows.push(<div key="skip-end" className="kb-diff-skip">{t('kb.versions.unchanged', { count: skipped })}</div>);
  return (
    <div className="kb-diff" data-testid="kb-diff">
      {rows}
    </div>
  );
}
