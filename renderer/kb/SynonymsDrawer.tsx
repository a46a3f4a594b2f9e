import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Input, List, Popconfirm, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SynonymGroup } from '../../shared/kb/synonyms.js';
import { call, subscribe } from '../api/client.js';
import { errorText } from '../i18n/messages.js';

/** Words typed as "连不上, 无法连接" or "连不上 = 无法连接": commas, full-width commas, = and semicolons separate. */
export function splitWords(text: string): string[] {
  return text
    .split(/[,，;；=、\n]+/u)
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

/**
 * Issue 17: the knowledge base's synonym list, for admins (Knowledge area).
 * Each group's words match each other in every search and suggestion. The
 * defaults are listed as such until the first edit saves them.
 */
export function SynonymsDrawer({ open, onClose }: { open: boolean; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [groups, setGroups] = useState<SynonymGroup[] | null>(null);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    void call('kb:synonyms', {}).then((r) => {
      if (r.ok) setGroups(r.value);
      else void message.error(errorText(t, r.error));
    });
  }, [message, t]);

  useEffect(() => {
    if (open) load();
  }, [open, load]);
  useEffect(() => subscribe('kb:changed', () => open && load()), [open, load]);

  const save = async (op: Promise<Awaited<ReturnType<typeof call<'kb:synonymCreate'>>>>, done: () => void): Promise<void> => {
    setBusy(true);
    const r = await op;
    setBusy(false);
    if (!r.ok) {
      void message.error({ content: <span data-testid="kb-synonyms-error">{errorText(t, r.error)}</span> });
      return;
    }
    setGroups(r.value);
    done();
    void message.success(t('kb.synonyms.saved'));
  };

  const isDefault = groups?.some((g) => g.isDefault) ?? false;
  return (
    <Drawer open={open} onClose={onClose} title={t('kb.synonyms.title')} size="large" data-testid="kb-synonyms" destroyOnHidden>
      <Flex vertical gap={10}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('kb.synonyms.intro')}
        </Typography.Paragraph>
        {isDefault && <Alert type="info" showIcon title={t('kb.synonyms.defaults')} />}
        <Flex gap={6}>
          <Input
            aria-label={t('kb.synonyms.newLabel')}
            placeholder={t('kb.synonyms.placeholder')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onPressEnter={() => void save(call('kb:synonymCreate', { words: splitWords(draft) }), () => setDraft(''))}
            data-testid="kb-synonyms-new"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            loading={busy}
            disabled={draft.trim() === ''}
            onClick={() => void save(call('kb:synonymCreate', { words: splitWords(draft) }), () => setDraft(''))}
            data-testid="kb-synonyms-add"
          >
            {t('kb.synonyms.add')}
          </Button>
        </Flex>
        <List
          size="small"
          bordered
          loading={groups === null}
          dataSource={groups ?? []}
          data-testid="kb-synonyms-list"
          renderItem={(g) => (
            <List.Item
              key={g.id}
              data-testid="kb-synonym-group"
              actions={
                editing?.id === g.id
                  ? [
                      <Button key="save" size="small" type="primary" loading={busy} onClick={() => void save(call('kb:synonymUpdate', { id: g.id, words: splitWords(editing.text) }), () => setEditing(null))}>
                        {t('kb.synonyms.save')}
                      </Button>,
                      <Button key="cancel" size="small" onClick={() => setEditing(null)}>
                        {t('kb.synonyms.cancel')}
                      </Button>,
                    ]
                  : [
                      <Button key="edit" size="small" icon={<EditOutlined />} aria-label={t('kb.synonyms.edit', { words: g.words.join(' = ') })} onClick={() => setEditing({ id: g.id, text: g.words.join(', ') })} />,
                      <Popconfirm key="remove" title={t('kb.synonyms.removeConfirm')} onConfirm={() => void save(call('kb:synonymRemove', { id: g.id }), () => undefined)} okText={t('kb.synonyms.remove')} cancelText={t('kb.synonyms.cancel')}>
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('kb.synonyms.removeLabel', { words: g.words.join(' = ') })} />
                      </Popconfirm>,
                    ]
              }
            >
              {editing?.id === g.id ? (
                <Input
                  autoFocus
                  aria-label={t('kb.synonyms.editLabel')}
                  value={editing.text}
                  onChange={(e) => setEditing({ id: g.id, text: e.target.value })}
                  onPressEnter={() => void save(call('kb:synonymUpdate', { id: g.id, words: splitWords(editing.text) }), () => setEditing(null))}
                />
              ) : (
                <Flex wrap gap={4}>
                  {g.words.map((w, i) => (
                    <Tag key={w} color={i === 0 ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
                      {w}
                    </Tag>
                  ))}
                </Flex>
              )}
            </List.Item>
          )}
        />
      </Flex>
    </Drawer>
  );
}
