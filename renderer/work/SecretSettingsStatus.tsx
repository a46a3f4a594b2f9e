import { Alert, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/result.js';
import { errorText } from '../i18n/messages.js';

/** What an admin panel for a connection with a write-only secret shows (the phone connector's token, the softphone's password). */
export interface SecretStatusLabels {
  state: string;
  on: string;
  off: string;
  secret: string;
  secretSet: string;
  secretNotSet: string;
  /** the secret is kept in memory only (no safe store on this PC) */
  memoryOnly: string;
}

/**
 * The status block of such a panel: a load error, whether the connection is
 * configured, whether its secret is set (never the secret itself) and
 * whether it survives a restart, and a refusal that names no field.
 */
export function SecretSettingsStatus(props: {
  loadError: AppErrorData | null;
  info: { configured: boolean; secretSet: boolean; secretPersisted: boolean } | null;
  error: AppErrorData | null;
  labels: SecretStatusLabels;
  /** data-testids of the state tag, the secret tag and the refusal */
  testIds: { state: string; secret: string; error: string };
}): React.JSX.Element {
  const { t } = useTranslation();
  const { loadError, info, error, labels, testIds } = props;
  return (
    <>
      {loadError && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, loadError) })} />}
      {info && (
        <dl className="work-dl">
          <dt>{labels.state}</dt>
          <dd>
            <Tag color={info.configured ? 'green' : 'default'} data-testid={testIds.state}>
              {info.configured ? labels.on : labels.off}
            </Tag>
          </dd>
          <dt>{labels.secret}</dt>
          <dd>
            <Tag color={info.secretSet ? 'blue' : 'default'} data-testid={testIds.secret}>
              {info.secretSet ? labels.secretSet : labels.secretNotSet}
            </Tag>
            {!info.secretPersisted && <Typography.Text type="warning">{labels.memoryOnly}</Typography.Text>}
          </dd>
        </dl>
      )}
      {error && !error.fields && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(t, error)} data-testid={testIds.error} />}
    </>
  );
}
