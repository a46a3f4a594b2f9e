import type { Customer } from '../../shared/customers/schema.js';
import { call } from '../api/client.js';
import { valuesFromDraft, type TicketFormValues } from './formModel.js';

/**
 * The tickets screen's new-ticket form is autosaved like the console's
 * (drafts:save, per agent): a crash, a reload or a closed window gives the
 * half-typed ticket back. One draft per agent for this form; the console's
 * drafts have their own keys (`call:<id>`, `new`).
 */
export const SCREEN_DRAFT_KEY = 'tickets-screen:new';

export interface ScreenDraftStart {
  values: TicketFormValues;
  customer: Customer | null;
  /** when the restored draft was last saved; null: a fresh form */
  restoredAt: string | null;
}

/** The saved draft of the form, with its customer if they still exist; null when there is none. */
export async function loadScreenDraft(): Promise<ScreenDraftStart | null> {
  const draft = await call('drafts:get', { key: SCREEN_DRAFT_KEY });
  if (!draft.ok || !draft.value) return null;
  const values = valuesFromDraft(draft.value.fields);
  let customer: Customer | null = null;
  if (values.customerId) {
    const c = await call('customers:get', { id: values.customerId });
    if (c.ok) customer = c.value;
    else values.customerId = undefined;
  }
  return { values, customer, restoredAt: draft.value.updatedAt };
}
