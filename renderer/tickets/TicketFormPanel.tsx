import { Alert, Button, Divider, Drawer, Flex, Form, Typography } from 'antd';
import dayjs from 'dayjs';
import { FormProblemAlert } from '../app/FormProblemAlert.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../shared/customers/schema.js';
import type { TicketDetail } from '../../shared/tickets/schema.js';
import { useDiscardGuard } from '../hooks/useDiscardGuard.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { KbArticleDrawer } from '../kb/KbArticleDrawer.js';
import { KbSuggestions } from '../kb/KbSuggestions.js';
import { useKbLinking } from '../kb/useKbLinking.js';
import { CustomerEditField } from './CustomerEditField.js';
import { CustomerFields } from './CustomerFields.js';
import { defaultFormValues, firstEmptyField, formValuesFromTicket, type TicketFormValues } from './formModel.js';
import { TicketHandlingFields } from './TicketHandlingFields.js';
import { useTicketListStore } from './ticketListStore.js';
import { TicketProblemFields } from './TicketProblemFields.js';
import { useTicketFormSave } from './useTicketFormSave.js';
import { useTicketUiStore, type FormState } from './ticketUiStore.js';
import { Hint } from '../app/Hint.js';
import { clearEditedErrors } from '../app/formErrors.js';
import { call } from '../api/client.js';
import { useCallStore } from '../desk/callStore.js';
import { useDraftAutosave } from '../desk/useDraftAutosave.js';
import { errorText } from '../i18n/messages.js';
import { SCREEN_DRAFT_KEY, type ScreenDraftStart } from './screenDraft.js';

const SAVE = { code: 'KeyS', ctrl: true };

