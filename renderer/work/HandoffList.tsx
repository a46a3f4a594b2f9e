import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handoff } from '../../shared/desk/schema.js';
import { LIMITS } from '../../shared/tickets/schema.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { useDisplayNames } from './useDisplayNames.js';
import { useNow } from '../hooks/useNow.js';
import { NoteDialog } from './NoteDialog.js';

const STATUS_COLORS: Record<Handoff['status'], string> = { open: 'processing', answered: 'success', cancelled: 'default' };

export function HandoffStatusTag({ handoff }: { handoff: Handoff }): React.JSX.Element {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const late = handoff.status === 'open' && Date.parse(handoff.dueBy) < now;
  return (
    <Flex gap={4}>
      <Tag color={STATUS_COLORS[handoff.status]} data-testid="handoff-status" data-status={handoff.status}>
        {t(`work.handoff.status.${handoff.status}`)}
      </Tag>
      {late && <Tag color="red">{t('work.handoff.late')}</Tag>}
    </Flex>
  );
}

/** Asks second line (or the department) for the answer the coordinator reads on the ticket. */
export function AnswerHandoffDialog({ handoff, ticketNo, onCancel, onDone }: { handoff: Handoff; ticketNo: string; onCancel(): void; onDone(h: Handoff): void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <NoteDialog
      title={t('work.handoff.answerTitle', { no: ticketNo })}
      label={t('work.handoff.answer')}
      okText={t('work.handoff.answerOk')}
      maxLength={LIMITS.longText}
      extra={t('work.handoff.answerHelp')}
      testId="answer-dialog"
      submit={(answer) => call('handoffs:answer', { id: handoff.id, answer })}
      onCancel={onCancel}
      onDone={onDone}
    >
      <HandoffAsk handoff={handoff} />
    </NoteDialog>
  );
}

/** What was asked, by when, in what scope: the three things a hand-off must say. */
export function HandoffAsk({ handoff }: { handoff: Handoff }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <dl className="work-dl">
      <dt>{t('work.handoff.ask')}</dt>
      <dd className="pre-wrap" data-testid="handoff-ask-text">
        {handoff.ask}
      </dd>
      <dt>{t('work.handoff.scope')}</dt>
      <dd className="pre-wrap">{handoff.scope}</dd>
      <dt>{t('work.handoff.dueBy')}</dt>
      <dd>{formatDateTime(handoff.dueBy)}</dd>
    </dl>
  );
}

/** The ticket's hand-offs with their answers: the coordinator stays responsible and sees what came back. */
export function HandoffList({ handoffs, ticketNo, canAnswer, onChanged }: { handoffs: Handoff[]; ticketNo: string; canAnswer: boolean; onChanged(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const [answering, setAnswering] = useState<Handoff | null>(null);
  const nameOf = useDisplayNames();
  if (handoffs.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.handoff.none')} />;
  const sorted = [...handoffs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Flex vertical gap={8} data-testid="handoff-list">
      {sorted.map((h) => (
        <Card key={h.id} size="small" data-testid="handoff-item" data-status={h.status} data-kind={h.kind}>
          <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
            <Typography.Text strong>
              {t(`work.handoff.kind.${h.kind}`)} → {h.to}
            </Typography.Text>
            <Flex gap={8} align="center">
              <HandoffStatusTag handoff={h} />
              <Typography.Text type="secondary">{t('work.handoff.byAt', { who: nameOf(h.coordinatorId), at: formatDateTime(h.createdAt) })}</Typography.Text>
            </Flex>
          </Flex>
          <HandoffAsk handoff={h} />
          {h.answer !== null && (
            <div className="handoff-answer" data-testid="handoff-answer">
              <Typography.Text type="secondary">{t('work.handoff.answeredBy', { who: nameOf(h.answeredBy), at: formatDateTime(h.answeredAt) })}</Typography.Text>
              <Typography.Paragraph className="pre-wrap" style={{ marginBottom: 0 }}>
                {h.answer}
              </Typography.Paragraph>
            </div>
          )}
          {canAnswer && h.status === 'open' && (
            <Button size="small" type="primary" onClick={() => setAnswering(h)} data-testid="handoff-answer-button">
              {t('work.handoff.answerOk')}
            </Button>
          )}
        </Card>
      ))}
      {answering && (
        <AnswerHandoffDialog
          handoff={answering}
          ticketNo={ticketNo}
          onCancel={() => setAnswering(null)}
          onDone={() => {
            setAnswering(null);
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}
