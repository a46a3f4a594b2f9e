import { Form, Input, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KB_LIMITS, type Article, type ArticleStatus } from '../../shared/kb/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { isBlank } from '../i18n/messages.js';

interface Props {
  article: Article;
  to: ArticleStatus;
  onCancel(): void;
  onDone(article: Article): void;
}

/** Publish / retire / back to draft, with an optional note for the version history. */
export function ArticleTransitionDialog({ article, to, onCancel, onDone }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const action = t(`kb.transition.action.${to}`);

  const submit = async (): Promise<void> => {
    if (saving) return;
    setSaving(true);
    const r = await call('kb:transition', { id: article.id, to, ...(isBlank(note) ? {} : { note }) });
    setSaving(false);
    if (r.ok) onDone(r.value);
    else setError(r.error);
  };

  return (
    <SubmitDialog
      title={t('kb.transition.title', { action, title: article.title })}
      okText={action}
      width={480}
      saving={saving}
      error={error}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'kb-transition-confirm', danger: to === 'retired' } as ButtonProps}
      testId="kb-transition-dialog"
      dataTo={to}
    >
      <Typography.Paragraph type="secondary">{t(`kb.transition.explain.${to}`)}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('kb.transition.note')} htmlFor="kb-transition-note">
            <Input.TextArea
              id="kb-transition-note"
              autoFocus
              rows={3}
              showCount
              maxLength={KB_LIMITS.note}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('kb.transition.notePlaceholder')}
              data-testid="kb-transition-note"
            />
          </Form.Item>
        </Form>
    </SubmitDialog>
  );
}
