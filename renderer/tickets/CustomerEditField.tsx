import { Form } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../shared/customers/schema.js';
import { CustomerLookupInput } from './CustomerLookupInput.js';
import type { TicketFormValues } from './formModel.js';
import { PickedCustomer } from './PickedCustomer.js';

interface Props {
  form: FormInstance<TicketFormValues>;
  customer: Customer;
  onPicked(customer: Customer): void;
}

/** Editing can only move a ticket to another existing customer (the contract's `customerId`). */
export function CustomerEditField({ form, customer, onPicked }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const [searching, setSearching] = useState(false);
  const [text, setText] = useState('');

  return (
    <>
      <Form.Item name="customerId" style={{ marginBottom: 8 }}>
        <PickedCustomer customer={customer} actionLabel={t('tickets.form.useOtherCustomer')} actionTestId="customer-change" onAction={() => setSearching((s) => !s)} />
      </Form.Item>
      {searching && (
        <Form.Item label={t('tickets.form.lookupLabel')}>
          <CustomerLookupInput
            autoFocus
            value={text}
            onChange={setText}
            onPick={(picked) => {
              form.setFieldValue('customerId', picked.id);
              onPicked(picked);
              setSearching(false);
              setText('');
            }}
            placeholder={t('tickets.form.lookupPlaceholder')}
            ariaLabel={t('tickets.form.lookupLabel')}
            testId="customer-lookup"
          />
        </Form.Item>
      )}
    </>
  );
}
