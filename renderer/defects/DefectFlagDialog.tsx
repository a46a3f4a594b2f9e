import { Form, Input, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { DefectFlagSchema, type DefectDetail } from '../../shared/defects/schema.js';
import { LIMITS, SEVERITIES, type Ticket } from '../../shared/tickets/schema.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { useDialogSubmit } from '../work/useDialogSubmit.js';

interface Values {
  title?: string;
  product?: string;
  version?: string;
  steps?: string;
  severity?: Ticket['severity'];
  trackerRef?: string;
}
const FIELDS = ['title', 'product', 'version', 'steps', 'severity', 'trackerRef'] as const;

/** Flags the ticket as a product defect for development: what, where, how to reproduce, how bad, the tracker's id. */
export function DefectFlagDialog({ ticket, onCancel, onDone }: { ticket: Ticket; onCancel(): void; onDone(d: DefectDetail): void }): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { saving, error, validate, send } = useDialogSubmit(form, FIELDS);

  const submit = async (): Promise<void> => {
    if (saving) return;
    const v = form.getFieldsValue(true);
    const request = {
      ticketId: ticket.id,
      title: v.title ?? '',
      product: v.product ?? '',
      version: v.version ?? '',
      steps: v.steps ?? '',
      severity: v.severity ?? 'normal',
      trackerRef: v.trackerRef && v.trackerRef.trim() ? v.trackerRef : null,
    };
    const valid = validate(DefectFlagSchema, request);
    if (valid) await send('defects:flag', valid, onDone);
  };

  return (
    <SubmitDialog
      title={t('notices.defect.flagTitle')}
      okText={t('notices.defect.submit')}
      width={560}
      saving={saving}
      error={error}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'defect-submit' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'defect-cancel' } as ButtonProps}
      testId="defect-dialog"
      dataTo=""
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ title: ticket.subject, product: ticket.product ?? '', version: '', steps: ticket.stepsTaken ?? '', severity: ticket.severity, trackerRef: '' }}
      >
        <Form.Item name="title" label={t('notices.defect.title')} required>
          <Input autoFocus maxLength={200} data-testid="defect-title" />
        </Form.Item>
        <Form.Item name="product" label={t('notices.defect.product')} required>
          <Input maxLength={LIMITS.product} data-testid="defect-product" />
        </Form.Item>
        <Form.Item name="version" label={t('notices.defect.version')} required>
          <Input maxLength={60} data-testid="defect-version" />
        </Form.Item>
        <Form.Item name="steps" label={t('notices.defect.steps')} required>
          <Input.TextArea rows={3} maxLength={LIMITS.longText} data-testid="defect-steps" />
        </Form.Item>
        <Form.Item name="severity" label={t('notices.defect.severity')} required>
          <Select data-testid="defect-severity" options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name="trackerRef" label={t('notices.defect.trackerRef')} extra={t('notices.defect.trackerHelp')}>
          <Input maxLength={100} data-testid="defect-tracker" />
        </Form.Item>
      </Form>
    </SubmitDialog>
  );
}
