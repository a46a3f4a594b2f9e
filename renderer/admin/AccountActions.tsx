import { KeyOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Modal, Popconfirm, Select, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../shared/desk/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { call } from '../api/client.js';
import { searchable } from '../app/selectSearch.js';
import { errorText } from '../i18n/messages.js';
import { useLive } from '../work/useLive.js';

/**
 * An admin's actions on one standalone account (issue 16 point 1): reset its
 * password (the temporary one is shown once, here), change its role and team.
 */
export function AccountActions({ account, onChanged }: { account: Account; onChanged: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [temporary, setTemporary] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const reset = async (): Promise<void> => {
    const r = await call('accounts:resetPassword', { username: account.username });
    if (!r.ok) {
      void message.error(errorText(t, r.error));
      return;
    }
    setTemporary(r.value.temporaryPassword);
    onChanged();
  };

  return (
    <Flex gap={4}>
      <Popconfirm title={t('admin.accounts.resetConfirm', { name: account.displayName })} onConfirm={() => void reset()} okText={t('admin.accounts.reset')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'account-reset-confirm' } as ButtonProps}>
        <Button size="small" icon={<KeyOutlined />} data-testid={`account-reset-${account.username}`} aria-label={`${t('admin.accounts.reset')} ${account.displayName}`}>
          {t('admin.accounts.reset')}
        </Button>
      </Popconfirm>
      <Button size="small" icon={<TeamOutlined />} onClick={() => setEditing(true)} data-testid={`account-edit-${account.username}`} aria-label={`${t('admin.accounts.edit')} ${account.displayName}`}>
        {t('admin.accounts.edit')}
      </Button>
      {temporary !== null && (
        <Modal
          open
          title={t('admin.accounts.resetDone', { name: account.displayName })}
          onOk={() => setTemporary(null)}
          onCancel={() => setTemporary(null)}
          cancelButtonProps={{ style: { display: 'none' } }}
          okText={t('common.close')}
          data-testid="account-temp-dialog"
        >
          <Typography.Paragraph type="secondary">{t('admin.accounts.resetShowOnce')}</Typography.Paragraph>
          <Typography.Text code copyable={{ text: temporary, tooltips: [t('admin.accounts.copy'), t('admin.accounts.copied')] }} style={{ fontSize: 20 }} data-testid="account-temp-password">
            {temporary}
          </Typography.Text>
        </Modal>
      )}
      {editing && <RoleTeamDialog account={account} onClose={() => setEditing(false)} onSaved={onChanged} />}
    </Flex>
  );
}

function RoleTeamDialog({ account, onClose, onSaved }: { account: Account; onClose: () => void; onSaved: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [role, setRole] = useState<Role>(account.role);
  const [team, setTeam] = useState(account.team ?? '');
  const teams = useLive('teams:list', {}, { kinds: ['teams'] });
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const r = await call('accounts:update', { username: account.username, role, team: team.trim() === '' ? null : team.trim() });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(t('admin.accounts.saved', { name: account.displayName }));
    onSaved();
    onClose();
  };

  return (
    <Modal open title={t('admin.accounts.editTitle', { name: account.displayName })} onOk={() => void save()} onCancel={onClose} okText={t('admin.accounts.save')} cancelText={t('common.cancel')} confirmLoading={busy} okButtonProps={{ 'data-testid': 'account-edit-save' } as ButtonProps} data-testid="account-edit-dialog">
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} style={{ marginBottom: 8 }} data-testid="account-edit-error" />}
      <Form layout="vertical">
        <Form.Item label={t('work.accounts.role')} htmlFor="account-edit-role">
          <Select {...searchable} id="account-edit-role" value={role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: t(`work.role.${r}`) }))} data-testid="account-edit-role" />
        </Form.Item>
        {/* issue 16: teams are records, picked from the list (new teams are made under Teams & seats) */}
        <Form.Item label={t('work.accounts.team')} htmlFor="account-edit-team">
          <Select
            {...searchable}
            id="account-edit-team"
            allowClear
            value={team === '' ? undefined : team}
            onChange={(v?: string) => setTeam(v ?? '')}
            options={(teams.value ?? []).filter((x) => x.active || x.id === account.team).map((x) => ({ value: x.id, label: x.name === x.id ? x.name : `${x.name}（${x.id}）` }))}
            data-testid="account-edit-team"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
