import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, FieldIssue } from '../../shared/result.js';
import type { TicketDetail } from '../../shared/tickets/schema.js';
import { call } from '../api/client.js';
import { errorText, issueText } from '../i18n/messages.js';
import { formFieldFor, parseChanges, parseCreate, valueAt, type FieldName, type TicketFormValues } from './formModel.js';
import { fieldLabel } from './historyText.js';

export interface FormProblem {
  title: string;
  /** issues that belong to no visible field; shown in the alert rather than dropped */
  details: string[];
}

interface Options {
  form: FormInstance<TicketFormValues>;
  /** absent when creating */
  original?: TicketDetail;
  /** knowledge-base articles used to answer this ticket: sent with a new ticket, recorded with kb:use for an existing one */
  articleIds?: readonly string[];
  /** a new ticket registered during a call: the core links the call to it in the same write */
  callId?: string;
  /** the autosaved draft of this form: the core drops it in the same write as the ticket */
  draftKey?: string;
  onSaved(detail: TicketDetail): void;
}

/**
 * Validates with the shared schemas, sends, and reports. "Saved" is shown only
 * for `{ ok: true }`: the core answers after its journal fsync, so anything
 * else means the ticket is not on disk and the form must keep its content.
 */
export function useTicketFormSave({ form, original, articleIds = [], callId, draftKey, onSaved }: Options): { save(): Promise<void>; saving: boolean; problem: FormProblem | null } {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const showIssues = (issues: FieldIssue[], values: TicketFormValues, title: string): void => {
    const fields = new Map<string, { name: FieldName; errors: string[] }>();
    const details: string[] = [];
    for (const issue of issues) {
      const name = formFieldFor(issue.path, values);
      const text = issueText(t, issue, name ? valueAt(values, name) : undefined);
      if (!name) {
        details.push(issue.path ? `${t('common.labelColon', { label: fieldLabel(t, issue.path) })}${text}` : text);
        continue;
      }
      const key = JSON.stringify(name);
      if (!fields.has(key)) fields.set(key, { name, errors: [text] });
    }
    const entries = [...fields.values()];
    form.setFields(entries as Parameters<FormInstance<TicketFormValues>['setFields']>[0]);
    setProblem({ title, details });
    const first = entries[0];
    if (first) {
      form.scrollToField(first.name, { block: 'center' });
      // focusField needs a ref the custom lookup input does not expose; the id antd derives from the form and field name always works.
      const id = ['ticket', ...(Array.isArray(first.name) ? first.name : [first.name])].join('_');
      document.getElementById(id)?.focus();
    }
  };

  const fail = (error: AppErrorData, values: TicketFormValues): void => {
    const text = errorText(t, error);
    void message.error({ content: <span data-testid="toast-not-saved">{t('tickets.form.notSaved', { error: text })}</span> });
    if (error.fields?.length) showIssues(error.fields, values, text);
    else setProblem({ title: text, details: [] });
  };

  const save = async (): Promise<void> => {
    if (saving) return;
    const values: TicketFormValues = form.getFieldsValue(true);
    setProblem(null);
    let result;
    if (original) {
      const parsed = parseChanges(original.ticket, values);
      if (!parsed.ok) return showIssues(parsed.issues, values, t('tickets.form.fixFields'));
      if (parsed.value === null && articleIds.length === 0) {
        void message.info(t('tickets.form.noChanges'));
        return;
      }
      setSaving(true);
      result = parsed.value === null ? ({ ok: true, value: original } as const) : await call('tickets:update', { id: original.ticket.id, changes: parsed.value });
      if (result.ok && articleIds.length > 0) {
        // The ticket is saved either way; a link that did not record is said, not hidden.
        const ticketId = original.ticket.id;
        const uses = await Promise.all(articleIds.map((articleId) => call('kb:use', { articleId, ticketId })));
        const failed = uses.find((u) => !u.ok);
        if (failed && !failed.ok) void message.error(t('kb.suggest.linkFailed', { error: errorText(t, failed.error) }));
      }
    } else {
      const parsed = parseCreate(values);
      if (!parsed.ok) return showIssues(parsed.issues, values, t('tickets.form.fixFields'));
      setSaving(true);
      result = await call('tickets:create', {
        ...parsed.value,
        ...(articleIds.length > 0 ? { articleIds: [...articleIds] } : {}),
        ...(callId ? { callId } : {}),
        ...(draftKey ? { draftKey } : {}),
      });
    }
    setSaving(false);
    if (!result.ok) return fail(result.error, values);
    void message.success({ content: <span data-testid="toast-saved">{t('tickets.form.saved', { no: result.value.ticket.no })}</span> });
    onSaved(result.value);
  };

  return { save, saving, problem };
}
