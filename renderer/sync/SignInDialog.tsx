import { Alert, App, Checkbox, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps, InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIssuesFrom, type AppErrorData, type FieldIssue } from '../../shared/result.js';
import { sendsPasswordInClear, SyncLoginRequestSchema } from '../../shared/sync/status.js';
import type { TFunction } from 'i18next';
import zhCN from '../i18n/locales/zh-CN.js';
import { errorText, issueText } from '../i18n/messages.js';
import { useSyncStore } from './syncStore.js';
import { clearEditedErrors } from '../app/formErrors.js';
import { usePasswordStore } from '../admin/passwordStore.js';

type FieldName = 'server' | 'username' | 'password';
const FIELDS: readonly FieldName[] = ['server', 'username', 'password'];
const isFieldName = (path: string): path is FieldName => (FIELDS as readonly string[]).includes(path);

interface Values {
  server?: string;
  username?: string;
  password?: string;
}

const has = <K extends string>(table: Record<K, string>, key: string): key is K => Object.prototype.hasOwnProperty.call(table, key);

/** A failed sign-in in sign-in words ("wrong password", "check the address"), not the background sync's ("saved on this PC"). */
function signInErrorText(t: TFunction, error: AppErrorData): string {
  return has(zhCN.sync.signInDialog.errors, error.code) ? t(`sync.signInDialog.errors.${error.code}`) : errorText(t, error);
}

/** Mounted only while open, so nothing typed (the password least of all) outlives the dialog. */
export function SignInDialog(): React.JSX.Element | null {
  const open = useSyncStore((s) => s.signInOpen);
  return open ? <SignInForm /> : null;
}

function SignInForm(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const close = useSyncStore((s) => s.closeSignIn);
  const signIn = useSyncStore((s) => s.signIn);
  const known = useSyncStore((s) => s.status);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const passwordRef = useRef<InputRef>(null);
  // A plain http:// address of another machine: warned about, and sent to only once the agent says so.
  const server = Form.useWatch('server', form) as string | undefined;
  const inClear = sendsPasswordInClear(server ?? '');
  const [acceptClear, setAcceptClear] = useState(false);
  const [clearUnconfirmed, setClearUnconfirmed] = useState(false);
  const firstEmpty = known?.server ? (known.user ? 'password' : 'username') : 'server';

  // Signing in again after an expiry: the address and account are known, only the password is asked for.
  const initialValues: Values = { server: known?.server ?? '', username: known?.user?.username ?? '' };

  useEffect(() => {
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before.isConnected) window.setTimeout(() => before.focus(), 0);
    };
  }, []);

  const showIssues = (issues: FieldIssue[], values: Values): void => {
    const byField = new Map<FieldName, string>();
    for (const issue of issues) {
      if (!isFieldName(issue.path) || byField.has(issue.path)) continue;
      // zod says `invalid_format` for "not a URL at all" and our rule says `invalid_url` for the wrong scheme; the agent needs one message for both.
      const code = issue.path === 'server' && issue.code === 'invalid_format' ? 'invalid_url' : issue.code;
      byField.set(issue.path, issueText(t, { ...issue, code }, values[issue.path]));
    }
    form.setFields([...byField].map(([name, text]) => ({ name, errors: [text] })));
    const first = FIELDS.find((f) => byField.has(f));
    if (first) form.getFieldInstance(first)?.focus?.();
  };

  const submit = async (): Promise<void> => {
    if (saving) return;
    const values = form.getFieldsValue(true) as Values;
    setError(null);
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    const parsed = SyncLoginRequestSchema.safeParse({ server: values.server ?? '', username: values.username ?? '', password: values.password ?? '' });
    if (!parsed.success) {
      showIssues(fieldIssuesFrom(parsed.error), values);
      return;
    }
    if (sendsPasswordInClear(parsed.data.server) && !acceptClear) {
      // Nothing is sent: the password stays in the form until the agent decides.
      setClearUnconfirmed(true);
      form.setFields([{ name: 'server', errors: [t('sync.signInDialog.insecure.required')] }]);
      return;
    }
    // The password is not kept after a submit, whatever the answer: it leaves the form's store before the request goes out.
    form.setFieldValue('password', '');
    setSaving(true);
    const result = await signIn(parsed.data);
    setSaving(false);
    if (result.ok) {
      void message.success({ content: <span data-testid="toast-signed-in">{t('sync.signedIn')}</span> });
      return;
    }
    // A reset password (issue 16): the server signs nobody in until a new one is chosen.
    if (result.error.code === 'PASSWORD_CHANGE_REQUIRED') {
      usePasswordStore.getState().open({ username: parsed.data.username, server: parsed.data.server, forced: true, oldPassword: parsed.data.password });
      useSyncStore.getState().closeSignIn();
      return;
    }
    setError(result.error);
    if (result.error.fields?.length) showIssues(result.error.fields, values);
    if (result.error.code === 'SYNC_AUTH_FAILED') {
      form.setFields([{ name: 'password', errors: [signInErrorText(t, result.error)] }]);
      passwordRef.current?.focus();
    }
  };

  return (
    <Modal
      open
      title={t('sync.signInDialog.title')}
      okText={t('sync.signInDialog.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={close}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'sign-in-submit' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'sign-in-cancel' } as ButtonProps}
      mask={{ closable: false }}
      width={440}
    >
      <div data-testid="sign-in-dialog">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 10 }}>
          {t('sync.signInDialog.intro')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={t('sync.signInDialog.failed', { error: signInErrorText(t, error) })} style={{ marginBottom: 10 }} data-testid="sign-in-error" />}
        <Form
          form={form}
          name="signIn"
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={(changed) => clearEditedErrors(form, changed)}
          onKeyDown={(e) => {
            // Enter submits from any field; not while an IME is composing (Enter then confirms the Chinese word).
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
          autoComplete="off"
        >
          <Form.Item name="server" label={t('sync.signInDialog.server')} required>
            <Input
              autoFocus={firstEmpty === 'server'}
              placeholder={t('sync.signInDialog.serverPlaceholder')}
              inputMode="url"
              spellCheck={false}
              data-testid="sign-in-server"
            />
          </Form.Item>
          <Form.Item name="username" label={t('sync.signInDialog.username')} required>
            <Input autoFocus={firstEmpty === 'username'} autoComplete="username" spellCheck={false} data-testid="sign-in-username" />
          </Form.Item>
          <Form.Item name="password" label={t('sync.signInDialog.password')} required>
            <Input.Password ref={passwordRef} autoFocus={firstEmpty === 'password'} autoComplete="current-password" data-testid="sign-in-password" />
          </Form.Item>
        </Form>
        {inClear && (
          <Alert
            type={clearUnconfirmed && !acceptClear ? 'error' : 'warning'}
            showIcon
            title={t('sync.signInDialog.insecure.title')}
            description={
              <>
                <div style={{ marginBottom: 6 }}>{t('sync.signInDialog.insecure.body')}</div>
                <Checkbox
                  checked={acceptClear}
                  onChange={(e) => {
                    setAcceptClear(e.target.checked);
                    if (e.target.checked) form.setFields([{ name: 'server', errors: [] }]);
                  }}
                  data-testid="sign-in-insecure-accept"
                >
                  {t('sync.signInDialog.insecure.confirm')}
                </Checkbox>
              </>
            }
            style={{ marginBottom: 10 }}
            data-testid="sign-in-insecure"
          />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sync.signInDialog.hint', { submit: t('keys.submit'), close: t('keys.close') })}
        </Typography.Text>
      </div>
    </Modal>
  );
}
