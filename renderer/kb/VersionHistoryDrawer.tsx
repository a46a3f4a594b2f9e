import { Alert, Descriptions, Drawer, Empty, Flex, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleVersion } from '../../shared/kb/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { call, subscribe } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { ArticleMarkdown } from './ArticleMarkdown.js';
import { ArticleStatusTag } from './ArticleStatusTag.js';
import { useKbUiStore } from './kbUiStore.js';
import { VersionDiff } from './VersionDiff.js';

type Loaded = { id: string; versions: ArticleVersion[]; error: AppErrorData | null };

export function VersionHistoryDrawer(): React.JSX.Element {
  const { t } = useTranslation();
  const id = useKbUiStore((s) => s.historyId);
  const openHistory = useKbUiStore((s) => s.openHistory);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [changes, setChanges] = useState(0);
  const [picked, setPicked] = useState<number | null>(null);
  const [view, setView] = useState<'diff' | 'content'>('diff');

  useEffect(() => {
    if (!id) return;
    let alive = true;
    void call('kb:versions', { id }).then((r) => {
      if (alive) setLoaded(r.ok ? { id, versions: r.value, error: null } : { id, versions: [], error: r.error });
    });
    return () => {
      alive = false;
    };
  }, [id, changes]);
  useEffect(() => {
    if (!id) return;
    return subscribe('kb:changed', ({ ids }) => {
      if (ids.length === 0 || ids.includes(id)) setChanges((c) => c + 1);
    });
  }, [id]);

  const current = loaded && loaded.id === id ? loaded : null;
  const versions = [...(current?.versions ?? [])].sort((a, b) => b.version - a.version);
  const shown = versions.find((v) => v.version === picked) ?? versions[0];
  const previous = shown ? current?.versions.find((v) => v.version === shown.version - 1) : undefined;
  const fieldName = (f: string): string => (['title', 'body', 'product', 'category', 'tags', 'status'].includes(f) ? t(`kb.fields.${f as 'title'}`) : f);

  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        openHistory(null);
        setPicked(null);
      }}
      title={shown ? t('kb.versions.title', { title: shown.title }) : t('kb.versions.titleShort')}
      size={Math.min(1080, window.innerWidth - 40)}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      rootClassName="below-header"
      data-testid="kb-versions"
      styles={{ body: { padding: 0 } }}
    >
      {current?.error && <Alert type="error" showIcon title={t('kb.versions.loadFailed', { error: errorText(t, current.error) })} style={{ margin: 12 }} />}
      {!current && <Skeleton active style={{ padding: 12 }} />}
      {current && !current.error && versions.length === 0 && <Empty description={t('kb.versions.none')} />}
      {shown && (
        <div className="kb-versions">
          <ol className="kb-version-list" aria-label={t('kb.versions.list')}>
            {versions.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className={v.version === shown.version ? 'kb-version kb-version-selected' : 'kb-version'}
                  aria-current={v.version === shown.version}
                  onClick={() => setPicked(v.version)}
                  data-testid="kb-version"
                  data-version={v.version}
                >
                  <Flex justify="space-between" align="center" gap={4}>
                    <Typography.Text strong>{t('kb.meta.version', { version: v.version })}</Typography.Text>
                    <Typography.Text type="secondary" className="kb-version-time">
                      {formatDateTime(v.at)}
                    </Typography.Text>
                  </Flex>
                  <div className="kb-version-by">{v.editorId}</div>
                  <div className="kb-version-changed">
                    {v.version === 1 ? t('kb.versions.created') : v.changedFields.length ? t('kb.versions.changed', { fields: v.changedFields.map(fieldName).join(t('common.listSeparator')) }) : t('kb.versions.nothingChanged')}
                  </div>
                  {v.note && <div className="kb-version-note">{v.note}</div>}
                </button>
              </li>
            ))}
          </ol>
          <section className="kb-version-detail" aria-label={t('kb.meta.version', { version: shown.version })} data-testid="kb-version-detail" data-version={shown.version}>
            <Flex justify="space-between" align="center" gap={8} wrap="wrap">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {shown.title} <ArticleStatusTag status={shown.status} />
              </Typography.Title>
              <Segmented<'diff' | 'content'>
                size="small"
                value={view}
                onChange={setView}
                aria-label={t('kb.versions.viewLabel')}
                options={[
                  { value: 'diff', label: t('kb.versions.compare') },
                  { value: 'content', label: t('kb.versions.content') },
                ]}
              />
            </Flex>
            <Descriptions
              size="small"
              column={2}
              items={[
                { key: 'by', label: t('kb.versions.editor'), children: shown.editorId },
                { key: 'at', label: t('kb.versions.at'), children: formatDateTime(shown.at, true) },
                { key: 'product', label: t('kb.fields.product'), children: <Changed now={shown.product ?? t('kb.meta.anyProduct')} was={previous ? (previous.product ?? t('kb.meta.anyProduct')) : undefined} /> },
                { key: 'category', label: t('kb.fields.category'), children: <Changed now={shown.category} was={previous?.category} /> },
                { key: 'tags', label: t('kb.fields.tags'), span: 2, children: <Changed now={shown.tags.map((x) => <Tag key={x}>{x}</Tag>)} was={previous?.tags.join('|')} nowKey={shown.tags.join('|')} /> },
                ...(shown.note ? [{ key: 'note', label: t('kb.versions.note'), span: 2, children: shown.note }] : []),
              ]}
            />
            {previous && previous.title !== shown.title && (
              <Typography.Paragraph className="kb-title-change">
                {t('kb.versions.titleChanged', { from: previous.title, to: shown.title })}
              </Typography.Paragraph>
            )}
            {view === 'diff' ? (
              previous ? (
                <VersionDiff before={previous.body} after={shown.body} />
              ) : (
                <Typography.Text type="secondary">{t('kb.versions.first')}</Typography.Text>
              )
            ) : (
              <ArticleMarkdown body={shown.body} />
            )}
          </section>
        </div>
      )}
    </Drawer>
  );
}

/** A fact of the version, marked when it differs from the version before. */
function Changed({ now, was, nowKey }: { now: React.ReactNode; was: string | undefined; nowKey?: string }): React.JSX.Element {
  const { t } = useTranslation();
  const key = nowKey ?? (typeof now === 'string' ? now : '');
  const changed = was !== undefined && was !== key;
  return (
    <span className={changed ? 'kb-fact-changed' : undefined}>
      {now}
      {changed && <span className="kb-fact-badge">{t('kb.versions.changedBadge')}</span>}
    </span>
  );
}
