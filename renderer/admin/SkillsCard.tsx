import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIssuesFrom, type AppErrorData } from '../../shared/result.js';
import { SkillSetSchema, type Skill } from '../../shared/teams/schema.js';
import { call } from '../api/client.js';
import { clearEditedErrors } from '../app/formErrors.js';
import { searchable } from '../app/selectSearch.js';
import { errorText } from '../i18n/messages.js';
import { showIssues } from '../work/formIssues.js';

interface Values {
  code?: string;
  kind?: Skill['kind'];
  name?: string;
  retired?: boolean;
}
const FIELDS = ['code', 'kind', 'name', 'retired'] as const;

/** The admin's skill list (product lines and languages): add, rename, retire (issue 16 point 1). */
export function SkillsCard({ skills, onChanged }: { skills: readonly Skill[]; onChanged: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const kindLabel = (k: Skill['kind']) => (k === 'product' ? t('teams.skills.kindProduct') : t('teams.skills.kindLanguage'));

  const open = (s: Skill | 'new'): void => {
    setEditing(s);
    setError(null);
    form.resetFields();
    form.setFieldsValue(s === 'new' ? { kind: 'product', retired: false } : { ...s });
  };

  const save = async (): Promise<void> => {
    const parsed = SkillSetSchema.safeParse(form.getFieldsValue(true));
    if (!parsed.success) {
      showIssues(form, t, fieldIssuesFrom(parsed.error), FIELDS);
      return;
    }
    const r = await call('skills:set', parsed.data);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(t('teams.skills.saved', { name: r.value.name }));
    setEditing(null);
    onChanged();
  };

  return (
    <Card
      size="small"
      title={t('teams.skills.title')}
      data-testid="skills-card"
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="skill-add">
          {t('teams.skills.add')}
        </Button>
      }
    >
      {editing !== null && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 8, rowGap: 8 }}
          onValuesChange={(changed) => {
            clearEditedErrors(form, changed);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
          }}
          data-testid="skill-form"
        >
          {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} style={{ width: '100%', marginBottom: 8 }} />}
          <Form.Item name="code" label={t('teams.skills.code')} htmlFor="skill-code" tooltip={t('teams.skills.codeHelp')}>
            <Input id="skill-code" maxLength={32} style={{ width: 130 }} disabled={editing !== 'new'} autoFocus={editing === 'new'} data-testid="skill-code" />
          </Form.Item>
          <Form.Item name="kind" label={t('teams.skills.kind')} htmlFor="skill-kind">
            <Select {...searchable} id="skill-kind" style={{ width: 110 }} options={(['product', 'language'] as const).map((k) => ({ value: k, label: kindLabel(k) }))} data-testid="skill-kind" />
          </Form.Item>
          <Form.Item name="name" label={t('teams.skills.name')} htmlFor="skill-name">
            <Input id="skill-name" maxLength={40} style={{ width: 130 }} autoFocus={editing !== 'new'} data-testid="skill-name" />
          </Form.Item>
          <Form.Item name="retired" label={t('teams.skills.retired')} valuePropName="checked" htmlFor="skill-retired">
            <Switch id="skill-retired" size="small" />
          </Form.Item>
          <Flex gap={6}>
            <Button type="primary" size="small" onClick={() => void save()} data-testid="skill-save">
              {t('teams.skills.save')}
            </Button>
            <Button size="small" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </Button>
          </Flex>
        </Form>
      )}
      <Table<Skill>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={[...skills]}
        columns={[
          { key: 'name', title: t('teams.skills.name'), dataIndex: 'name', render: (n: string, s) => (s.retired ? <Flex gap={6}>{n}<Tag>{t('teams.skills.retiredTag')}</Tag></Flex> : n) },
          { key: 'kind', title: t('teams.skills.kind'), dataIndex: 'kind', render: kindLabel },
          { key: 'code', title: t('teams.skills.code'), dataIndex: 'code' },
          {
            key: 'edit',
            title: '',
            render: (_: unknown, s) => (
              <Button size="small" onClick={() => open(s)} aria-label={`${t('teams.skills.edit')} ${s.name}`} data-testid={`skill-edit-${s.code}`}>
                {t('teams.skills.edit')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
