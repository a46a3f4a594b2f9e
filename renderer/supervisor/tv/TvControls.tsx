import { DesktopOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Modal, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TV_ROUTE, type TvDisplay } from '../../../shared/reports/tv.js';
import { call } from '../../api/client.js';
import { formatDateTime } from '../../format.js';
import { errorText } from '../../i18n/messages.js';
import { useLive } from '../../work/useLive.js';

/**
 * The wallboard's TV mode: open a display of the board being looked at (the
 * center or the chosen team) and stop displays opened earlier. Electron puts
 * it full screen on the second display; the browser preview opens a tab.
 */
export function TvControls({ team }: { team: string | undefined }): React.JSX.Element {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [listOpen, setListOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const displays = useLive('wallboard:tvList', {});
  const count = displays.value?.length ?? 0;

  const open = async (): Promise<void> => {
    setBusy(true);
    try {
      const opened = await call('wallboard:tvOpen', team === undefined ? {} : { team });
      if (!opened.ok) {
        void message.error(errorText(t, opened.error));
        return;
      }
      const key = opened.value.key;
      const shell = await call('window:openTv', { key });
      if (shell.ok && shell.value.opened) void message.success(t('supervisor.tv.opened'));
      else {
        // A browser: a tab of this page at the TV route (it gets this tab's session: same origin, opened by it).
        window.open(`${location.pathname}${location.search}#${TV_ROUTE}?key=${key}`, '_blank');
        void message.info(t('supervisor.tv.openedTab'));
      }
      displays.reload();
    } finally {
      setBusy(false);
    }
  };

  const stop = (d: TvDisplay): void => {
    modal.confirm({
      title: t('supervisor.tv.stopConfirm'),
      okText: t('supervisor.tv.stop'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'tv-stop-ok' } as React.ComponentProps<typeof Button>,
      onOk: async () => {
        const r = await call('wallboard:tvClose', { id: d.id });
        if (!r.ok) void message.error(errorText(t, r.error));
        else void message.success(t('supervisor.tv.stopped'));
        displays.reload();
      },
    });
  };

  return (
    <>
      <Tooltip title={t('supervisor.tv.openHint')}>
        <Button size="small" icon={<DesktopOutlined />} loading={busy} onClick={() => void open()} data-testid="wb-tv-open">
          {t('supervisor.tv.open')}
        </Button>
      </Tooltip>
      {count > 0 && (
        <Button size="small" type="link" onClick={() => setListOpen(true)} data-testid="wb-tv-list">
          {t('supervisor.tv.displays', { count })}
        </Button>
      )}
      <Modal open={listOpen} title={t('supervisor.tv.displaysTitle')} footer={null} onCancel={() => setListOpen(false)} width={640} destroyOnHidden>
        <Table<TvDisplay>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={displays.value ?? []}
          locale={{ emptyText: t('supervisor.tv.none') }}
          columns={[
            { key: 'scope', title: t('supervisor.tv.scope'), render: (_, d) => (d.team === null ? t('supervisor.tv.center') : t('supervisor.scope.team', { team: d.team })) },
            { key: 'by', title: t('supervisor.tv.openedBy'), dataIndex: 'createdByName' },
            { key: 'at', title: t('supervisor.tv.openedAt'), render: (_, d) => formatDateTime(d.createdAt) },
            {
              key: 'actions',
              title: t('supervisor.tv.actions'),
              render: (_, d) => (
                <Button size="small" danger icon={<StopOutlined />} onClick={() => stop(d)} data-testid="tv-stop">
                  {t('supervisor.tv.stop')}
                </Button>
              ),
            },
          ]}
        />
      </Modal>
    </>
  );
}
