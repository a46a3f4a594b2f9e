import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../shared/customers/schema.js';
import { PhoneLink } from '../app/PhoneLink.js';

/** `column`: 1 in a narrow column (the console's screen-pop), where two pairs side by side would break the number. */
export function CustomerCard({ customer, testId = 'customer-card', extra, column = 2 }: { customer: Customer; testId?: string; extra?: React.ReactNode; column?: 1 | 2 }): React.JSX.Element {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Card size="small" title={t('tickets.detail.customerCard')} extra={extra} data-testid={testId}>
      <Descriptions
        size="small"
        column={column}
        items={[
          { key: 'name', label: t('fields.customerName'), children: (
              <span className="one-line" title={customer.name} data-testid="customer-card-name">
                {customer.name}
              </span>
            ),
          },
          {
            key: 'phones',
            label: t('tickets.detail.phones'),
            children: customer.phones.length
              ? customer.phones.map((p, i) => (
                  <span key={p.raw}>
                    {i > 0 && t('common.listSeparator')}
                    <PhoneLink number={p.raw} testId="customer-phone-link" />
                  </span>
                ))
              : none,
          },
          { key: 'org', label: t('fields.organisation'), children: customer.organisation || none },
          { key: 'address', label: t('fields.address'), children: customer.address || none },
        ]}
      />
    </Card>
  );
}
