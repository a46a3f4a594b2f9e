import { CloseCircleOutlined, ExclamationCircleOutlined, RedoOutlined, RightOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProblem } from '../../shared/sync/status.js';
import { Hint } from '../app/Hint.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { ProblemFieldTable } from './ProblemFieldTable.js';
import { problemFieldRows } from './problemFields.js';
import { useSyncStore } from './syncStore.js';
import { changeNameText, syncCodeText } from './syncText.js';
import { useProblemLabel } from './useProblemLabel.js';

interface Props {
  problem: SyncProblem;
  /** after a retry or discard, so the list drops the problem at once */
  onResolved(): void;
}

/**
 * The raw message the core or the server recorded (English, for the logs) stays
 * out of the agent's way: the translated reason above says what happened, and
 * technical support can unfold the original text when asked for it.
 */
function RawMessage({ message }: { message: string }): React.JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <Hint title={t('sync.problemsDrawer.detailsHelp')}>
        <Button
          type="link"
          size="small"
          className="sync-problem-details-toggle"
          icon={<RightOutlined rotate={open ? 90 : 0} />}
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen((v) => !v)}
          data-testid="problem-message-toggle"
        >
          {t('sync.problemsDrawer.details')}
        </Button>
      </Hint>
      <Typography.Text type="secondary" className="sync-problem-message" id={id} hidden={!open} lang="en" data-testid="problem-message">
        {message}
      </Typography.Text>
    </>
  );
}

export function SyncProblemCard({ problem, onResolved }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const label = useProblemLabel(problem);
  const [busy, setBusy] = useState<'retry' | 'discard' | null>(null);
  const rows = problemFieldRows(problem);
  const titleId = `sync-problem-${problem.id}-title`;
  const entity = t(`sync.problemsDrawer.entity.${problem.entity}`);

  const resolve = async (action: 'retry' | 'discard'): Promise<void> => {
    if (busy) return;
    setBusy(action);
    const result = await useSyncStore.getState().resolve({ id: problem.id, action });
    setBusy(null);
    if (!result.ok) {
      void message.error(t('sync.actionFailed', { error: errorText(t, result.error) }));
      return;
    }
    void message.success({ content: <span data-testid={`toast-problem-${action}`}>{t(action === 'retry' ? 'sync.problemsDrawer.retried' : 'sync.problemsDrawer.discarded')}</span> });
    onResolved();
  };

  /** A modal, not a popconfirm: it traps focus and takes Esc, so a keyboard user can answer it; "keep" is the default. */
  const confirmDiscard = (): void => {
    void modal.confirm({
      title: t('sync.problemsDrawer.discardTitle'),
      content: <span data-testid="problem-discard-dialog">{t('sync.problemsDrawer.discardBody')}</span>,
      okText: t('sync.problemsDrawer.discardOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'problem-discard-confirm' } as ButtonProps,
      cancelButtonProps: { 'data-testid': 'problem-discard-cancel' } as ButtonProps,
      autoFocusButton: 'cancel',
      onOk: () => resolve('discard'),
    });
  };

  const openTicket = (id: string): void => {
    useSyncStore.getState().closeProblems();
    useTicketUiStore.getState().openDetail(id);
  };

  const kindTag =
    problem.kind === 'rejected' ? (
      <Tag color="error" icon={<CloseCircleOutlined />} data-testid="problem-kind">
        {t('sync.problemsDrawer.kind.rejected')}
      </Tag>
    ) : (
      <Tag color="warning" icon={<ExclamationCircleOutlined />} data-testid="problem-kind">
        {t('sync.problemsDrawer.kind.conflict')}
      </Tag>
    );

  return (
    <Card
      size="small"
      className="sync-problem"
      data-testid="sync-problem"
      data-kind={problem.kind}
      data-problem-id={problem.id}
      role="group"
      aria-labelledby={titleId}
      title={
        <Flex align="center" gap={6} style={{ minWidth: 0 }}>
          <Hint title={t(`sync.problemsDrawer.kindHelp.${problem.kind}`)}>{kindTag}</Hint>
          <Typography.Text strong ellipsis={{ tooltip: label.text }} id={titleId} data-testid="problem-label" style={{ minWidth: 0 }}>
            {t('sync.problemsDrawer.label', { entity, name: label.text })}
          </Typography.Text>
        </Flex>
      }
      extra={
        label.ticketId && (
          <Button size="small" type="link" onClick={() => openTicket(label.ticketId ?? '')} data-testid="problem-open-ticket">
            {t('sync.problemsDrawer.openTicket')}
          </Button>
        )
      }
    >
      <dl className="sync-problem-facts">
        <dt>{t('sync.problemsDrawer.change')}</dt>
        <dd>{changeNameText(t, problem.name)}</dd>
        <dt>{t('sync.problemsDrawer.reason')}</dt>
        <dd>
          <Typography.Text type={problem.kind === 'rejected' ? 'danger' : undefined} strong={problem.kind === 'conflict'} data-testid="problem-code" data-code={problem.code}>
            {syncCodeText(t, problem.code)}
          </Typography.Text>
          {problem.message && <RawMessage message={problem.message} />}
        </dd>
        <dt>{t('sync.problemsDrawer.at')}</dt>
        <dd>{formatDateTime(problem.createdAt, true)}</dd>
      </dl>
      <ProblemFieldTable rows={rows} />
      <Flex gap={8} justify="flex-end" className="sync-problem-actions">
        <Hint title={t('sync.problemsDrawer.retryHelp')}>
          <Button size="small" icon={<RedoOutlined />} loading={busy === 'retry'} disabled={busy !== null} onClick={() => void resolve('retry')} data-testid="problem-retry">
            {t('sync.problemsDrawer.retry')}
          </Button>
        </Hint>
        <Hint title={t('sync.problemsDrawer.discardHelp')}>
          <Button size="small" danger icon={<UndoOutlined />} loading={busy === 'discard'} disabled={busy !== null} onClick={confirmDiscard} data-testid="problem-discard">
            {t('sync.problemsDrawer.discard')}
          </Button>
        </Hint>
      </Flex>
    </Card>
  );
}
