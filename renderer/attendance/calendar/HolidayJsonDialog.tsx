import { Alert, App, Button, Flex, Input, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.js';
import { errorText } from '../../i18n/messages.js';

/** Imports a year in the JSON shape `holidays list` prints (a file, or pasted). All or nothing. */
export function HolidayJsonDialog({ open, onClose }: { open: boolean; onClose: (year: number | null) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const run = async (): Promise<void> => {
    let days: unknown;
    try {
      days = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      setProblem(t('roster.calendar.json.invalid', { error: (e as Error).message }));
      return;
    }
    const r = await call('holidays:import', { days } as { days: [] });
    if (!r.ok) {
      setProblem(`${errorText(t, r.error)} ${r.error.message}`);
      return;
    }
    void message.success(t('roster.calendar.saved', { year: r.value.year, count: r.value.days }));
    setText('');
    onClose(r.value.year);
  };

  return (
    <Modal open={open} title={t('roster.calendar.json.title')} onCancel={() => onClose(null)} destroyOnHidden onOk={() => void run()} okText={t('roster.import.run')} okButtonProps={{ 'data-testid': 'holiday-json-run' } as React.ComponentProps<typeof Button>}>
      <Flex vertical gap={8}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('roster.calendar.json.intro')}
        </Typography.Paragraph>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          style={{ display: 'none' }}
          data-testid="holiday-json-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void f.text().then(setText);
            setProblem(null);
          }}
        />
        <Button onClick={() => input.current?.click()} style={{ alignSelf: 'flex-start' }}>
          {t('roster.calendar.json.file')}
        </Button>
        <Input.TextArea rows={8} value={text} onChange={(e) => setText(e.target.value)} aria-label={t('roster.calendar.json.title')} data-testid="holiday-json-text" style={{ fontFamily: 'monospace' }} />
        {problem && <Alert type="error" showIcon message={problem} data-testid="holiday-json-problem" />}
      </Flex>
    </Modal>
  );
}
