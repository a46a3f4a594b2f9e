import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodKind } from '../../shared/reports/periods.js';
import type { ExportFormat, ExportKind } from '../../shared/reports/periodReport.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import { useSettingsStore } from '../app/settingsStore.js';
import { saveExport } from './saveExport.js';

interface Props {
  from: string;
  to: string;
  team: string | undefined;
  period: PeriodKind;
}

/** 导出: each report as .xlsx or CSV, made by the core (which records the audit line) and saved by the shell or downloaded. */
export function ExportMenu({ from, to, team, period }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useSettingsStore((s) => s.settings.locale);
  const [busy, setBusy] = useState(false);
  const run = async (kind: ExportKind, format: ExportFormat): Promise<void> => {
    setBusy(true);
    try {
      const made = await call('reports:export', { from, to, kind, format, period, locale, ...(team ? { team } : {}) });
      if (!made.ok) {
        void message.error(t('reports.export.failed', { error: errorText(t, made.error) }));
        return;
      }
      const saved = await saveExport(made.value);
      if (saved.kind === 'failed') void message.error(t('reports.export.failed', { error: errorText(t, saved.error) }));
      else if (saved.kind === 'cancelled') void message.info(t('reports.export.cancelled'));
      else void message.success(t(saved.kind === 'saved' ? 'reports.export.done' : 'reports.export.downloaded', { file: saved.file, rows: made.value.rows }));
    } finally {
      setBusy(false);
    }
  };
  const kinds: ExportKind[] = ['summary', 'agents', 'problems'];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: kinds.map((kind) => ({
          key: kind,
          type: 'group' as const,
          label: t(`reports.export.menu.${kind}`),
          children: (['xlsx', 'csv'] as const).map((format) => ({
            key: `${kind}:${format}`,
            label: <span data-testid={`rp-export-${kind}-${format}`}>{t(`reports.export.${format}`)}</span>,
            onClick: () => void run(kind, format),
          })),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="rp-export">
        {t('reports.export.button')}
      </Button>
    </Dropdown>
  );
}