/** Mounted per opening, so every new ticket starts from a fresh form with the defaults. */
export function TicketFormPanel({ state, draft: restored = null }: { state: NonNullable<FormState>; draft?: ScreenDraftStart | null }): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<TicketFormValues>();
  const closeForm = useTicketUiStore((s) => s.closeForm);
  const original: TicketDetail | undefined = state.mode === 'edit' ? state.detail : undefined;
  const [picked, setPicked] = useState<Customer | null>(original?.customer ?? restored?.customer ?? null);
  // A new ticket is autosaved as the agent's draft (an edit is not: the ticket itself is the record).
  const draft = useDraftAutosave(form, SCREEN_DRAFT_KEY);
  // The call on the line when the form is saved is linked to the new ticket, as in the console.
  const liveCall = useCallStore((s) => s.current);
  const linkCall = !original && liveCall && liveCall.status !== 'ringing' ? liveCall : null;
  const discardDraft = (): void => {
    draft.stop();
    void call('drafts:discard', { key: SCREEN_DRAFT_KEY });
  };
  // antd's isFieldsTouched() forgets fields that unmount (the customer inputs after a pick), so dirtiness is tracked here.
  // Discarding the form discards its draft; a crash or reload keeps it.
  const { markDirty: markFormDirty, requestClose } = useDiscardGuard({
    close: () => {
      if (!original) discardDraft();
      closeForm();
    },
    isBusy: () => saving,
    body: t('common.discardBody'),
    testId: 'discard-confirm',
  });
  const markDirty = (): void => {
    markFormDirty();
    if (!original) draft.changed();
  };
  const kb = useKbLinking(form, original?.ticket.id, () => {
    markDirty();
  });
  const [peekId, setPeekId] = useState<string | null>(null);

  // The panel unmounts instead of animating closed, so antd cannot hand focus back; do it here (e.g. to the detail's Edit button).
  // After a new ticket is saved its detail opens and takes focus instead.
  const restoreFocus = useRef(true);
  useEffect(() => {
    const before = document.activeElement;
    return () => {
      if (restoreFocus.current && before instanceof HTMLElement && before.isConnected) window.setTimeout(() => before.focus(), 0);
    };
  }, []);

  const { save: saveTicket, saving, problem } = useTicketFormSave({
    form,
    original,
    articleIds: kb.linked.map((l) => l.id),
    ...(original ? {} : { draftKey: SCREEN_DRAFT_KEY }),
    ...(linkCall ? { callId: linkCall.id } : {}),
    onSaved: (detail) => {
      // The core dropped the draft with the new ticket; saving it again now would bring it back.
      if (!original) draft.stop();
      if (!original) restoreFocus.current = false;
      closeForm();
      const ui = useTicketUiStore.getState();
      if (original) ui.bumpDetail();
      else ui.openDetail(detail.ticket.id);
      void useTicketListStore.getState().load();
    },
  });

  // No draft save may land after the create that drops the draft: held while it runs, resumed if it failed.
  const save = async (): Promise<void> => {
    draft.hold();
    await saveTicket();
    draft.release();
  };
  useHotkey(SAVE, () => void save());

  // A new ticket starts in its first empty field (the phone for a new caller); an edit leaves the cursor to the agent.
  useEffect(() => {
    if (original) return;
    const timer = window.setTimeout(() => form.focusField(firstEmptyField(form.getFieldsValue(true) as TicketFormValues, false)), 0);
    return () => window.clearTimeout(timer);
  }, [form, original]);

  const title = original ? t('tickets.form.editTitle', { no: original.ticket.no }) : t('tickets.form.createTitle');
  const saveLabel = t('common.withShortcut', { label: t('common.save'), keys: t('keys.save') });
  const cancelLabel = t('common.withShortcut', { label: t('common.cancel'), keys: t('keys.close') });

  return (
    <Drawer
      open
      title={title}
      size={760}
      onClose={requestClose}
      mask={{ closable: false }}
      // An article read beside the form (left) must not shove the form aside.
      push={false}
      closable={{ 'aria-label': t('common.close') }}
      data-testid="ticket-form"
      rootClassName="ticket-form-drawer below-header"
      styles={{ body: { paddingBlock: 8 } }}
      footer={
        <Flex justify="space-between" align="center">
          <Flex vertical>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tickets.form.hint', { save: t('keys.save'), close: t('keys.close') })}
            </Typography.Text>
            {!original && (
              <Typography.Text type={draft.status.kind === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="screen-draft-status" data-status={draft.status.kind}>
                {draft.status.kind === 'saved' && t('ticketwork.draft.saved', { at: dayjs(draft.status.at).format('HH:mm:ss') })}
                {draft.status.kind === 'saving' && t('desk.form.draftSaving')}
                {draft.status.kind === 'failed' && t('desk.form.draftFailed', { error: errorText(t, draft.status.error) })}
                {draft.status.kind === 'idle' && restored?.restoredAt && t('ticketwork.draft.restored', { at: dayjs(restored.restoredAt).format('HH:mm') })}
              </Typography.Text>
            )}
          </Flex>
          <Flex gap={8}>
            <Hint title={cancelLabel}>
              <Button onClick={requestClose} data-testid="cancel-button">
                {t('common.cancel')}
              </Button>
            </Hint>
            <Hint title={saveLabel}>
              <Button type="primary" loading={saving} onClick={() => void save()} aria-keyshortcuts="Control+S" data-testid="save-button">
                {t('common.save')}
              </Button>
            </Hint>
          </Flex>
        </Flex>
      }
    >
      <Form<TicketFormValues>
        form={form}
        layout="vertical"
        className="ticket-form"
        initialValues={original ? formValuesFromTicket(original) : (restored?.values ?? defaultFormValues())}
        onFinish={() => void save()}
        onValuesChange={(changed) => {
          clearEditedErrors(form, changed);
          markDirty();
        }}
        name="ticket"
        data-testid="ticket-form-body"
        data-mode={state.mode}
      >
        <FormProblemAlert problem={problem} />
        {linkCall && <Alert type="info" showIcon title={t('ticketwork.draft.linkedCall', { number: linkCall.number })} style={{ marginBottom: 8 }} data-testid="form-linked-call" />}
        <Divider titlePlacement="start" plain className="form-section">
          {t('tickets.form.sectionCustomer')}
        </Divider>
        {original && picked ? (
          <CustomerEditField
            form={form}
            customer={picked}
            onPicked={(customer) => {
              markDirty();
              setPicked(customer);
            }}
          />
        ) : (
          <CustomerFields
            form={form}
            picked={picked}
            onPicked={(customer) => {
              markDirty();
              setPicked(customer);
            }}
          />
        )}
        <Divider titlePlacement="start" plain className="form-section">
          {t('tickets.form.sectionTicket')}
        </Divider>
        <TicketProblemFields />
        <KbSuggestions form={form} linked={kb.linked} linkedBefore={kb.linkedBefore} inserting={kb.inserting} onInsert={(hit) => void kb.insert(hit)} onUnlink={kb.unlink} onOpen={setPeekId} />
        <Divider titlePlacement="start" plain className="form-section">
          {t('tickets.form.sectionHandling')}
        </Divider>
        <TicketHandlingFields />
      </Form>
      <KbArticleDrawer
        id={peekId}
        onClose={() => setPeekId(null)}
        extra={(article) => {
          const used = kb.linkedBefore.has(article.id) || kb.linked.some((l) => l.id === article.id);
          return (
            <Button size="small" type="primary" loading={kb.inserting === article.id} disabled={used} onClick={() => void kb.insert(article)} data-testid="kb-peek-insert">
              {used ? t('kb.suggest.inserted') : t('kb.suggest.insert')}
            </Button>
          );
        }}
      />
    </Drawer>
  );
}
