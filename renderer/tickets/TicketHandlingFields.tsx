import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS, TicketInputSchema } from '../../shared/tickets/schema.js';
import { searchable } from '../app/selectSearch.js';
import { useLive } from '../work/useLive.js';
import { textCount } from './textCount.js';
import { zodRule } from './zodRule.js';
// ---- issue 16 point 1: seats and skills in the pickers
import { personOption, teamOption } from '../work/pickerOptions.js';

const shape = TicketInputSchema.shape;

export function TicketHandlingFields(): React.JSX.Element {
  const { t } = useTranslation();
  // Real accounts and teams only: a typed name that matches nobody sent the resolution follow-up to nobody.
  const directory = useLive('directory:list', {});
  const people = directory.value?.people ?? [];
  const teams = directory.value?.teams ?? [];
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="assigneeId" label={t('fields.assigneeId')} rules={[zodRule(t, shape.assigneeId, { optional: true })]}>
            <Select
              {...searchable}
              allowClear
              placeholder={t('tickets.form.assigneePick')}
              aria-label={t('fields.assigneeId')}
              data-testid="field-assignee"
              notFoundContent={t('tickets.form.nobodyFound')}
              // Found by display name (in pinyin too), username, seat or skill (粤语, IPTV); the value stays the username.
              optionLabelProp="name"
              options={people.map((p) => ({ ...personOption(p, t), name: p.displayName === p.username ? p.username : `${p.displayName}（${p.username}）` }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="team" label={t('fields.team')} rules={[zodRule(t, shape.team, { optional: true })]}>
            <Select
              {...searchable}
              allowClear
              placeholder={t('tickets.form.teamPick')}
              aria-label={t('fields.team')}
              data-testid="field-team"
              notFoundContent={t('tickets.form.noTeamFound')}
              optionLabelProp="name"
              options={(directory.value?.teamList ?? teams.map((id) => ({ id, name: id, leader: null }))).map((team) => ({ ...teamOption(team, people, t), name: team.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="stepsTaken" label={t('fields.stepsTaken')} rules={[zodRule(t, shape.stepsTaken, { optional: true })]}>
        <Input.TextArea
          placeholder={t('tickets.form.stepsPlaceholder')}
          aria-label={t('fields.stepsTaken')}
          data-testid="field-steps-taken"
          autoSize={{ minRows: 2, maxRows: 8 }}
          count={textCount(LIMITS.longText)}
        />
      </Form.Item>
      <Form.Item name="resolution" label={t('fields.resolution')} rules={[zodRule(t, shape.resolution, { optional: true })]}>
        <Input.TextArea
          placeholder={t('tickets.form.resolutionPlaceholder')}
          aria-label={t('fields.resolution')}
          data-testid="field-resolution"
          autoSize={{ minRows: 2, maxRows: 8 }}
          count={textCount(LIMITS.longText)}
        />
      </Form.Item>
    </>
  );
}
