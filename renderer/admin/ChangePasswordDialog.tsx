import { Alert, App, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordSchema } from '../../shared/admin/accounts.js';
import { fieldIssuesFrom, type AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';
import { clearEditedErrors } from '../app/formErrors.js';
import { useSessionStore } from '../desk/sessionStore.js';
import { errorText, issueText } from '../i18n/messages.js';
import { useSyncStore } from '../sync/syncStore.js';
import { usePasswordStore } from './passwordStore.js';

interface Values {
  oldPassword?: string;
  newPassword?: string;
  repeat?: string;
}
const FIELDS = ['oldPassword', 'newPassword', 'repeat'] as const;

/**
 * Changing a password (issue 16 point 1): after an admin's reset (forced: the
 * temporary password was just typed at sign-in, only the new one is asked),
 * or one's own from the user menu (the old password asked). Success signs in.
 */
export function ChangePasswordDialog(): React.JSX.Element | null {
  const request = usePasswordStore((s) => s.request);
  return request ? <PasswordForm key={`${request.username}|${request.server ?? ''}`} /> : null;
}

function PasswordForm(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const request = usePasswordStore((s) => s.request);
  const close = usePasswordStore((s) => s.close);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  if (!request) return null;
  const forced = request.forced && request.oldPassword !== undefined;

  const submit = async (): Promise<void> => {
    if (busy) return;
    const v = form.getFieldsValue(true) as Values;
    setError(null);
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    const parsed = ChangePasswordSchema.safeParse({ username: request.username, oldPassword: forced ? request.oldPassword : (v.oldPassword ?? ''), newPassword: v.newPassword ?? '' });
    if (!parsed.success) {
      const issues = fieldIssuesFrom(parsed.error);
      form.setFields(issues.filter((i) => (FIELDS as readonly string[]).includes(i.path)).map((i) => ({ name: i.path as (typeof FIELDS)[number], errors: [issueText(t, i, v[i.path as keyof Values])] })));
      return;
    }
    if (v.newPassword !== v.repeat) {
      form.setFields([{ name: 'repeat', errors: [t('admin.password.mismatch')] }]);
      return;
    }
    setBusy(true);
    const r = request.server
      ? await call('sync:changePassword', { ...parsed.data, server: request.server })
      : await call('agent:changePassword', parsed.data);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      if (r.error.fields?.length) form.setFields(r.error.fields.filter((i) => (FIELDS as readonly string[]).includes(i.path)).map((i) => ({ name: i.path as (typeof FIELDS)[number], errors: [errorText(t, r.error)] })));
      return;
    }
    form.resetFields();
    if (request.server) {
      useSyncStore.getState().closeSignIn();
    } else if ('agent' in r.value) {
      useSessionStore.getState().apply(r.value);
    }
    close();
    void message.success({ content: <span data-testid="toast-password-changed">{t('admin.password.changed')}</span> });
  };

  return (
    <Modal
      open
      title={forced ? t('admin.password.forcedTitle') : t('admin.password.changeTitle')}
      onCancel={close}
      onOk={() => void submit()}
      okText={forced ? t('admin.password.submit') : t('admin.password.submitOwn')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'password-submit' } as ButtonProps}
      destroyOnHidden
    >
      <div data-testid="password-dialog">
      <Typography.Paragraph type="secondary">{forced ? t('admin.password.forcedIntro', { name: request.username }) : t('admin.password.ownIntro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={t('admin.password.failed', { error: errorText(t, error) })} style={{ marginBottom: 12 }} data-testid="password-error" />}
      <Form<Values>
        form={form}
        name="change-password"
        layout="vertical"
        requiredMark={false}
        onValuesChange={(changed) => clearEditedErrors(form, changed)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          }
        }}
      >
        <Form.Item label={t('admin.password.username')}>
          <Input value={request.username} disabled autoComplete="username" />
        </Form.Item>
        {!forced && (
          <Form.Item name="oldPassword" label={t('admin.password.old')}>
            <Input.Password autoFocus autoComplete="current-password" data-testid="password-old" />
          </Form.Item>
        )}
        <Form.Item name="newPassword" label={t('admin.password.new')} extra={t('admin.password.newHint')}>
          <Input.Password autoFocus={forced} autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item name="repeat" label={t('admin.password.repeat')}>
          <Input.Password autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
      </Form>
      </div>
    </Modal>
  );
}
