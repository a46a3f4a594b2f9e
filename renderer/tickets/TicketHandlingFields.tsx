import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS, TicketInputSchema } from '../../shared/tickets/schema.js';
import { textCount } from './textCount.js';
import { zodRule } from './zodRule.js';

const shape = TicketInputSchema.shape;

export function TicketHandlingFields(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="assigneeId" label={t('fields.assigneeId')} rules={[zodRule(t, shape.assigneeId, { optional: true })]}>
            <Input placeholder={t('tickets.form.assigneePlaceholder')} aria-label={t('fields.assigneeId')} data-testid="field-assignee" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="team" label={t('fields.team')} rules={[zodRule(t, shape.team, { optional: true })]}>
            <Input placeholder={t('tickets.form.teamPlaceholder')} aria-label={t('fields.team')} data-testid="field-team" />
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
