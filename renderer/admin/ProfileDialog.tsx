import { Alert, App, Flex, Form, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/result.js';
import type { AgentProfile, Skill, Team } from '../../shared/teams/schema.js';
import { call } from '../api/client.js';
import { clearEditedErrors } from '../app/formErrors.js';
import { errorText } from '../i18n/messages.js';
import { ProfileFields, profileInitial, profileRequest, showProfileError, type ProfileValues } from './ProfileFields.js';

/** An admin edits an agent's team, seat, skills and join date (issue 16 point 1). */
export function ProfileDialog({ profile, teams, skills, onClose, onSaved }: { profile: AgentProfile; teams: readonly Team[]; skills: readonly Skill[]; onClose: () => void; onSaved: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const r = await call('profiles:set', { agentId: profile.agentId, ...profileRequest(form.getFieldsValue(true)) });
    setBusy(false);
    if (!r.ok) {
      if (!showProfileError(form, t, r.error)) setError(r.error);
      return;
    }
    void message.success(t('teams.profiles.saved', { name: profile.displayName }));
    onSaved();
    onClose();
  };

  return (
    <Modal
      open
      title={t('teams.profiles.editTitle', { name: profile.displayName })}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('teams.profiles.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={620}
      okButtonProps={{ 'data-testid': 'profile-save' } as ButtonProps}
      data-testid="profile-dialog"
    >
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} style={{ marginBottom: 8 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={profileInitial(profile)}
        onValuesChange={(changed) => {
          clearEditedErrors(form, changed);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
        }}
      >
        <Flex gap={12} wrap="wrap">
          <ProfileFields teams={teams} skills={skills} idPrefix="profile" />
        </Flex>
      </Form>
    </Modal>
  );
}
