import { Alert, App, Button, Flex, Input, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/result.js';
import { call } from '../../api/client.js';
import { errorText } from '../../i18n/messages.js';

/** The bytes of a chosen file as base64 (what the core channel takes). */
async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Roster import (issue 16 point 2): a .xlsx / .csv file from the system's
 * file picker, or pasted text. All or nothing: a refusal names the line and
 * column, and the roster stays as it was.
 */
export function RosterImportDialog({ open, onClose }: { open: boolean; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const close = (): void => {
    setFile(null);
    setText('');
    setError(null);
    onClose();
  };

  const run = async (): Promise<void> => {
    if (!file && text.trim() === '') {
      setError({ code: 'VALIDATION_FAILED', message: t('roster.import.needInput') });
      return;
    }
    setBusy(true);
    const r = file ? await call('roster:import', { fileName: file.name, base64: await fileBase64(file) }) : await call('roster:import', { text });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(t('roster.import.done', { count: r.value.imported }));
    close();
  };

  const where = error?.fields?.[0]?.path.match(/^line (\d+), column ([A-Z]+)$/);
  return (
    <Modal
      open={open}
      title={t('roster.import.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        <Button type="primary" loading={busy} onClick={() => void run()} data-testid="roster-import-run">
          {t('roster.import.run')}
        </Button>
      }
    >
      <Flex vertical gap={10}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('roster.import.intro')}
        </Typography.Paragraph>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.csv"
          style={{ display: 'none' }}
          data-testid="roster-import-file"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        <Flex gap={8} align="center">
          <Button onClick={() => input.current?.click()}>{t('roster.import.file')}</Button>
          {file && <Typography.Text data-testid="roster-import-chosen">{t('roster.import.chosen', { name: file.name })}</Typography.Text>}
        </Flex>
        <label htmlFor="roster-import-text">{t('roster.import.orPaste')}</label>
        <Input.TextArea
          id="roster-import-text"
          rows={6}
          value={text}
          placeholder={t('roster.import.pastePlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          data-testid="roster-import-text"
          style={{ fontFamily: 'monospace' }}
        />
        {error && (
          <Alert
            type="error"
            showIcon
            data-testid="roster-import-error"
            data-code={error.code}
            message={t('roster.import.failed', { error: errorText(t, error) })}
            description={
              <>
                {where && <div>{t('roster.import.where', { line: where[1], column: where[2] })}</div>}
                <div style={{ fontSize: 12 }}>{error.message}</div>
              </>
            }
          />
        )}
      </Flex>
    </Modal>
  );
}
