import { DatePicker, Form, Input } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CallbackInputSchema, type Callback } from '../../shared/desk/schema.js';
import { LIMITS } from '../../shared/tickets/schema.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { useDialogSubmit } from './useDialogSubmit.js';

interface Values {
  phone?: string;
  dueAt?: Dayjs | null;
  note?: string;
}
const FIELDS = ['phone', 'dueAt', 'note'] as const;

interface Props {
  customerId: string;
  ticketId?: string;
  ticketNo?: string;
  customerName: string;
  phone: string | null;
  onCancel(): void;
  onDone(callback: Callback): void;
}

/** A promise to call the customer back: when, on which number, about what. */
export function ScheduleCallbackDialog(p: Props): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { saving, error, validate, send, edited } = useDialogSubmit(form, FIELDS);

  const submit = async (): Promise<void> => {
    if (saving) return;
    const v = form.getFieldsValue(true);
    const request = {
      customerId: p.customerId,
      ...(p.ticketId ? { ticketId: p.ticketId } : {}),
      phone: v.phone ?? '',
      dueAt: v.dueAt ? v.dueAt.toISOString() : '',
      ...(v.note && v.note.trim() ? { note: v.note } : {}),
    };
    const valid = validate(CallbackInputSchema, request);
    if (valid) await send('callbacks:schedule', valid, p.onDone);
  };

  return (
    <SubmitDialog
      title={p.ticketNo ? t('work.callback.scheduleTitleTicket', { no: p.ticketNo, name: p.customerName }) : t('work.callback.scheduleTitle', { name: p.customerName })}
      okText={t('work.callback.scheduleOk')}
      width={520}
      saving={saving}
      error={error}
      onSubmit={() => void submit()}
      onCancel={p.onCancel}
      okButtonProps={{ 'data-testid': 'callback-confirm' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'callback-cancel' } as ButtonProps}
      testId="callback-dialog"
      dataTo=""
    >
      <Form form={form} layout="vertical" requiredMark onValuesChange={edited} initialValues={{ phone: p.phone ?? '', dueAt: dayjs().add(1, 'hour').startOf('minute') }}>
        <Form.Item name="dueAt" label={t('work.callback.dueAt')} required>
          <DatePicker autoFocus showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="callback-due" />
        </Form.Item>
        <Form.Item name="phone" label={t('work.callback.phone')} required>
          <Input maxLength={40} inputMode="tel" data-testid="callback-phone" />
        </Form.Item>
        <Form.Item name="note" label={t('work.callback.note')}>
          <Input.TextArea rows={3} showCount maxLength={LIMITS.note} data-testid="callback-note" />
        </Form.Item>
      </Form>
    </SubmitDialog>
  );
}
