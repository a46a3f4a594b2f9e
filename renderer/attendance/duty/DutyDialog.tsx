import { Alert, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DutyInputSchema, type DutyEntry } from '../../../shared/attendance/duty.js';
import type { DirectoryPerson } from '../../../shared/sync/protocol.js';
import { fieldIssuesFrom, type AppErrorData, type FieldIssue } from '../../../shared/result.js';
import { call } from '../../api/client.js';
import { searchable } from '../../app/selectSearch.js';
import { errorText, issueText } from '../../i18n/messages.js';

interface Values {
  date: string;
  start: string;
  end: string;
  agentId?: string;
  phone: string;
  backupId?: string | null;
}
const FIELDS = ['date', 'start', 'end', 'agentId', 'phone', 'backupId'] as const;

/** One duty (值班): create, or edit `entry`. Conflicts are answered, never refused: the screen lists them. */
export function DutyDialog({ entry, date, people, onClose, onSaved }: { entry: DutyEntry | null; date: string; people: readonly DirectoryPerson[]; onClose(): void; onSaved(saved: DutyEntry): void }): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const options = people.map((p) => ({ value: p.username, label: p.displayName === p.username ? p.username : `${p.displayName} (${p.username})` }));

  const show = (issues: FieldIssue[], v: Values): void => {
    form.setFields(FIELDS.map((name) => ({ name, errors: issues.filter((i) => i.path === name).map((i) => issueText(t, i, v[name] ?? undefined)) })));
  };

  const save = async (): Promise<void> => {
    if (busy) return;
    const v = form.getFieldsValue(true) as Values;
    setError(null);
    const parsed = DutyInputSchema.safeParse({ ...(entry ? { id: entry.id } : {}), date: v.date, start: v.start, end: v.end, agentId: v.agentId ?? '', phone: v.phone, backupId: v.backupId ?? null });
    if (!parsed.success) return show(fieldIssuesFrom(parsed.error), v);
    setBusy(true);
    const r = await call('duty:set', parsed.data);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      if (r.error.fields) show(r.error.fields, v);
      return;
    }
    onSaved(r.value);
  };

  return (
    <Modal open title={t('admin.duty.formTitle')} onOk={() => void save()} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} okButtonProps={{ 'data-testid': 'duty-save' } as ButtonProps} data-testid="duty-dialog" destroyOnHidden>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} style={{ marginBottom: 8 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={entry ? { ...entry } : { date, start: '22:00', end: '08:30', phone: '', backupId: null }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
        }}
      >
        <Form.Item name="date" label={t('admin.duty.date')} required>
          <Input autoFocus placeholder="YYYY-MM-DD" inputMode="numeric" data-testid="duty-date" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="start" label={t('admin.duty.start')} required style={{ flex: 1 }}>
            <Input placeholder="HH:MM" inputMode="numeric" data-testid="duty-start" />
          </Form.Item>
          <Form.Item name="end" label={t('admin.duty.end')} required extra={t('admin.duty.endHint')} style={{ flex: 1 }}>
            <Input placeholder="HH:MM" inputMode="numeric" data-testid="duty-end" />
          </Form.Item>
        </div>
        <Form.Item name="agentId" label={t('admin.duty.agent')} required>
          <Select {...searchable} options={options} data-testid="duty-agent" aria-label={t('admin.duty.agent')} />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.duty.phone')} required>
          <Input inputMode="tel" maxLength={40} data-testid="duty-phone" />
        </Form.Item>
        <Form.Item name="backupId" label={t('admin.duty.backup')}>
          <Select {...searchable} allowClear options={options} placeholder={t('admin.duty.none')} data-testid="duty-backup" aria-label={t('admin.duty.backup')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
