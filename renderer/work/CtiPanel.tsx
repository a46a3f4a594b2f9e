import { App, Alert, Button, Card, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CtiInfo } from '../../shared/desk/schema.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import { useLive } from './useLive.js';

/** Where the softphone / PBX connector posts call events, and the token it must send. */
export function CtiPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const live = useLive('cti:info', {}, {});
  const [fresh, setFresh] = useState<CtiInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const info = fresh ?? live.value;

  const regenerate = async (): Promise<void> => {
    setBusy(true);
    const r = await call('cti:regenerateToken', {});
    setBusy(false);
    if (r.ok) {
      setFresh(r.value);
      void message.success(t('work.cti.regenerated'));
    } else void message.error(errorText(t, r.error));
  };

  return (
    <Card size="small" title={t('work.cti.title')} data-testid="cti-panel">
      {live.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, live.error) })} />}
      {info && (
        <dl className="work-dl">
          <dt>{t('work.cti.state')}</dt>
          <dd>
            {/* The core's reason is technical English for the log; the admin reads the state, the reason is one hover away. */}
            <Tooltip title={info.error ?? undefined}>
              <Tag color={info.running ? 'green' : 'red'} data-testid="cti-state">
                {info.running ? t('work.cti.running') : t('work.cti.stopped')}
              </Tag>
            </Tooltip>
            {info.error && <Typography.Text type="danger">{t('work.cti.notStarted')}</Typography.Text>}
          </dd>
          <dt>{t('work.cti.url')}</dt>
          <dd>{info.url ? <Typography.Text copyable code data-testid="cti-url">{info.url}</Typography.Text> : t('common.none')}</dd>
          <dt>{t('work.cti.token')}</dt>
          <dd>
            {info.token ? (
              <Typography.Text copyable={{ text: info.token, tooltips: [t('work.cti.copy'), t('work.cti.copied')] }} code data-testid="cti-token">
                {`${info.token.slice(0, 6)}…${info.token.slice(-4)}`}
              </Typography.Text>
            ) : (
              t('common.none')
            )}
            <Popconfirm title={t('work.cti.regenerateConfirm')} onConfirm={() => void regenerate()} okText={t('work.cti.regenerate')} cancelText={t('common.cancel')}>
              <Button size="small" danger loading={busy} style={{ marginInlineStart: 8 }} data-testid="cti-regenerate">
                {t('work.cti.regenerate')}
              </Button>
            </Popconfirm>
          </dd>
        </dl>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('work.cti.help')}
      </Typography.Paragraph>
    </Card>
  );
}
