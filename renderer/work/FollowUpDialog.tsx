import { Button, Form, Input, Rate, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordFollowUpSchema, type FollowUp } from '../../shared/desk/schema.js';
import { LIMITS } from '../../shared/tickets/schema.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { useDialogSubmit } from './useDialogSubmit.js';

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
  const { saving, error, validate, send: submit, edited } = useDialogSubmit(form, FIELDS);
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
    const valid = validate(RecordFollowUpSchema, request);
    if (valid) await submit('followUps:record', valid, onDone);
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
      <Form form={form} layout="vertical" requiredMark onValuesChange={edited}>
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
