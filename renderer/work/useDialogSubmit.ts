import type { FormInstance } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Channel, RequestOf, ValueOf } from '../../shared/contract.js';
import { fieldIssuesFrom, type AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';
import { clearEditedErrors } from '../app/formErrors.js';
import { showIssues } from './formIssues.js';

/**
 * What the work dialogs (hand-off, callback, follow-up) do on submit, once:
 * the request is checked against the contract's schema with each issue
 * under its field, then sent one at a time; a refusal stays in the dialog,
 * in its alert and under the fields it names.
 */
export function useDialogSubmit<V>(
  form: FormInstance<V>,
  fields: readonly string[],
): {
  saving: boolean;
  error: AppErrorData | null;
  /** the valid request, or null with its issues shown under their fields */
  validate<T>(schema: z.ZodType<T>, request: unknown): T | null;
  send<C extends Channel>(channel: C, request: RequestOf<C>, onDone: (value: ValueOf<C>) => void): Promise<void>;
  /** the form's onValuesChange: an edited field loses its error, and the refusal's alert goes with the first edit */
  edited(changed: unknown): void;
} {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const busy = useRef(false);

  const validate = <T>(schema: z.ZodType<T>, request: unknown): T | null => {
    const parsed = schema.safeParse(request);
    if (parsed.success) return parsed.data;
    showIssues(form, t, fieldIssuesFrom(parsed.error), fields);
    return null;
  };

  const send = async <C extends Channel>(channel: C, request: RequestOf<C>, onDone: (value: ValueOf<C>) => void): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    const result = await call(channel, request);
    busy.current = false;
    setSaving(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    setError(result.error);
    if (result.error.fields) showIssues(form, t, result.error.fields, fields);
  };

  const edited = (changed: unknown): void => {
    clearEditedErrors(form, changed);
    setError(null);
  };

  return { saving, error, validate, send, edited };
}
