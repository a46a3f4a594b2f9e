import { Alert, Button, Drawer, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/messages.js';
import { SyncProblemCard } from './SyncProblemCard.js';
import { useSyncProblems } from './useSyncProblems.js';
import { useSyncStore } from './syncStore.js';

/** Rejected and conflicting changes, each kept with its local value until the agent retries or discards it. */
export function SyncProblemsDrawer(): React.JSX.Element {
  const { t } = useTranslation();
  const open = useSyncStore((s) => s.problemsOpen);
  const close = useSyncStore((s) => s.closeProblems);
  const { problems, error, reload } = useSyncProblems(open);

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t('sync.problemsDrawer.title')}
      size={640}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      styles={{ body: { padding: 12 } }}
      rootClassName="sync-problems-drawer below-header"
      data-testid="sync-problems-drawer"
    >
      <Flex vertical gap={10} data-testid="sync-problems-body" data-count={problems?.length ?? -1}>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('sync.problemsDrawer.loadFailed', { error: errorText(t, error) })}
            action={
              <Button size="small" onClick={reload}>
                {t('common.retry')}
              </Button>
            }
          />
        )}
        {problems === null && !error && <Skeleton active />}
        {problems !== null && problems.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sync.problemsDrawer.empty')} data-testid="sync-problems-empty" />}
        {problems !== null && problems.length > 0 && (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('sync.problemsDrawer.intro')}
            </Typography.Paragraph>
            <ul className="sync-problem-list" aria-label={t('sync.problemsDrawer.title')}>
              {problems.map((p) => (
                <li key={p.id}>
                  <SyncProblemCard problem={p} onResolved={reload} />
                </li>
              ))}
            </ul>
          </>
        )}
      </Flex>
    </Drawer>
  );
}
