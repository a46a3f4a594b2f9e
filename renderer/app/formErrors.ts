import type { FormInstance } from 'antd';

export type NamePath = (string | number)[];

/** Whether `changed` (antd's onValuesChange first argument: only the edited path is set) holds a value at `name`. */
export function changedAt(changed: unknown, name: readonly (string | number)[]): boolean {
  let cur: unknown = changed;
  for (const key of name) {
    if (cur === null || typeof cur !== 'object' || !(key in cur)) return false;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return true;
}

/**
 * The fields whose error must go because the agent just edited them. An error
 * set on save (the whole-form zod check, a refusal from the core) is not a
 * rule antd re-runs on typing, so without this it stays under a field that is
 * already correct. A field with rules is validated again right after (antd
 * runs its rules after onValuesChange), so a still-wrong value gets its
 * message back at once.
 */
export function editedFieldsWithErrors(fields: readonly { name: readonly (string | number)[]; errors: readonly string[] }[], changed: unknown): NamePath[] {
  return fields.filter((f) => f.errors.length > 0 && changedAt(changed, f.name)).map((f) => [...f.name]);
}

/** The form's onValuesChange: clears the errors of the fields just edited (see editedFieldsWithErrors). */
export function clearEditedErrors<V>(form: FormInstance<V>, changed: unknown): void {
  const names = editedFieldsWithErrors(form.getFieldsError(), changed);
  if (names.length) form.setFields(names.map((name) => ({ name, errors: [] })) as unknown as Parameters<FormInstance<V>['setFields']>[0]);
}
