import { App, Button, Drawer, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem, QualityReview } from '../../shared/reports/quality.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import { useSettingsStore } from '../app/settingsStore.js';

interface Props {
  review: QualityReview | null;
  /** the checklist in force (a review scored before keeps its own items) */
  items: readonly ChecklistItem[];
  onClose(): void;
  onSaved(review: QualityReview): void;
}

/** Scores one sampled ticket against the checklist: each item met or not (arrow keys), a comment, Save. */
function ScoreDrawerBody({ review, items, onClose, onSaved }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useSettingsStore((s) => s.settings.locale);
  const list = review && review.status === 'scored' ? review.checks : items;
  // The drawer's state starts from the review it opens (ReviewScoreDrawer is keyed by the review).
  const [checks, setChecks] = useState<Record<string, boolean>>(() => (review && review.status === 'scored' ? Object.fromEntries(review.checks.map((c) => [c.id, c.passed])) : {}));
  const [comment, setComment] = useState(review?.comment ?? '');
  const [saving, setSaving] = useState(false);
  const complete = list.every((i) => checks[i.id] !== undefined);

  const save = async (): Promise<void> => {
    if (!review) return;
    setSaving(true);
    const result = await call('quality:score', { id: review.id, checks, ...(comment.trim() ? { comment } : {}) });
    setSaving(false);
    if (!result.ok) {
      void message.error(t('reports.quality.failed', { error: errorText(t, result.error) }));
      return;
    }
    void message.success(t('reports.quality.saved', { score: result.value.score ?? 0 }));
    onSaved(result.value);
  };

  return (
    <Drawer
      open={review !== null}
      onClose={onClose}
      size={520}
      title={review ? t('reports.quality.drawerTitle', { no: review.ticketNo ?? review.ticketId }) : ''}
      data-testid="qa-score-drawer"
      closable={{ 'aria-label': t('common.close') }}
      footer={
        <Button type="primary" onClick={() => void save()} disabled={!complete} loading={saving} data-testid="qa-save">
          {t('reports.quality.save')}
        </Button>
      }
    >
      {review && (
        <>
          <Typography.Paragraph>
            <strong>{review.subject}</strong> · {review.agentName ?? review.agentId}
          </Typography.Paragraph>
          <Space direction="vertical" style={{ width: '100%' }}>
            {list.map((item) => {
              const label = locale === 'en' ? item.en : item.zh;
              return (
                <div key={item.id} className="qa-check" data-testid={`qa-check-${item.id}`}>
                  <span id={`qa-label-${item.id}`}>{label}</span>
                  <Radio.Group
                    aria-labelledby={`qa-label-${item.id}`}
                    value={checks[item.id] === undefined ? undefined : checks[item.id] ? 'met' : 'not'}
                    onChange={(e) => setChecks((c) => ({ ...c, [item.id]: e.target.value === 'met' }))}
                    optionType="button"
                    options={[
                      { value: 'met', label: <span data-testid={`qa-met-${item.id}`}>{t('reports.quality.met')}</span> },
                      { value: 'not', label: <span data-testid={`qa-not-${item.id}`}>{t('reports.quality.notMet')}</span> },
                    ]}
                  />
                </div>
              );
            })}
            <label className="qa-comment">
              <span>{t('reports.quality.comment')}</span>
              <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="qa-comment" />
            </label>
          </Space>
        </>
      )}
    </Drawer>
  );
}

/** A fresh drawer state per review opened. */
export function ScoreDrawer(props: Props): React.JSX.Element {
  return <ScoreDrawerBody key={props.review?.id ?? 'none'} {...props} />;
}
