import { Form, Input } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIssuesFrom, type AppErrorData, type FieldIssue } from '../../shared/result.js';
import { LIMITS, TicketTransitionSchema, type TicketDetail } from '../../shared/tickets/schema.js';
import { transitionNeedsNote, transitionNeedsResolution, type TicketStatus } from '../../shared/tickets/stateMachine.js';
import { call } from '../api/client.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { isBlank, issueText } from '../i18n/messages.js';
import { clearEditedErrors } from '../app/formErrors.js';

interface Props {
  detail: TicketDetail;
  to: TicketStatus;
  onCancel(): void;
  onDone(detail: TicketDetail): void;
}

interface Values {
  note?: string;
  resolution?: string;
}

export function TransitionDialog({ detail, to, onCancel, onDone }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const { ticket } = detail;
  const needsNote = transitionNeedsNote(ticket.status, to);
  // Resolving always shows the resolution, prefilled with the ticket's current one, editable and required.
  const needsResolution = transitionNeedsResolution(to);
  const prefilled = !isBlank(ticket.resolution);
  const action = t(`transitionAction.${to}`);
  // Each move says what its note is for: closing and reopening are not hand-offs.
  const noteHint =
    to === 'closed'
      ? ticket.status === 'confirmed'
        ? t('ticketwork.close.hintConfirmed')
        : t('ticketwork.close.hintUnconfirmed')
      : to === 'reopened'
        ? t('ticketwork.reopen.hint')
        : needsNote
          ? t('tickets.transition.noteRequired')
          : undefined;

  const showIssues = (issues: FieldIssue[], values: Values): void => {
    const byField = new Map<'note' | 'resolution', string>();
    for (const issue of issues) {
      if ((issue.path === 'note' || issue.path === 'resolution') && !byField.has(issue.path)) byField.set(issue.path, issueText(t, issue, values[issue.path]));
    }
    form.setFields([...byField].map(([name, message]) => ({ name, errors: [message] })));
  };

  const submit = async (): Promise<void> => {
    if (saving) return;
    const values = form.getFieldsValue(true);
    const request: Record<string, unknown> = { id: ticket.id, to };
    if (!isBlank(values.note)) request.note = values.note;
    if (needsResolution) request.resolution = values.resolution ?? '';
    const issues: FieldIssue[] = [];
    const parsed = TicketTransitionSchema.safeParse(request);
    if (needsResolution && isBlank(values.resolution)) issues.push({ path: 'resolution', code: 'too_small', limit: 1, message: '' });
    if (!parsed.success) issues.push(...fieldIssuesFrom(parsed.error));
    // The core enforces the same rule (NOTE_REQUIRED); checking here keeps the agent in the dialog.
    if (needsNote && isBlank(values.note)) issues.push({ path: 'note', code: 'note_required', message: '' });
    if (issues.length > 0 || !parsed.success) {
      showIssues(issues, values);
      return;
    }
    setSaving(true);
    const result = await call('tickets:transition', parsed.data);
    setSaving(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    setError(result.error);
    if (result.error.fields) showIssues(result.error.fields, values);
    if (result.error.code === 'NOTE_REQUIRED') form.setFields([{ name: 'note', errors: [t('issues.note_required')] }]);
    if (result.error.code === 'RESOLUTION_REQUIRED') form.setFields([{ name: 'resolution', errors: [t('errors.RESOLUTION_REQUIRED')] }]);
  };

  return (
    <SubmitDialog
      title={t('tickets.transition.title', { action, no: ticket.no })}
      okText={t('tickets.transition.confirm')}
      width={560}
      saving={saving}
      error={error}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'transition-confirm' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'transition-cancel' } as ButtonProps}
      testId="transition-dialog"
      dataTo={to}
    >
        <Form form={form} name="transition" layout="vertical" requiredMark initialValues={needsResolution && prefilled ? { resolution: ticket.resolution ?? '' } : {}} onValuesChange={(changed) => clearEditedErrors(form, changed)}>
          {needsResolution && (
            <Form.Item name="resolution" label={t('fields.resolution')} required extra={prefilled ? t('ticketwork.resolve.prefilled') : t('ticketwork.resolve.empty')}>
              {/* No counter: its 20,000 limit is never near, and it sat on top of the hint below. */}
              <Input.TextArea autoFocus rows={4} maxLength={LIMITS.longText} aria-label={t('fields.resolution')} data-testid="transition-resolution" />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={needsNote ? t('fields.note') : t('tickets.transition.noteOptional')}
            required={needsNote}
            extra={noteHint}
          >
            <Input.TextArea autoFocus={!needsResolution} rows={3} showCount maxLength={LIMITS.note} aria-label={t('fields.note')} data-testid="transition-note" />
          </Form.Item>
        </Form>
    </SubmitDialog>
  );
}
