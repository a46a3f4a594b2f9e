import { BookOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import { useKbUiStore } from './kbUiStore.js';

/** A fresh PC has no articles: say why, and offer the demo set or a first article. */
export function KbEmptyState(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const openCreate = useKbUiStore((s) => s.openCreate);

  const loadDemo = async (): Promise<void> => {
    setBusy(true);
    const r = await call('kb:loadDemo', {});
    setBusy(false);
    if (!r.ok) {
      void message.error(t('kb.empty.loadFailed', { error: errorText(t, r.error) }));
      return;
    }
    // kb:changed refreshes the results; the toast says how many arrived.
    void message.success({ content: <span data-testid="toast-demo-loaded">{t('kb.empty.loaded', { added: r.value.added })}</span> });
  };

  return (
    <Flex vertical align="center" gap={10} className="kb-empty" data-testid="kb-empty">
      <BookOutlined className="kb-empty-icon" aria-hidden />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('kb.empty.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 360, textAlign: 'center' }}>
        {t('kb.empty.body')}
      </Typography.Paragraph>
      <Flex gap={8}>
        <Button type="primary" loading={busy} onClick={() => void loadDemo()} data-testid="kb-load-demo">
          {t('kb.empty.loadDemo')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => openCreate()}>
          {t('kb.newArticle')}
        </Button>
      </Flex>
    </Flex>
  );
}
