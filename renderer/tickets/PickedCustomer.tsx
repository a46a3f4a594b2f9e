import { Button } from 'antd';
import type { Customer } from '../../shared/customers/schema.js';
import { CustomerCard } from './CustomerCard.js';

interface Props {
  /** injected by Form.Item (the customer id); the card shows `customer` */
  value?: string;
  id?: string;
  customer: Customer;
  actionLabel: string;
  actionTestId: string;
  onAction(): void;
}

export function PickedCustomer({ id, customer, actionLabel, actionTestId, onAction }: Props): React.JSX.Element {
  return (
    <div id={id}>
      <CustomerCard
        customer={customer}
        testId="customer-picked"
        extra={
          <Button size="small" type="link" onClick={onAction} data-testid={actionTestId}>
            {actionLabel}
          </Button>
        }
      />
    </div>
  );
}
