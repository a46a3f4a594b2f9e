import { Col, Form, Input, Row, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { CustomerInputSchema, type Customer } from '../../shared/customers/schema.js';
import { CustomerLookupInput } from './CustomerLookupInput.js';
import type { TicketFormValues } from './formModel.js';
import { PickedCustomer } from './PickedCustomer.js';
import { zodRule } from './zodRule.js';

interface Props {
  form: FormInstance<TicketFormValues>;
  picked: Customer | null;
  onPicked(customer: Customer | null): void;
}

const shape = CustomerInputSchema.shape;

/** New-ticket customer section: type a new customer, or pick an existing one found by phone or name. */
export function CustomerFields({ form, picked, onPicked }: Props): React.JSX.Element {
  const { t } = useTranslation();

  const pick = (customer: Customer): void => {
    form.setFieldsValue({
      customerId: customer.id,
      customer: { name: customer.name, phone: customer.phones[0]?.raw ?? '', organisation: customer.organisation ?? '', address: customer.address ?? '' },
    });
    onPicked(customer);
    // The customer is settled; the agent's next question is what the problem is.
    window.setTimeout(() => form.focusField('subject'), 0);
  };

  const clear = (): void => {
    form.setFieldValue('customerId', undefined);
    onPicked(null);
    window.setTimeout(() => form.focusField(['customer', 'phone']), 0);
  };

  if (picked) {
    return (
      <Form.Item name="customerId" label={t('tickets.form.pickedCustomer')} style={{ marginBottom: 8 }}>
        <PickedCustomer customer={picked} actionLabel={t('tickets.form.clearCustomer')} actionTestId="customer-clear" onAction={clear} />
      </Form.Item>
    );
  }

  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['customer', 'phone']} label={t('fields.customerPhone')} required rules={[zodRule(t, shape.phone)]}>
            <CustomerLookupInput onPick={pick} placeholder={t('tickets.form.phonePlaceholder')} ariaLabel={t('fields.customerPhone')} testId="field-customer-phone" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['customer', 'name']} label={t('fields.customerName')} required rules={[zodRule(t, shape.name)]}>
            <CustomerLookupInput onPick={pick} placeholder={t('tickets.form.namePlaceholder')} ariaLabel={t('fields.customerName')} testId="field-customer-name" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['customer', 'organisation']} label={t('fields.organisation')} rules={[zodRule(t, shape.organisation, { optional: true })]}>
            <Input placeholder={t('tickets.form.organisationPlaceholder')} aria-label={t('fields.organisation')} data-testid="field-customer-organisation" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['customer', 'address']} label={t('fields.address')} rules={[zodRule(t, shape.address, { optional: true })]}>
            <Input placeholder={t('tickets.form.addressPlaceholder')} aria-label={t('fields.address')} data-testid="field-customer-address" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary" className="form-hint">
        {t('tickets.form.newCustomerHint')}
      </Typography.Text>
    </>
  );
}
