import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/kb/schema.js';
import { ArticleView } from './ArticleView.js';

interface Props {
  id: string | null;
  onClose(): void;
  extra?: (article: Article) => React.ReactNode;
}

/**
 * Reads an article without leaving what the agent is doing: it opens on the
 * left, beside the ticket form or detail (right), with no mask, so the form
 * keeps its content and stays in view.
 */
export function KbArticleDrawer({ id, onClose, extra }: Props): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Drawer
      open={id !== null}
      placement="left"
      size={Math.min(620, Math.max(420, window.innerWidth - 800))}
      mask={false}
      push={false}
      onClose={onClose}
      title={t('kb.peek.title')}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      rootClassName="below-header kb-peek-drawer"
      data-testid="kb-peek"
      styles={{ body: { padding: 12 } }}
    >
      {id && <ArticleView id={id} mode="peek" {...(extra ? { extra } : {})} />}
    </Drawer>
  );
}
