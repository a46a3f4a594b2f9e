import { DatePicker, Form, Input, Select } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ANNOUNCEMENT_LEVELS } from '../../shared/announcements/rules.js';
import { AnnouncementInputSchema, AnnouncementUpdateSchema, type Announcement } from '../../shared/announcements/schema.js';
import { SubmitDialog } from '../app/SubmitDialog.js';
import { useDialogSubmit } from '../work/useDialogSubmit.js';

interface Values {
  title?: string;
  body?: string;
  level?: Announcement['level'];
  team?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}
const FIELDS = ['title', 'body', 'level', 'team', 'validFrom', 'validTo'] as const;
const EVERYONE = '';

interface Props {
  /** absent: a new announcement */
  editing?: Announcement;
  /** the teams this user may publish to (a supervisor: their own) */
  teams: readonly string[];
  onCancel(): void;
  onDone(a: Announcement): void;
}

/** Publishes or edits an announcement: title, text, level, to whom, from / until (checked: until after from). */
export function AnnouncementDialog(p: Props): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { saving, error, validate, send } = useDialogSubmit(form, FIELDS);
  const e = p.editing;

  const submit = async (): Promise<void> => {
    if (saving) return;
    const v = form.getFieldsValue(true);
    const fields = {
      title: v.title ?? '',
      body: v.body ?? '',
      level: v.level ?? 'info',
      team: v.team ? v.team : null,
      validFrom: v.validFrom ? v.validFrom.toISOString() : '',
      validTo: v.validTo ? v.validTo.toISOString() : '',
    };
    if (e) {
      const valid = validate(AnnouncementUpdateSchema, { id: e.id, ...fields });
      if (valid) await send('announcements:update', valid, p.onDone);
    } else {
      const valid = validate(AnnouncementInputSchema, fields);
      if (valid) await send('announcements:publish', valid, p.onDone);
    }
  };

  const dateProps = { showTime: { format: 'HH:mm' }, format: 'YYYY-MM-DD HH:mm', style: { width: '100%' } } as const;
  return (
    <SubmitDialog
      title={e ? t('notices.form.titleEdit') : t('notices.form.titleNew')}
      okText={e ? t('notices.form.save') : t('notices.form.submit')}
      width={560}
      saving={saving}
      error={error}
      onSubmit={() => void submit()}
      onCancel={p.onCancel}
      okButtonProps={{ 'data-testid': 'announcement-submit' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'announcement-cancel' } as ButtonProps}
      testId="announcement-dialog"
      dataTo=""
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{
          title: e?.title ?? '',
          body: e?.body ?? '',
          level: e?.level ?? 'outage',
          team: e?.team ?? EVERYONE,
          validFrom: e ? dayjs(e.validFrom) : dayjs().startOf('minute'),
          validTo: e ? dayjs(e.validTo) : dayjs().add(4, 'hour').startOf('minute'),
        }}
      >
        <Form.Item name="title" label={t('notices.form.title')} required>
          <Input autoFocus maxLength={200} data-testid="announcement-title" />
        </Form.Item>
        <Form.Item name="body" label={t('notices.form.body')} required>
          <Input.TextArea rows={3} showCount maxLength={4_000} data-testid="announcement-body" />
        </Form.Item>
        <Form.Item name="level" label={t('notices.form.level')} required>
          <Select data-testid="announcement-level" options={ANNOUNCEMENT_LEVELS.map((l) => ({ value: l, label: t(`notices.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="team" label={t('notices.form.audience')} required>
          <Select data-testid="announcement-team" options={[{ value: EVERYONE, label: t('notices.form.everyone') }, ...p.teams.map((x) => ({ value: x, label: x }))]} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('notices.form.validFrom')} required>
          <DatePicker {...dateProps} data-testid="announcement-from" />
        </Form.Item>
        <Form.Item name="validTo" label={t('notices.form.validTo')} required>
          <DatePicker {...dateProps} data-testid="announcement-to" />
        </Form.Item>
      </Form>
    </SubmitDialog>
  );
}
