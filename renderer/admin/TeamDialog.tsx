import { Alert, App, Form, Input, Modal, Select, Switch, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/result.js';
import { TeamSetSchema, type Team } from '../../shared/teams/schema.js';
import { LEADER_ROLES } from '../../shared/teams/rules.js';
import type { DirectoryPerson } from '../../shared/sync/protocol.js';
import { fieldIssuesFrom } from '../../shared/result.js';
import { call } from '../api/client.js';
import { clearEditedErrors } from '../app/formErrors.js';
import { searchable } from '../app/selectSearch.js';
import { errorText } from '../i18n/messages.js';
import { showIssues } from '../work/formIssues.js';

interface Values {
  id?: string;
  name?: string;
  leader?: string | null;
  active?: boolean;
}
const FIELDS = ['id', 'name', 'leader', 'active'] as const;

/** Create a team, or rename it / set its leader / (de)activate it (issue 16 point 1). `team` null: a new one. */
export function TeamDialog({ team, people, onClose, onSaved }: { team: Team | null; people: readonly DirectoryPerson[]; onClose: () => void; onSaved: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const leaders = people.filter((p) => LEADER_ROLES.includes(p.role));

  const save = async (): Promise<void> => {
    if (busy) return;
    const v = form.getFieldsValue(true);
    const parsed = TeamSetSchema.safeParse({ id: v.id ?? '', name: v.name ?? '', leader: v.leader ?? null, active: v.active ?? true });
    if (!parsed.success) {
      showIssues(form, t, fieldIssuesFrom(parsed.error), FIELDS);
      return;
    }
    setBusy(true);
    const r = await call('teams:set', parsed.data);
    setBusy(false);
    if (!r.ok) {
      const path = r.error.fields?.[0]?.path;
      if (path && (FIELDS as readonly string[]).includes(path)) form.setFields([{ name: path as keyof Values, errors: [errorText(t, r.error)] }]);
      else setError(r.error);
      return;
    }
    void message.success(t('teams.teams.saved', { name: r.value.name }));
    onSaved();
    onClose();
  };

  return (
    <Modal
      open
      title={team ? t('teams.teams.editTitle', { name: team.name }) : t('teams.teams.newTitle')}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('teams.teams.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'team-save' } as ButtonProps}
      data-testid="team-dialog"
    >
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} style={{ marginBottom: 8 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={team ? { id: team.id, name: team.name, leader: team.leader, active: team.active } : { active: true }}
        onValuesChange={(changed) => {
          clearEditedErrors(form, changed);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
        }}
      >
        <Form.Item name="id" label={t('teams.teams.id')} extra={t('teams.teams.idHelp')} required htmlFor="team-id">
          <Input id="team-id" maxLength={64} disabled={team !== null} autoFocus={team === null} data-testid="team-id" />
        </Form.Item>
        <Form.Item name="name" label={t('teams.teams.name')} required htmlFor="team-name">
          <Input id="team-name" maxLength={64} autoFocus={team !== null} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="leader" label={t('teams.teams.leader')} htmlFor="team-leader">
          <Select
            {...searchable}
            id="team-leader"
            allowClear
            placeholder={t('teams.teams.leaderPick')}
            options={leaders.map((p) => ({ value: p.username, label: `${p.displayName}（${p.username}）· ${t(`work.role.${p.role}`)}` }))}
            data-testid="team-leader"
          />
        </Form.Item>
        {team !== null && (
          <Form.Item name="active" label={t('teams.teams.active')} valuePropName="checked" htmlFor="team-active">
            <Switch id="team-active" aria-label={t('teams.teams.activeFor', { name: team.name })} data-testid="team-active" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
