import { Button, Form, Input, Rate, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordFollowUpSchema, type FollowUp } from '../../shared/desk/schema.js';
import { fieldIssuesFrom, type AppErrorData } from '../../shared/result.js';
import { LIMITS } from '../../shared/tickets/schema.js';
import { call } from '../api/client.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { showIssues } from './formIssues.js';

interface Values {
  satisfaction?: number;
  reason?: string;
  note?: string;
}
const FIELDS = ['satisfaction', 'reason', 'note'] as const;

/**
 * The 回访: the customer's satisfaction 1-5 (a 1 or 2 must say why, the
 * supervisor reads it), or "unreachable". Complaint follow-ups are the
 * supervisor's and read the same.
 */
export function FollowUpDialog({ followUp, onCancel, onDone }: { followUp: FollowUp; onCancel(): void; onDone(f: FollowUp): void }): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const satisfaction = Form.useWatch('satisfaction', form);

  const send = async (reached: boolean): Promise<void> => {
    if (saving) return;
    const v = form.getFieldsValue(true);
    const request = {
      id: followUp.id,
      reached,
      ...(reached && v.satisfaction ? { satisfaction: v.satisfaction } : {}),
      ...(reached && v.reason?.trim() ? { reason: v.reason } : {}),
      ...(v.note?.trim() ? { note: v.note } : {}),
    };
    const parsed = RecordFollowUpSchema.safeParse(request);
    if (!parsed.success) {
      showIssues(form, t, fieldIssuesFrom(parsed.error), FIELDS);
      return;
    }
    setSaving(true);
    const result = await call('followUps:record', parsed.data);
    setSaving(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    setError(result.error);
    if (result.error.fields) showIssues(form, t, result.error.fields, FIELDS);
  };

  return (
    <SubmitDialog
      title={t(`work.followUp.title.${followUp.kind}`, { no: followUp.ticketNo, name: followUp.customerName })}
      okText={t('work.followUp.save')}
      width={560}
      saving={saving}
      error={error}
      onSubmit={() => void send(true)}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'follow-up-confirm' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'follow-up-cancel' } as ButtonProps}
      testId="follow-up-dialog"
      dataTo={followUp.kind}
    >
      <Typography.Paragraph style={{ marginTop: 0 }}>
        {followUp.subject}
        {followUp.customerPhone && <Typography.Text copyable style={{ marginInlineStart: 8 }}>{followUp.customerPhone}</Typography.Text>}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="satisfaction" label={t('work.followUp.satisfaction')} required extra={satisfaction ? t(`work.followUp.score.s${satisfaction as 1 | 2 | 3 | 4 | 5}`) : t('work.followUp.satisfactionHelp')}>
          <Rate count={5} autoFocus tooltips={[1, 2, 3, 4, 5].map((n) => t(`work.followUp.score.s${n as 1 | 2 | 3 | 4 | 5}`))} data-testid="follow-up-rate" />
        </Form.Item>
        <Form.Item name="reason" label={t('work.followUp.reason')} required={satisfaction !== undefined && satisfaction <= 2} hidden={!(satisfaction !== undefined && satisfaction > 0 && satisfaction <= 2)}>
          <Input.TextArea rows={2} showCount maxLength={LIMITS.note} data-testid="follow-up-reason" />
        </Form.Item>
        <Form.Item name="note" label={t('work.followUp.note')}>
          <Input.TextArea rows={2} showCount maxLength={LIMITS.note} data-testid="follow-up-note" />
        </Form.Item>
      </Form>
      <Button size="small" danger onClick={() => void send(false)} disabled={saving} data-testid="follow-up-unreachable" style={{ marginBottom: 8 }}>
        {t('work.followUp.unreachable')}
      </Button>
    </SubmitDialog>
  );
}
