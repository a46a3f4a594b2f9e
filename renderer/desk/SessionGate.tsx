import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/messages.js';
import { CoreRestartNotice } from './CoreRestartNotice.js';
import { SignInScreen } from './SignInScreen.js';
import { useSessionStore } from './sessionStore.js';
import './desk.css';

const SESSION_RECHECK_MS = 5_000;

/**
 * Nothing of the app is mounted until somebody is signed in at this desk: the
 * core refuses every channel without a sign-in (NOT_SIGNED_IN), and a shared
 * PC must not show the last agent's screens to the next person.
 */
export function SessionGate({ children }: { children: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const loadError = useSessionStore((s) => s.loadError);
  const load = useSessionStore((s) => s.load);

  useEffect(() => {
    const stop = useSessionStore.getState().start();
    void load();
    // Events pushed while the connection to the core was down are lost, and a restarted core has nobody signed in:
    // a periodic re-read (a small local call) brings the gate back to the truth within seconds either way.
    const timer = window.setInterval(() => void load(), SESSION_RECHECK_MS);
    return () => {
      window.clearInterval(timer);
      stop();
    };
  }, [load]);

  if (!session) {
    return (
      <Flex className="gate" align="center" justify="center" vertical gap={12} data-testid="session-gate">
        {loadError ? (
          <Alert
            type="error"
            showIcon
            title={t('desk.gate.failed', { error: errorText(t, loadError) })}
            action={
              <Button size="small" onClick={() => void load()}>
                {t('common.retry')}
              </Button>
            }
          />
        ) : (
          <>
            <Spin />
            <Typography.Text type="secondary">{t('desk.gate.loading')}</Typography.Text>
          </>
        )}
      </Flex>
    );
  }
  if (!session.agent) {
    return (
      <>
        <CoreRestartNotice />
        <SignInScreen needsSetup={session.needsSetup} />
      </>
    );
  }
  return <>{children}</>;
}
