import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, InputNumber, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityConfig } from '../../shared/reports/quality.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';

/** The admin's checklist editor: items (code, Chinese and English names) and the weekly sample size. */
function ChecklistDialogBody({ open, config, onClose }: { open: boolean; config: QualityConfig | null; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<QualityConfig | null>(config);
  const save = async (): Promise<void> => {
    if (!draft) return;
    const result = await call('quality:setConfig', draft);
    if (!result.ok) {
      const field = result.error.fields?.[0];
      void message.error(t('reports.quality.config.failed', { error: field ? `${field.path}: ${errorText(t, result.error)}` : errorText(t, result.error) }));
      return;
    }
    void message.success(t('reports.quality.config.saved'));
    onClose();
  };
  const setItem = (i: number, patch: Partial<QualityConfig['items'][number]>): void => setDraft((d) => (d ? { ...d, items: d.items.map((x, j) => (j === i ? { ...x, ...patch } : x)) } : d));
  return (
    <Modal open={open} onCancel={onClose} onOk={() => void save()} okText={t('reports.quality.config.save')} title={t('reports.quality.config.title')} width={640} data-testid="qa-checklist-dialog">
      {draft && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <label className="qa-field">
            <span>{t('reports.quality.config.sampleSize')}</span>
            <InputNumber min={1} max={50} value={draft.sampleSize} onChange={(v) => setDraft({ ...draft, sampleSize: typeof v === 'number' ? v : draft.sampleSize })} aria-label={t('reports.quality.config.sampleSize')} />
          </label>
          {draft.items.map((item, i) => (
            <Space key={i} className="qa-item-row">
              <Input value={item.id} onChange={(e) => setItem(i, { id: e.target.value })} aria-label={t('reports.quality.config.id')} placeholder={t('reports.quality.config.id')} style={{ width: 150 }} />
              <Input value={item.zh} onChange={(e) => setItem(i, { zh: e.target.value })} aria-label={t('reports.quality.config.zh')} placeholder={t('reports.quality.config.zh')} />
              <Input value={item.en} onChange={(e) => setItem(i, { en: e.target.value })} aria-label={t('reports.quality.config.en')} placeholder={t('reports.quality.config.en')} />
              <Button icon={<DeleteOutlined />} aria-label={t('reports.quality.config.remove')} disabled={draft.items.length <= 1} onClick={() => setDraft({ ...draft, items: draft.items.filter((_, j) => j !== i) })} />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => setDraft({ ...draft, items: [...draft.items, { id: `item_${draft.items.length + 1}`, zh: '', en: '' }] })}>
            {t('reports.quality.config.add')}
          </Button>
        </Space>
      )}
    </Modal>
  );
}

/** Each opening starts from the checklist in force. */
export function ChecklistDialog(props: { open: boolean; config: QualityConfig | null; onClose(): void }): React.JSX.Element {
  return <ChecklistDialogBody key={`${String(props.open)}:${props.config ? 'loaded' : 'loading'}`} {...props} />;
}
