import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/kb/schema.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';

/** "Was this helpful?": one vote per user; voting again the other way changes it. */
export function ArticleVotes({ article, onVoted }: { article: Article; onVoted(a: Article): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const vote = async (helpful: boolean): Promise<void> => {
    setBusy(true);
    const r = await call('kb:vote', { id: article.id, helpful });
    setBusy(false);
    if (!r.ok) {
      void message.error(t('kb.article.voteFailed', { error: errorText(t, r.error) }));
      return;
    }
    onVoted(r.value);
    void message.success(t('kb.article.voted'));
  };
  return (
    <Flex align="center" gap={8} wrap="wrap" className="kb-votes" role="group" aria-label={t('kb.article.helpfulQuestion')}>
      <Typography.Text type="secondary">{t('kb.article.helpfulQuestion')}</Typography.Text>
      <Button
        size="small"
        icon={<LikeOutlined />}
        type={article.myVote === 'helpful' ? 'primary' : 'default'}
        aria-pressed={article.myVote === 'helpful'}
        disabled={busy}
        onClick={() => void vote(true)}
        data-testid="kb-vote-helpful"
      >
        {t('kb.article.helpful')} {article.helpful}
      </Button>
      <Button
        size="small"
        icon={<DislikeOutlined />}
        type={article.myVote === 'not_helpful' ? 'primary' : 'default'}
        aria-pressed={article.myVote === 'not_helpful'}
        disabled={busy}
        onClick={() => void vote(false)}
        data-testid="kb-vote-not-helpful"
      >
        {t('kb.article.notHelpful')} {article.notHelpful}
      </Button>
    </Flex>
  );
}
