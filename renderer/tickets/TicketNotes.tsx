import { App, Button, Empty, Flex, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/tickets/schema.js';
import { NoteInputSchema } from '../../shared/tickets/notes.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText, issueText } from '../i18n/messages.js';
import { useLive } from '../work/useLive.js';

/**
 * The team's internal notes on a ticket (never shown to the customer):
 * oldest first, as a conversation reads; a note from another PC appears when
 * it syncs (tickets:changed names the ticket). A closed ticket shows its
 * notes and takes no more until it is reopened.
 */
export function TicketNotes({ ticketId, closed }: { ticketId: string; closed: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notes = useLive('notes:list', { ticketId }, { tickets: ticketId });
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [issue, setIssue] = useState<string | null>(null);

  const add = async (): Promise<void> => {
    if (saving) return;
    const parsed = NoteInputSchema.safeParse({ ticketId, body: text });
    if (!parsed.success) {
      setIssue(issueText(t, { code: 'too_small', limit: 1 }, text.trim()));
      return;
    }
    setSaving(true);
    const result = await call('notes:add', parsed.data);
    setSaving(false);
    if (!result.ok) {
      setIssue(errorText(t, result.error));
      return;
    }
    setText('');
    setIssue(null);
    void message.success({ content: <span data-testid="toast-note-added">{t('ticketwork.notes.added')}</span> });
    notes.reload();
  };

  return (
    <section aria-label={t('ticketwork.notes.title')} data-testid="ticket-notes">
      <Flex align="baseline" gap={8} wrap="wrap">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('ticketwork.notes.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('ticketwork.notes.explain')}</Typography.Text>
      </Flex>
      {notes.error && <Typography.Text type="danger">{errorText(t, notes.error)}</Typography.Text>}
      {notes.value && notes.value.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketwork.notes.empty')} style={{ margin: '4px 0' }} />}
      {notes.value && notes.value.length > 0 && (
        <List
          size="small"
          dataSource={notes.value}
          data-testid="note-list"
          renderItem={(n) => (
            <List.Item key={n.id} data-testid="note-item" style={{ paddingInline: 0 }}>
              <div style={{ width: '100%' }}>
                <Typography.Text type="secondary" data-testid="note-meta">
                  {t('ticketwork.notes.meta', { name: n.authorName, at: formatDateTime(n.at) })}
                </Typography.Text>
                <Typography.Paragraph className="pre-wrap" style={{ marginBottom: 0 }} data-testid="note-body">
                  {n.body}
                </Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
      {closed ? (
        <Typography.Text type="secondary" data-testid="notes-closed">
          {t('ticketwork.notes.closed')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={4} style={{ marginTop: 4 }}>
          <Input.TextArea
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (issue) setIssue(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void add();
              }
            }}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={LIMITS.note}
            placeholder={t('ticketwork.notes.placeholder')}
            aria-label={t('ticketwork.notes.label')}
            status={issue ? 'error' : undefined}
            data-testid="note-input"
          />
          {issue && (
            <Typography.Text type="danger" role="alert" data-testid="note-error">
              {issue}
            </Typography.Text>
          )}
          <div>
            <Button size="small" type="primary" loading={saving} onClick={() => void add()} data-testid="note-add">
              {t('ticketwork.notes.add')} <kbd className="btn-kbd">{t('ticketwork.notes.addKey')}</kbd>
            </Button>
          </div>
        </Flex>
      )}
    </section>
  );
}
