import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from './sessionStore.js';

/**
 * Said above the sign-in screen after the data service died: the agent was
 * signed out by it, not by anyone else, and nothing saved was lost (or, if
 * it could not be restarted, that the app must be reopened).
 */
export function CoreRestartNotice(): React.JSX.Element | null {
  const { t } = useTranslation();
  const report = useSessionStore((s) => s.coreRestart);
  const dismiss = useSessionStore((s) => s.dismissCoreRestart);
  if (!report) return null;
  return (
    <Alert
      className="core-restart-notice"
      type={report.restarted ? 'warning' : 'error'}
      showIcon
      role="alert"
      data-testid="core-restarted"
      title={report.restarted ? t('desktop.coreRestarted') : t('desktop.coreStopped', { message: report.message })}
      action={
        <Button size="small" onClick={dismiss}>
          {t('desktop.dismiss')}
        </Button>
      }
    />
  );
}
