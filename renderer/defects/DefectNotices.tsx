import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { useDisplayNames } from '../work/useDisplayNames.js';
import { useLive } from '../work/useLive.js';

/**
 * "Defects fixed: tell your customers" in My day: a defect on one of my
 * tickets was marked fixed (on any PC); it stays here until I note it, which
 * syncs, so it leaves my other PCs too. Nothing shows when there is none.
 */
export function DefectNotices(): React.JSX.Element | null {
  const { t } = useTranslation();
  const nameOf = useDisplayNames();
  const { message } = App.useApp();
  const notices = useLive('defects:notices', {}, { kinds: ['defects'], tickets: true });
  const list = notices.value ?? [];
  if (list.length === 0 && !notices.error) return null;

  const note = async (linkId: string): Promise<void> => {
    const r = await call('defects:noteNotice', { linkId });
    if (!r.ok) void message.error(errorText(t, r.error));
    notices.reload();
  };

  return (
    <Card size="small" title={t('notices.notices.title')} data-testid="defect-notices">
      {notices.error && <Alert type="error" showIcon message={errorText(t, notices.error)} />}
      <List
        size="small"
        dataSource={list}
        renderItem={(n) => (
          <List.Item
            data-testid="defect-notice"
            data-ticket={n.ticketId}
            actions={[
              <Button key="note" size="small" icon={<CheckOutlined />} onClick={() => void note(n.linkId)} data-testid="defect-notice-note">
                {t('notices.notices.note')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={t('notices.notices.item', { product: n.product, version: n.version, title: n.title }) + (n.trackerRef ? ` · ${n.trackerRef}` : '')}
              description={
                <>
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => useTicketUiStore.getState().openDetail(n.ticketId)}>
                    {t('notices.notices.ticket', { no: n.ticketNo, subject: n.subject })}
                  </Button>
                  <Typography.Text type="secondary">
                    {' '}
                    · {t('notices.notices.fixedBy', { who: nameOf(n.statusBy), at: formatDateTime(n.statusAt) })}
                    {n.statusNote ? ` · ${n.statusNote}` : ''}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
