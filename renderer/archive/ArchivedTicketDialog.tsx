import { Alert, Button, Descriptions, Divider, Modal, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/messages.js';
import { formatDateTime } from '../format.js';
import { HistoryTimeline } from '../tickets/HistoryTimeline.js';
import { StatusTag } from '../tickets/StatusTag.js';
import { useArchiveViewStore } from './archiveStore.js';

/**
 * An archived ticket fetched from the server, read-only (issue 18 point 3):
 * nothing is stored on the PC. Offline, it says plainly that it cannot be
 * fetched now and offers to try again.
 */
export function ArchivedTicketDialog(): React.JSX.Element {
  const { t } = useTranslation();
  const { id, no, view, loading, error, retry, close } = useArchiveViewStore();
  const offline = error?.code === 'SYNC_OFFLINE' || error?.code === 'SYNC_NOT_SIGNED_IN' || error?.code === 'SYNC_AUTH_FAILED';
  return (
    <Modal
      open={id !== null}
      onCancel={close}
      title={t('archive.view.title', { no })}
      width={720}
      destroyOnHidden
      data-testid="archived-dialog"
      footer={[
        error ? (
          <Button key="retry" onClick={() => void retry()} data-testid="archived-retry">
            {t('archive.view.retry')}
          </Button>
        ) : null,
        <Button key="close" type="primary" onClick={close}>
          {t('archive.view.close')}
        </Button>,
      ]}
    >
      {loading && (
        <div role="status" data-testid="archived-loading">
          <Spin size="small" /> <Typography.Text type="secondary">{t('archive.view.loading')}</Typography.Text>
        </div>
      )}
      {error && (
        <Alert type={offline ? 'warning' : 'error'} showIcon role="alert" data-testid="archived-error" title={offline ? t('archive.view.offline') : t('archive.view.failed', { error: errorText(t, error) })} />
      )}
      {view && (
        <div data-testid="archived-view-body">
          <Alert type="info" showIcon title={t('archive.view.readOnly')} style={{ marginBottom: 8 }} />
          <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="archived-subject">
            {view.ticket.subject}
          </Typography.Title>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('archive.view.customer')}>{view.customer.name}</Descriptions.Item>
            <Descriptions.Item label={t('archive.view.phones')}>{view.customer.phones.map((p) => p.raw).join(', ')}</Descriptions.Item>
            <Descriptions.Item label={t('archive.view.status')}>
              <StatusTag status={view.ticket.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.view.closedAt')}>{formatDateTime(view.ticket.closedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('archive.view.description')} span={2}>
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{view.ticket.description}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.view.resolution')} span={2}>
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{view.ticket.resolution ?? ''}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('archive.view.calls', { count: view.calls })} · {t('archive.view.fetchedAt', { time: formatDateTime(view.fetchedAt) })}
          </Typography.Text>
          <Divider titlePlacement="start" plain>
            {t('archive.view.history')}
          </Divider>
          <HistoryTimeline history={view.history} ticketId={view.ticket.id} ticketNo={view.ticket.no} customer={{ id: view.customer.id, name: view.customer.name }} />
          {view.notes.length > 0 && (
            <>
              <Divider titlePlacement="start" plain>
                {t('archive.view.notes', { count: view.notes.length })}
              </Divider>
              {view.notes.map((n) => (
                <Typography.Paragraph key={n.id} style={{ marginBottom: 4 }}>
                  <Typography.Text type="secondary">
                    {n.authorId} · {formatDateTime(n.at)}
                  </Typography.Text>
                  <br />
                  {n.body}
                </Typography.Paragraph>
              ))}
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
