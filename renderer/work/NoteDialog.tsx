import { Form, Input } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, Result } from '../../shared/result.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { isBlank } from '../i18n/messages.js';
import { workIssueText } from './formIssues.js';
import { clearEditedErrors } from '../app/formErrors.js';

interface Props<T> {
  title: string;
  label: string;
  okText: string;
  maxLength: number;
  /** shown under the field: what the text is for */
  extra?: string;
  /** `data-testid` of the dialog body; the field and buttons get `-text`, `-confirm`, `-cancel` */
  testId: string;
  children?: React.ReactNode;
  submit(text: string): Promise<Result<T>>;
  onCancel(): void;
  onDone(value: T): void;
}

/**
 * One required text, confirmed from the keyboard: an answer to a hand-off, the
 * contact made with the customer, a callback's outcome, a cancel reason. A
 * blank text never reaches the core; a refusal stays in the dialog in words.
 */
export function NoteDialog<T>(p: Props<T>): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  const submit = async (): Promise<void> => {
    if (saving) return;
    const text = (form.getFieldValue('text') as string | undefined) ?? '';
    if (isBlank(text)) {
      form.setFields([{ name: 'text', errors: [t('issues.required')] }]);
      return;
    }
    setSaving(true);
    const result = await p.submit(text.trim());
    setSaving(false);
    if (result.ok) {
      p.onDone(result.value);
      return;
    }
    setError(result.error);
    const issue = result.error.fields?.[0];
    if (issue) form.setFields([{ name: 'text', errors: [workIssueText(t, issue, text)] }]);
  };

  return (
    <SubmitDialog
      title={p.title}
      okText={p.okText}
      width={560}
      saving={saving}
      error={error}
      onSubmit={() => void submit()}
      onCancel={p.onCancel}
      okButtonProps={{ 'data-testid': `${p.testId}-confirm` } as ButtonProps}
      cancelButtonProps={{ 'data-testid': `${p.testId}-cancel` } as ButtonProps}
      testId={p.testId}
      dataTo=""
    >
      {p.children}
      <Form form={form} layout="vertical" requiredMark onValuesChange={(changed) => clearEditedErrors(form, changed)}>
        <Form.Item name="text" label={p.label} required extra={p.extra}>
          <Input.TextArea autoFocus rows={4} showCount maxLength={p.maxLength} data-testid={`${p.testId}-text`} />
        </Form.Item>
      </Form>
    </SubmitDialog>
  );
}
