import { CloudServerOutlined, LoginOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountInputSchema, SignInSchema } from '../../shared/desk/schema.js';
import { fieldIssuesFrom, type AppErrorData, type FieldIssue } from '../../shared/result.js';
import { errorText, issueText } from '../i18n/messages.js';
import { SignInDialog } from '../sync/SignInDialog.js';
import { useSyncStore } from '../sync/syncStore.js';
import { useSessionStore } from './sessionStore.js';
import { clearEditedErrors } from '../app/formErrors.js';
import { ChangePasswordDialog } from '../admin/ChangePasswordDialog.js';
import { usePasswordStore } from '../admin/passwordStore.js';

interface Values {
  username?: string;
  displayName?: string;
  password?: string;
  passwordRepeat?: string;
}
type FieldName = keyof Values;
const FIELDS: readonly FieldName[] = ['username', 'displayName', 'password', 'passwordRepeat'];
const isField = (path: string): path is FieldName => (FIELDS as readonly string[]).includes(path);

/**
 * The whole window while nobody is signed in: the first start of a PC creates
 * the administrator (agent:setup); afterwards a PC account signs in here, or a
 * server account through the sync sign-in dialog (sync:login signs the desk in).
 */
export function SignInScreen({ needsSetup }: { needsSetup: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const openServerSignIn = useSyncStore((s) => s.openSignIn);

  const showIssues = (issues: FieldIssue[], values: Values): void => {
    const byField = new Map<FieldName, string>();
    for (const issue of issues) if (isField(issue.path) && !byField.has(issue.path)) byField.set(issue.path, issueText(t, issue, values[issue.path]));
    form.setFields([...byField].map(([name, text]) => ({ name, errors: [text] })));
    const first = FIELDS.find((f) => byField.has(f));
    if (first) document.getElementById(`desk-sign-in_${first}`)?.focus();
  };

  const submit = async (): Promise<void> => {
    if (busy) return;
    const values = form.getFieldsValue(true) as Values;
    setError(null);
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    const store = useSessionStore.getState();
    if (needsSetup) {
      const parsed = AccountInputSchema.safeParse({ username: values.username ?? '', displayName: values.displayName ?? '', password: values.password ?? '', role: 'admin' });
      if (!parsed.success) return showIssues(fieldIssuesFrom(parsed.error), values);
      if (values.password !== values.passwordRepeat) {
        form.setFields([{ name: 'passwordRepeat', errors: [t('desk.signIn.passwordMismatch')] }]);
        document.getElementById('desk-sign-in_passwordRepeat')?.focus();
        return;
      }
      setBusy(true);
      const r = await store.setup(parsed.data);
      setBusy(false);
      if (!r.ok) {
        setError(r.error);
        if (r.error.fields?.length) showIssues(r.error.fields, values);
      }
      return;
    }
    const parsed = SignInSchema.safeParse({ username: values.username ?? '', password: values.password ?? '' });
    if (!parsed.success) return showIssues(fieldIssuesFrom(parsed.error), values);
    // The password leaves the form before the request goes out, whatever the answer.
    form.setFieldValue('password', '');
    setBusy(true);
    const r = await store.signIn(parsed.data.username, parsed.data.password);
    setBusy(false);
    if (!r.ok) {
      // A reset password (issue 16): the right temporary password leads to choosing a new one, nothing else.
      if (r.error.code === 'PASSWORD_CHANGE_REQUIRED') {
        usePasswordStore.getState().open({ username: parsed.data.username, server: null, forced: true, oldPassword: parsed.data.password });
        return;
      }
      setError(r.error);
      document.getElementById('desk-sign-in_password')?.focus();
    }
  };

  return (
    <Flex className="sign-in-screen" vertical align="center" justify="center" gap={16} data-testid="sign-in-screen" data-mode={needsSetup ? 'setup' : 'sign-in'}>
      <Flex vertical align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
      </Flex>
      <Card style={{ width: 420 }} title={<Typography.Title level={4} style={{ margin: 0 }}>{needsSetup ? t('desk.signIn.setupTitle') : t('desk.signIn.title')}</Typography.Title>}>
        <Typography.Paragraph type="secondary">{needsSetup ? t('desk.signIn.setupIntro') : t('desk.signIn.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" title={t('desk.signIn.failed', { error: errorText(t, error) })} style={{ marginBottom: 12 }} data-testid="desk-sign-in-error" />}
        <Form<Values>
          form={form}
          name="desk-sign-in"
          layout="vertical"
          autoComplete="off"
          requiredMark={false}
          onValuesChange={(changed) => clearEditedErrors(form, changed)}
          onKeyDown={(e) => {
            // Enter submits from any field, but not while an IME is composing a word.
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        >
          <Form.Item name="username" label={t('desk.signIn.username')} extra={needsSetup ? t('desk.signIn.usernameHint') : undefined}>
            <Input autoFocus autoComplete="username" spellCheck={false} data-testid="desk-username" />
          </Form.Item>
          {needsSetup && (
            <Form.Item name="displayName" label={t('desk.signIn.displayName')}>
              <Input data-testid="desk-display-name" />
            </Form.Item>
          )}
          <Form.Item name="password" label={t('desk.signIn.password')} extra={needsSetup ? t('desk.signIn.passwordHint') : undefined}>
            <Input.Password autoComplete={needsSetup ? 'new-password' : 'current-password'} data-testid="desk-password" />
          </Form.Item>
          {needsSetup && (
            <Form.Item name="passwordRepeat" label={t('desk.signIn.passwordRepeat')}>
              <Input.Password autoComplete="new-password" data-testid="desk-password-repeat" />
            </Form.Item>
          )}
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('desk.signIn.hint', { submit: t('keys.submit') })}
            </Typography.Text>
            <Button type="primary" loading={busy} onClick={() => void submit()} icon={needsSetup ? <UserAddOutlined /> : <LoginOutlined />} data-testid="desk-sign-in-submit">
              {needsSetup ? t('desk.signIn.setupSubmit') : t('desk.signIn.submit')}
            </Button>
          </Flex>
        </Form>
        <Divider plain />
        <Flex vertical gap={4}>
          <Button block icon={<CloudServerOutlined />} onClick={openServerSignIn} data-testid="desk-server-sign-in">
            {t('desk.signIn.server')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('desk.signIn.serverHint')}
          </Typography.Text>
        </Flex>
      </Card>
      <SignInDialog />
      <ChangePasswordDialog />
    </Flex>
  );
}
