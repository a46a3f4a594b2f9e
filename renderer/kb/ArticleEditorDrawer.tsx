import { Button, Drawer, Flex, Form, Tabs, Typography } from 'antd';
import { FormProblemAlert } from '../app/FormProblemAlert.js';
import { useDeferredValue, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useDiscardGuard } from '../hooks/useDiscardGuard.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { Hint } from '../app/Hint.js';
import { ArticleEditorFields } from './ArticleEditorFields.js';
import { ArticleMarkdown } from './ArticleMarkdown.js';
import { formValuesFromArticle, formValuesFromInput, type ArticleFormValues } from './articleForm.js';
import { useKbUiStore, type EditorState } from './kbUiStore.js';
import { useArticleSave } from './useArticleSave.js';
import { clearEditedErrors } from '../app/formErrors.js';

const SAVE = { code: 'KeyS', ctrl: true };
/** Below this window width the preview moves to a tab: two columns of ~400px Chinese text are still readable. */
const SIDE_BY_SIDE_MIN = 960;

const subscribeResize = (onChange: () => void): (() => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};
const windowWidth = (): number => window.innerWidth;

/** Rendered once by the app shell: the editor opens over any screen (a ticket detail's "write an article" too). */
export function ArticleEditorHost(): React.JSX.Element | null {
  const editor = useKbUiStore((s) => s.editor);
  if (!editor) return null;
  const key = editor.mode === 'edit' ? `edit-${editor.article.id}` : `create-${editor.sourceTicketId ?? ''}`;
  return <ArticleEditorDrawer key={key} state={editor} />;
}

function ArticleEditorDrawer({ state }: { state: NonNullable<EditorState> }): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<ArticleFormValues>();
  const closeEditor = useKbUiStore((s) => s.closeEditor);
  const original = state.mode === 'edit' ? state.article : undefined;
  const sourceTicketId = state.mode === 'create' ? state.sourceTicketId : undefined;
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  // The drawer's width follows the window's, so the window decides the layout (the drawer body mounts too late to measure).
  const width = useSyncExternalStore(subscribeResize, windowWidth);
  const sideBySide = width >= SIDE_BY_SIDE_MIN;
  const body = Form.useWatch('body', form) ?? '';
  // Typing stays instant in a long article: the preview renders behind the keystrokes.
  const preview = useDeferredValue(body);

  // The drawer unmounts instead of animating closed, so focus goes back by hand (e.g. to the article's Edit button).
  const [before] = useState(() => document.activeElement);
  const restoreFocus = (): void => {
    if (before instanceof HTMLElement && before.isConnected) window.setTimeout(() => before.focus(), 0);
  };
  const close = (): void => {
    closeEditor();
    restoreFocus();
  };

  const { save, saving, problem } = useArticleSave({
    form,
    original,
    ...(sourceTicketId ? { sourceTicketId } : {}),
    onSaved: (article) => {
      const ui = useKbUiStore.getState();
      ui.select(article.id);
      close();
    },
  });

  useHotkey(SAVE, () => void save());

  const { markDirty, requestClose } = useDiscardGuard({ close, isBusy: () => saving, body: t('kb.editor.discardBody'), testId: 'kb-discard-confirm' });

  const title = original
    ? t('kb.editor.editTitle', { title: original.title })
    : state.mode === 'create' && state.sourceTicketNo
      ? t('kb.editor.fromTicketTitle', { no: state.sourceTicketNo })
      : t('kb.editor.createTitle');
  const initialValues = original ? formValuesFromArticle(original) : state.mode === 'create' && state.draft ? formValuesFromInput(state.draft) : { tags: [] };

  const fields = (
    <Form<ArticleFormValues>
      form={form}
      name="article"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={(changed) => {
        clearEditedErrors(form, changed);
        markDirty();
      }}
      data-testid="kb-editor-form"
    >
      <FormProblemAlert problem={problem} testId="kb-editor-error" />
      <ArticleEditorFields withNote={Boolean(original)} autoFocus={original ? 'body' : 'title'} />
    </Form>
  );
  const previewPane = (
    <section className="kb-preview" aria-label={t('kb.editor.preview')} data-testid="kb-editor-preview">
      {preview.trim() ? <ArticleMarkdown body={preview} /> : <Typography.Text type="secondary">{t('kb.editor.previewEmpty')}</Typography.Text>}
    </section>
  );

  const saveLabel = t('common.withShortcut', { label: t('common.save'), keys: t('keys.save') });
  return (
    <Drawer
      open
      title={title}
      size={Math.min(1280, width - 40)}
      onClose={requestClose}
      mask={{ closable: false }}
      closable={{ 'aria-label': t('common.close') }}
      rootClassName="kb-editor-drawer below-header"
      data-testid="kb-editor"
      data-mode={state.mode}
      styles={{ body: { paddingBlock: 8 } }}
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.form.hint', { save: t('keys.save'), close: t('keys.close') })}
          </Typography.Text>
          <Flex gap={8}>
            <Button onClick={requestClose} data-testid="kb-editor-cancel">
              {t('common.cancel')}
            </Button>
            <Hint title={saveLabel}>
              <Button type="primary" loading={saving} onClick={() => void save()} aria-keyshortcuts="Control+S" data-testid="kb-editor-save">
                {t('common.save')}
              </Button>
            </Hint>
          </Flex>
        </Flex>
      }
    >
      <div className="kb-editor-body">
        {sideBySide ? (
          <div className="kb-editor-columns">
            <div className="kb-editor-fields">{fields}</div>
            {previewPane}
          </div>
        ) : (
          <Tabs
            size="small"
            activeKey={tab}
            onChange={(k) => setTab(k as 'write' | 'preview')}
            items={[
              { key: 'write', label: t('kb.editor.write'), children: fields, forceRender: true },
              { key: 'preview', label: t('kb.editor.preview'), children: previewPane },
            ]}
          />
        )}
      </div>
    </Drawer>
  );
}
