import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountInputSchema, type Account } from '../../shared/desk/schema.js';
import { fieldIssuesFrom, type AppErrorData } from '../../shared/result.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { showIssues } from '../work/formIssues.js';
import { useLive } from '../work/useLive.js';
import { AccountActions } from './AccountActions.js';
import { searchable } from '../app/selectSearch.js';
import { clearEditedErrors } from '../app/formErrors.js';
// ---- teams, seats and skills (issue 16 point 1): adding an agent asks for team, seat, skills and join date
import { ProfileFields, profileRequest, showProfileError, type ProfileValues } from './ProfileFields.js';
import { ProfileDialog } from './ProfileDialog.js';
import type { AgentProfile } from '../../shared/teams/schema.js';

interface Values extends ProfileValues {
  username?: string;
  displayName?: string;
  password?: string;
  role?: Role;
}
const FIELDS = ['username', 'displayName', 'password', 'role', 'team', 'seat', 'skills', 'joinedOn'] as const;

/** This PC's standalone accounts: add agents, disable one who left (never deleted: the logs name them). */
export function AccountsPanel({ me }: { me: string | null }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const accounts = useLive('accounts:list', {}, {});
  const teams = useLive('teams:list', {}, { kinds: ['teams'] });
  const skills = useLive('skills:list', {}, { kinds: ['teams'] });
  const profiles = useLive('profiles:list', {}, { kinds: ['teams'] });
  const [editingProfile, setEditingProfile] = useState<AgentProfile | null>(null);
  const profileOf = (username: string) => profiles.value?.find((p) => p.agentId.toLowerCase() === username.toLowerCase());
  const skillName = (code: string) => skills.value?.find((x) => x.code === code)?.name ?? code;
  const [form] = Form.useForm<Values>();
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  const create = async (): Promise<void> => {
    if (saving) return;
    const v = form.getFieldsValue(true);
    const profile = profileRequest(v);
    const parsed = AccountInputSchema.safeParse({ username: v.username, displayName: v.displayName, password: v.password, role: v.role, ...(profile.team ? { team: profile.team } : {}) });
    if (!parsed.success) {
      showIssues(form, t, fieldIssuesFrom(parsed.error), FIELDS);
      return;
    }
    setSaving(true);
    // The account and its profile together: a taken seat leaves no half-made account behind.
    const r = await call('profiles:createAgent', { account: parsed.data, profile });
    setSaving(false);
    if (!r.ok) {
      // The refusal is said above the form (announced to a screen reader) and, where it has one, at its field.
      setError(r.error);
      if (r.error.code === 'ACCOUNT_EXISTS') form.setFields([{ name: 'username', errors: [errorText(t, r.error)] }]);
      else showProfileError(form, t, r.error);
      if (r.error.code === 'VALIDATION_FAILED' && r.error.fields) showIssues(form, t, r.error.fields, FIELDS);
      return;
    }
    setError(null);
    form.resetFields();
    setAdding(false);
    void message.success(t('work.accounts.created', { name: r.value.account.displayName }));
    accounts.reload();
    profiles.reload();
  };

  const setDisabled = async (a: Account, disabled: boolean): Promise<void> => {
    const r = await call('accounts:setDisabled', { username: a.username, disabled });
    if (r.ok) accounts.reload();
    else void message.error(errorText(t, r.error));
  };

  return (
    <Card
      size="small"
      title={t('work.accounts.title')}
      data-testid="accounts-panel"
      extra={
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding((x) => !x)} data-testid="account-add">
          {t('work.accounts.add')}
        </Button>
      }
    >
      {accounts.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, accounts.error) })} />}
      {adding && (
        <Form
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{ role: 'agent' }}
          onValuesChange={(changed) => {
            clearEditedErrors(form, changed);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void create();
          }}
          data-testid="account-form"
        >
          {error && <Alert type="error" showIcon title={errorText(t, error)} style={{ marginBottom: 8 }} />}
          <Flex gap={8} wrap="wrap">
            <Form.Item name="username" label={t('work.accounts.username')} required extra={t('work.accounts.usernameHelp')}>
              <Input autoFocus autoComplete="off" style={{ width: 160 }} data-testid="account-username" />
            </Form.Item>
            <Form.Item name="displayName" label={t('work.accounts.displayName')} required>
              <Input maxLength={40} style={{ width: 140 }} data-testid="account-display" />
            </Form.Item>
            <Form.Item name="password" label={t('work.accounts.password')} required extra={t('work.accounts.passwordHelp')}>
              <Input.Password autoComplete="new-password" style={{ width: 160 }} data-testid="account-password" />
            </Form.Item>
            <Form.Item name="role" label={t('work.accounts.role')} required>
              <Select {...searchable} style={{ width: 120 }} options={ROLES.map((r) => ({ value: r, label: t(`work.role.${r}`) }))} data-testid="account-role" />
            </Form.Item>
            <ProfileFields teams={teams.value ?? []} skills={skills.value ?? []} idPrefix="account" />
          </Flex>
          <Button type="primary" size="small" loading={saving} onClick={() => void create()} data-testid="account-create" style={{ marginBottom: 12 }}>
            {t('work.accounts.create')} <kbd className="btn-kbd">{t('keys.confirm')}</kbd>
          </Button>
        </Form>
      )}
      <Table<Account>
        size="small"
        rowKey="username"
        pagination={false}
        dataSource={accounts.value ?? []}
        loading={accounts.loading}
        columns={[
          { key: 'username', title: t('work.accounts.username'), dataIndex: 'username' },
          { key: 'displayName', title: t('work.accounts.displayName'), dataIndex: 'displayName' },
          { key: 'role', title: t('work.accounts.role'), dataIndex: 'role', render: (r: Role) => t(`work.role.${r}`) },
          { key: 'team', title: t('work.accounts.team'), dataIndex: 'team', render: (x: string | null) => x ?? '' },
          // issue 16 point 1: seat and skills beside the account, edited with the profile button
          { key: 'seat', title: t('teams.profiles.seat'), render: (_: unknown, a) => profileOf(a.username)?.seat ?? '' },
          { key: 'skills', title: t('teams.profiles.skills'), render: (_: unknown, a) => <Flex gap={4} wrap="wrap">{(profileOf(a.username)?.skills ?? []).map((c) => <Tag key={c}>{skillName(c)}</Tag>)}</Flex> },
          { key: 'createdAt', title: t('work.accounts.createdAt'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
          {
            key: 'enabled',
            title: t('work.accounts.enabled'),
            render: (_: unknown, a) => (
              <Flex gap={6} align="center">
                {/* An admin cannot lock themselves out of the PC from here. */}
                <Switch size="small" checked={!a.disabled} disabled={a.username === me} onChange={(on) => void setDisabled(a, !on)} aria-label={t('work.accounts.enabledFor', { name: a.displayName })} />
                {a.disabled && <Tag>{t('work.accounts.disabled')}</Tag>}
                {a.mustChangePassword && <Tag color="orange" data-testid={`account-must-change-${a.username}`}>{t('admin.accounts.mustChange')}</Tag>}
              </Flex>
            ),
          },
          // issue 16 point 1: reset a password, change role and team (never one's own account from here)
          {
            key: 'actions',
            title: '',
            render: (_: unknown, a) => (
              <Flex gap={4}>
                {a.username === me ? null : <AccountActions account={a} onChanged={accounts.reload} />}
                {profileOf(a.username) && (
                  <Button size="small" onClick={() => setEditingProfile(profileOf(a.username) ?? null)} aria-label={`${t('teams.profiles.edit')} ${a.displayName}`} data-testid={`account-profile-${a.username}`}>
                    {t('teams.profiles.edit')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {editingProfile && (
        <ProfileDialog
          profile={editingProfile}
          teams={teams.value ?? []}
          skills={skills.value ?? []}
          onClose={() => setEditingProfile(null)}
          onSaved={() => {
            profiles.reload();
            accounts.reload();
          }}
        />
      )}
    </Card>
  );
}
