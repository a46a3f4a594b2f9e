import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, CHANNELS, LIMITS, SEVERITIES, TicketInputSchema } from '../../shared/tickets/schema.js';
import { textCount } from './textCount.js';
import { zodRule } from './zodRule.js';
import { searchable } from '../app/selectSearch.js';

const shape = TicketInputSchema.shape;

export function TicketProblemFields(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="subject" label={t('fields.subject')} required rules={[zodRule(t, shape.subject)]}>
        <Input placeholder={t('tickets.form.subjectPlaceholder')} aria-label={t('fields.subject')} data-testid="field-subject" count={textCount(LIMITS.subject)} />
      </Form.Item>
      {/* The severity buttons need the widest column: side by side they are one click, wrapped they read as two groups. */}
      <Row gutter={12}>
        <Col span={7}>
          <Form.Item name="category" label={t('fields.category')} required rules={[zodRule(t, shape.category)]}>
            <Select
              {...searchable}
              aria-label={t('fields.category')}
              data-testid="field-category"
              placeholder={t('fields.category')}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="channel" label={t('fields.channel')} required rules={[zodRule(t, shape.channel)]}>
            <Select {...searchable} aria-label={t('fields.channel')} data-testid="field-channel" options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col span={11}>
          <Form.Item name="severity" label={t('fields.severity')} required rules={[zodRule(t, shape.severity)]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              aria-label={t('fields.severity')}
              data-testid="field-severity"
              options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="product" label={t('fields.product')} rules={[zodRule(t, shape.product, { optional: true })]}>
            <Input placeholder={t('tickets.form.productPlaceholder')} aria-label={t('fields.product')} data-testid="field-product" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="deviceModel" label={t('fields.deviceModel')} rules={[zodRule(t, shape.deviceModel, { optional: true })]}>
            <Input placeholder={t('tickets.form.deviceModelPlaceholder')} aria-label={t('fields.deviceModel')} data-testid="field-device-model" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('fields.description')} required rules={[zodRule(t, shape.description)]}>
        <Input.TextArea
          placeholder={t('tickets.form.descriptionPlaceholder')}
          aria-label={t('fields.description')}
          data-testid="field-description"
          autoSize={{ minRows: 4, maxRows: 12 }}
          count={textCount(LIMITS.description)}
        />
      </Form.Item>
    </>
  );
}
