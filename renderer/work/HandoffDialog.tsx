import { DatePicker, Form, Input, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { HandoffInputSchema, type HandoffKind } from '../../shared/desk/schema.js';
import { LIMITS, type TicketDetail } from '../../shared/tickets/schema.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { useDialogSubmit } from './useDialogSubmit.js';
import { searchable } from '../app/selectSearch.js';
import type { DirectoryPerson } from '../../shared/sync/protocol.js';
import { useLive } from './useLive.js';
import { useAgentSession } from './useSession.js';
// ---- issue 16 point 1: each team with its leader and its members' skills
import { teamOption } from './pickerOptions.js';

interface Values {
  to?: string;
  ask?: string;
  dueBy?: Dayjs | null;
  scope?: string;
  workOrder?: { appointmentAt?: Dayjs | null; engineer?: string; address?: string };
}

const FIELDS = ['to', 'ask', 'dueBy', 'scope', 'workOrder.appointmentAt', 'workOrder.engineer', 'workOrder.address'] as const;
const iso = (d: Dayjs | null | undefined): string | undefined => (d ? d.toISOString() : undefined);

/** The promised time: the resolution clock when it runs, else four hours (domain.md's 4-hour rule). */
function defaultDue(detail: TicketDetail): Dayjs {
  const due = detail.sla?.resolution.dueAt;
  const d = due ? dayjs(due) : null;
  return d && d.isAfter(dayjs()) ? d : dayjs().add(4, 'hour').startOf('minute');
}

/**
 * The team an escalation most likely goes to: the one other team with second
 * line (a senior) in it. Several such teams, or none: the agent picks.
 */
export function defaultEscalationTeam(people: readonly DirectoryPerson[], myTeam: string | null): string | undefined {
  const withSeniors = [...new Set(people.filter((p) => p.role === 'senior' && p.team && p.team !== myTeam).map((p) => p.team as string))];
  return withSeniors.length === 1 ? withSeniors[0] : undefined;
}

/**
 * Escalate / transfer / dispatch: the hand-off says what is asked, by when and
 * in what scope (domain.md), so second line never calls the customer again;
 * a dispatch carries its work order. The ticket keeps its coordinator.
 */
export function HandoffDialog({ detail, kind, onCancel, onDone }: { detail: TicketDetail; kind: HandoffKind; onCancel(): void; onDone(detail: TicketDetail): void }): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { saving, error, validate, send, edited } = useDialogSubmit(form, FIELDS);
  const { ticket, customer } = detail;
  // A hand-off goes to a team's queue: picked from the teams the accounts belong to, never typed (the core refuses others).
  const directory = useLive('directory:list', {});
  const myTeam = useAgentSession()?.agent?.team ?? null;
  const teams = directory.value?.teams ?? [];

  const submit = async (): Promise<void> => {
    if (saving) return;
    const v = form.getFieldsValue(true);
    const request = {
      ticketId: ticket.id,
      kind,
      to: v.to ?? '',
      ask: v.ask ?? '',
      dueBy: iso(v.dueBy) ?? '',
      scope: v.scope ?? '',
      ...(kind === 'dispatch' ? { workOrder: { appointmentAt: iso(v.workOrder?.appointmentAt) ?? '', engineer: v.workOrder?.engineer ?? '', address: v.workOrder?.address ?? '' } } : {}),
    };
    const valid = validate(HandoffInputSchema, request);
    if (!valid) return;
    if (dayjs(valid.dueBy).isBefore(dayjs())) {
      form.setFields([{ name: 'dueBy', errors: [t('work.issues.due_in_past')] }]);
      return;
    }
    await send('tickets:handoff', valid, onDone);
  };

  const initial: Values = {
    // A transfer's department and the field team differ every time: no default to overwrite.
    ...(kind === 'escalate' ? { to: defaultEscalationTeam(directory.value?.people ?? [], myTeam) } : {}),
    dueBy: defaultDue(detail),
    ...(kind === 'dispatch' ? { workOrder: { address: customer.address ?? '' } } : {}),
  };
  const dateProps = { showTime: { format: 'HH:mm' }, format: 'YYYY-MM-DD HH:mm', style: { width: '100%' } } as const;

  return (
    <SubmitDialog
      title={t(`work.handoff.title.${kind}`, { no: ticket.no })}
      okText={t(`work.handoff.confirm.${kind}`)}
      width={640}
      saving={saving}
      error={error}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'handoff-confirm' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'handoff-cancel' } as ButtonProps}
      testId="handoff-dialog"
      dataTo={kind}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('work.handoff.explain')}
      </Typography.Paragraph>
      {/* Mounted once the teams are known, so the escalation's default team is there from the first render. */}
      {directory.value || directory.error ? (
      <Form form={form} name="handoff" layout="vertical" requiredMark initialValues={initial} onValuesChange={edited}>
        <Form.Item name="to" label={t(`work.handoff.to.${kind}`)} required>
          <Select
            {...searchable}
            placeholder={t('ticketwork.handoff.teamPlaceholder')}
            notFoundContent={t('ticketwork.handoff.noTeam')}
            aria-label={t(`work.handoff.to.${kind}`)}
            data-testid="handoff-to"
            optionLabelProp="name"
            options={(directory.value?.teamList ?? teams.map((id) => ({ id, name: id, leader: null }))).map((team) => ({
              ...teamOption(team, directory.value?.people ?? [], t, team.id === myTeam ? t('ticketwork.handoff.ownTeam') : ''),
              name: team.id === myTeam ? `${team.name}${t('ticketwork.handoff.ownTeam')}` : team.name,
            }))}
          />
        </Form.Item>
        <Form.Item name="ask" label={t('work.handoff.ask')} required extra={t('work.handoff.askHelp')}>
          <Input.TextArea autoFocus rows={3} showCount maxLength={LIMITS.note} data-testid="handoff-ask" />
        </Form.Item>
        <Form.Item name="scope" label={t('work.handoff.scope')} required extra={t('work.handoff.scopeHelp')}>
          <Input.TextArea rows={2} showCount maxLength={LIMITS.note} data-testid="handoff-scope" />
        </Form.Item>
        <Form.Item name="dueBy" label={t('work.handoff.dueBy')} required>
          <DatePicker {...dateProps} data-testid="handoff-due" />
        </Form.Item>
        {kind === 'dispatch' && (
          <fieldset className="work-fieldset">
            <legend>{t('work.workOrder.title')}</legend>
            <Form.Item name={['workOrder', 'appointmentAt']} label={t('work.workOrder.appointmentAt')} required>
              <DatePicker {...dateProps} data-testid="handoff-wo-appointment" />
            </Form.Item>
            <Form.Item name={['workOrder', 'engineer']} label={t('work.workOrder.engineer')} required>
              <Input maxLength={60} data-testid="handoff-wo-engineer" />
            </Form.Item>
            <Form.Item name={['workOrder', 'address']} label={t('work.workOrder.address')} required>
              <Input.TextArea rows={2} maxLength={500} data-testid="handoff-wo-address" />
            </Form.Item>
          </fieldset>
        )}
      </Form>
      ) : null}
    </SubmitDialog>
  );
}
