import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Hint } from '../app/Hint.js';
import { useNavStore } from '../app/navStore.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { ArticleView } from './ArticleView.js';
import { KbSearchPanel } from './KbSearchPanel.js';
import { useKbUiStore } from './kbUiStore.js';
import { VersionHistoryDrawer } from './VersionHistoryDrawer.js';
import { SynonymsDrawer } from './SynonymsDrawer.js';
import { useAgentSession } from '../work/useSession.js';

const NEW_ARTICLE = { code: 'KeyN', ctrl: true };

/** Search on the left, the article on the right: the agent reads while the caller is still talking. */
export function KnowledgeScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const selectedId = useKbUiStore((s) => s.selectedId);
  const openCreate = useKbUiStore((s) => s.openCreate);
  const editorOpen = useKbUiStore((s) => s.editor !== null);
  const articleRef = useRef<HTMLElement>(null);
  // issue 17: admins maintain the synonyms every search uses
  const session = useAgentSession();
  const isAdmin = session?.agent?.role === 'admin';
  const [synonymsOpen, setSynonymsOpen] = useState(false);

  useHotkey(NEW_ARTICLE, () => {
    if (!useKbUiStore.getState().editor) openCreate();
  });

  const backToSearch = (e: React.KeyboardEvent<HTMLElement>): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // Esc inside an open dialog belongs to the dialog.
    if ((e.target as HTMLElement).closest('.ant-modal, .ant-drawer, .ant-select-dropdown')) return;
    e.preventDefault();
    useNavStore.getState().focusKbSearch();
  };

  const newLabel = t('common.withShortcut', { label: t('kb.newArticle'), keys: t('keys.newTicket') });
  return (
    <div className="kb-screen" data-testid="kb-screen">
      <h1 className="sr-only">{t('kb.title')}</h1>
      <Flex vertical gap={6} className="kb-left">
        <Flex justify="space-between" align="center">
          <Typography.Text strong className="kb-screen-title">
            {t('kb.title')}
          </Typography.Text>
          <Flex gap={6}>
          {isAdmin && (
            <Button size="small" icon={<SwapOutlined />} onClick={() => setSynonymsOpen(true)} data-testid="kb-synonyms-open">
              {t('kb.synonyms.open')}
            </Button>
          )}
          <Hint title={newLabel}>
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => openCreate()} disabled={editorOpen} aria-keyshortcuts="Control+N" data-testid="kb-new">
              {t('kb.newArticle')}
              <kbd className="btn-kbd">{t('keys.newTicket')}</kbd>
            </Button>
          </Hint>
          </Flex>
        </Flex>
        <KbSearchPanel onEnterArticle={() => window.setTimeout(() => articleRef.current?.focus(), 0)} />
      </Flex>
      <div className="kb-right">
        {selectedId ? (
          <ArticleView key={selectedId} ref={articleRef} id={selectedId} mode="full" onKeyDown={backToSearch} />
        ) : (
          <Empty className="kb-right-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.article.placeholder')} />
        )}
      </div>
      <VersionHistoryDrawer />
      <SynonymsDrawer open={synonymsOpen} onClose={() => setSynonymsOpen(false)} />
    </div>
  );
}
