import { CloseOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { FormProblemAlert } from '../app/FormProblemAlert.js';
import { App, Button, Card, Divider, Flex, Form, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../shared/customers/schema.js';
import { call } from '../api/client.js';
import { Hint } from '../app/Hint.js';
import dayjs from 'dayjs';
import { useHotkey } from '../hooks/useHotkey.js';
import { errorText } from '../i18n/messages.js';
import { KbArticleDrawer } from '../kb/KbArticleDrawer.js';
import { KbSuggestions, type LinkedArticle } from '../kb/KbSuggestions.js';
import { useKbLinking } from '../kb/useKbLinking.js';
import { CustomerFields } from '../tickets/CustomerFields.js';
import { defaultFormValues, firstEmptyField, valuesFromDraft, type TicketFormValues } from '../tickets/formModel.js';
import { TicketHandlingFields } from '../tickets/TicketHandlingFields.js';
import { useTicketListStore } from '../tickets/ticketListStore.js';
import { TicketProblemFields } from '../tickets/TicketProblemFields.js';
import { useTicketFormSave } from '../tickets/useTicketFormSave.js';
import { useCallStore } from './callStore.js';
import { useConsoleStore, type ConsoleForm } from './consoleStore.js';
import { usePopStore } from './popStore.js';
import { SimilarTickets } from './SimilarTickets.js';
import { useDraftAutosave } from './useDraftAutosave.js';
import { clearEditedErrors } from '../app/formErrors.js';

const SAVE = { code: 'KeyS', ctrl: true };

type Start = { values: TicketFormValues; customer: Customer | null; restored: boolean; linked: LinkedArticle[] };

/** What the form starts from: the saved draft of this key if there is one, else the call's caller. */
async function startValues(spec: ConsoleForm): Promise<Start> {
  const draft = await call('drafts:get', { key: spec.key });
  if (draft.ok && draft.value) {
    const values = valuesFromDraft(draft.value.fields);
    let customer: Customer | null = null;
    if (values.customerId) {
      const c = await call('customers:get', { id: values.customerId });
      if (c.ok) customer = c.value;
      else values.customerId = undefined;
    }
    // the articles the agent had used, by title; one deleted meanwhile is left out
    const linked: LinkedArticle[] = [];
    for (const id of draft.value.fields.articleIds ?? []) {
      const a = await call('kb:get', { id });
      if (a.ok) linked.push({ id, title: a.value.title });
    }
    return { values, customer, restored: true, linked };
  }
  const values = defaultFormValues();
  if (spec.callId) values.channel = 'phone';
  if (spec.customer) {
    const c = spec.customer;
    values.customerId = c.id;
    values.customer = { name: c.name, phone: c.phones[0]?.raw ?? '', organisation: c.organisation ?? '', address: c.address ?? '' };
  } else if (spec.phone) values.customer = { phone: spec.phone };
  return { values, customer: spec.customer ?? null, restored: false, linked: [] };
}

/** The console's ticket form: loads its draft first, so nothing the agent types can be overwritten by it. */
export function ConsoleTicketForm({ spec }: { spec: ConsoleForm }): React.JSX.Element {
  const [start, setStart] = useState<Start | null>(null);
  useEffect(() => {
    let alive = true;
    void startValues(spec).then((s) => {
      if (alive) setStart(s);
    });
    return () => {
      alive = false;
    };
  }, [spec]);
  if (!start) {
    return (
      <Card className="console-form" data-testid="console-form" data-loading>
        <Spin />
      </Card>
    );
  }
  return <LoadedForm spec={spec} start={start} />;
}

function LoadedForm({ spec, start }: { spec: ConsoleForm; start: Start }): React.JSX.Element {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<TicketFormValues>();
  const [picked, setPicked] = useState<Customer | null>(start.customer);
  const [peekId, setPeekId] = useState<string | null>(null);
  const closeForm = useConsoleStore((s) => s.closeForm);
  const callNumber = useCallStore((s) => (spec.callId && s.current?.id === spec.callId ? s.current.number : undefined));
  const number = spec.callId ? (callNumber ?? spec.phone) : undefined;
  // the draft keeps the linked articles too; the ref breaks the cycle (linking marks the draft changed)
  const linkedRef = useRef<readonly LinkedArticle[]>(start.linked);
  const draft = useDraftAutosave(form, spec.key, () => (linkedRef.current.length > 0 ? { articleIds: linkedRef.current.map((l) => l.id) } : {}));
  const kb = useKbLinking(form, undefined, draft.changed, start.linked);
  useEffect(() => {
    linkedRef.current = kb.linked;
  }, [kb.linked]);

  const { save: create, saving, problem } = useTicketFormSave({
    form,
    articleIds: kb.linked.map((l) => l.id),
    ...(spec.callId ? { callId: spec.callId } : {}),
    draftKey: spec.key,
    onSaved: (detail) => {
      // The core dropped the draft with the ticket; saving it again now would bring it back.
      draft.stop();
      closeForm();
      const number = usePopStore.getState().number;
      if (number) void usePopStore.getState().show(number, true);
      void useCallStore.getState().load();
      useConsoleStore.getState().selectTicket(detail.ticket.id);
      void useTicketListStore.getState().load();
    },
  });
  // No draft save may land after the create that drops the draft: held while it runs, resumed if it failed.
  const save = async (): Promise<void> => {
    draft.hold();
    await create();
    draft.release();
  };
  useHotkey(SAVE, () => void save());

  // On opening and on every Ctrl+N: the first empty field that matters (the subject for a known caller, the name for a new one).
  const focusRequest = useConsoleStore((s) => s.focusRequest);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const values = form.getFieldsValue(true) as TicketFormValues;
      form.focusField(firstEmptyField(values, Boolean(values.customerId)));
    }, 0);
    return () => window.clearTimeout(timer);
  }, [form, focusRequest]);

  const discard = (): void => {
    modal.confirm({
      title: t('desk.form.discardConfirm'),
      content: t('desk.form.discardBody'),
      okText: t('desk.form.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        draft.stop();
        const r = await call('drafts:discard', { key: spec.key });
        if (!r.ok) void message.error(t('desk.form.draftFailed', { error: errorText(t, r.error) }));
        closeForm();
      },
    });
  };

  const status = draft.status;
  const saveLabel = t('common.withShortcut', { label: t('desk.form.create'), keys: t('keys.save') });

  return (
    <Flex gap={12} className="console-work" align="flex-start">
      <Card
        className="console-form"
        size="small"
        data-testid="console-form"
        data-draft-key={spec.key}
        title={number ? t('desk.form.titleForCall', { number }) : t('desk.form.title')}
        extra={
          <Flex gap={6} align="center">
            <Typography.Text type={status.kind === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="draft-status" data-status={status.kind}>
              {status.kind === 'saving' && t('desk.form.draftSaving')}
              {status.kind === 'saved' && t('desk.form.draftSaved', { time: dayjs(status.at).format('HH:mm:ss') })}
              {status.kind === 'failed' && t('desk.form.draftFailed', { error: errorText(t, status.error) })}
              {status.kind === 'idle' && start.restored && t('desk.form.draftRestored')}
            </Typography.Text>
            <Hint title={t('desk.form.closeHint')}>
              <Button size="small" type="text" icon={<CloseOutlined />} onClick={() => void draft.flush().then(closeForm)} data-testid="console-form-close">
                {t('desk.form.close')}
              </Button>
            </Hint>
          </Flex>
        }
        actions={[
          <Flex key="actions" justify="space-between" align="center" style={{ paddingInline: 12 }}>
            <Button size="small" danger type="text" icon={<DeleteOutlined />} onClick={discard} data-testid="console-form-discard">
              {t('desk.form.discard')}
            </Button>
            <Hint title={saveLabel}>
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} aria-keyshortcuts="Control+S" data-testid="save-button">
                {t('desk.form.create')} <kbd className="nav-kbd">{t('keys.save')}</kbd>
              </Button>
            </Hint>
          </Flex>,
        ]}
      >
        <Form<TicketFormValues> form={form} layout="vertical" className="ticket-form" initialValues={start.values} onFinish={() => void save()} onValuesChange={(changed) => {
            clearEditedErrors(form, changed);
            draft.changed();
          }} name="ticket" data-testid="ticket-form-body" data-mode="create">
          <FormProblemAlert problem={problem} />
          <Divider titlePlacement="start" plain className="form-section">
            {t('tickets.form.sectionCustomer')}
          </Divider>
          <CustomerFields
            form={form}
            picked={picked}
            onPicked={(customer) => {
              setPicked(customer);
              draft.changed();
            }}
          />
          <Divider titlePlacement="start" plain className="form-section">
            {t('tickets.form.sectionTicket')}
          </Divider>
          <TicketProblemFields />
          <Divider titlePlacement="start" plain className="form-section">
            {t('tickets.form.sectionHandling')}
          </Divider>
          <TicketHandlingFields />
        </Form>
      </Card>
      <Card className="knowledge-panel" size="small" title={t('desk.knowledge.title')} data-testid="knowledge-panel">
        {/* What solved the same problem before comes first: fewer lines, and a resolution that already worked. */}
        <SimilarTickets form={form} onChanged={draft.changed} />
        <KbSuggestions form={form} linked={kb.linked} linkedBefore={kb.linkedBefore} inserting={kb.inserting} onInsert={(hit) => void kb.insert(hit)} onUnlink={kb.unlink} onOpen={setPeekId} />
      </Card>
      <KbArticleDrawer
        id={peekId}
        onClose={() => setPeekId(null)}
        extra={(article) => {
          const used = kb.linked.some((l) => l.id === article.id);
          return (
            <Button size="small" type="primary" loading={kb.inserting === article.id} disabled={used} onClick={() => void kb.insert(article)} data-testid="kb-peek-insert">
              {used ? t('kb.suggest.inserted') : t('kb.suggest.insert')}
            </Button>
          );
        }}
      />
    </Flex>
  );
}
