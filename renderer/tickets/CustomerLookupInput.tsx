import { AutoComplete, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../shared/customers/schema.js';
import { useCustomerSearch } from './useCustomerSearch.js';

interface Props {
  /** from Form.Item: the text in the box */
  value?: string;
  onChange?(value: string): void;
  id?: string;
  onPick(customer: Customer): void;
  placeholder: string;
  ariaLabel: string;
  testId: string;
  autoFocus?: boolean;
  /** an error status from Form.Item, passed on to the input */
  status?: '' | 'error' | 'warning';
}

/**
 * A text box that doubles as the customer lookup: typing a phone number or a
 * name offers existing customers; picking one switches the ticket to that
 * customer instead of registering the typed text as a new one.
 */
export function CustomerLookupInput({ value, onChange, id, onPick, placeholder, ariaLabel, testId, autoFocus, status }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { results, search } = useCustomerSearch();
  const ids = new Set(results.map((c) => c.id));
  const separator = t('common.listSeparator');
  const options = results.map((c) => ({
    value: c.id,
    label: (
      <div data-testid="customer-option" data-customer-id={c.id}>
        <Typography.Text strong>{c.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {c.phones.map((p) => p.raw).join(separator)}
        </Typography.Text>
        {c.organisation && <div className="customer-option-org">{c.organisation}</div>}
      </div>
    ),
  }));

  return (
    <AutoComplete
      value={value}
      options={options}
      onSearch={search}
      // Picking an option reports the option's id as the new text; that must not overwrite what the agent typed.
      onChange={(v: string) => {
        if (!ids.has(v)) onChange?.(v);
      }}
      onSelect={(customerId: string) => {
        const picked = results.find((c) => c.id === customerId);
        if (picked) onPick(picked);
      }}
      // No "no match" popup: it would cover the field's error message, and a new caller is the normal case.
      notFoundContent={null}
      popupMatchSelectWidth={360}
    >
      <Input id={id} placeholder={placeholder} aria-label={ariaLabel} data-testid={testId} autoFocus={autoFocus} status={status} autoComplete="off" />
    </AutoComplete>
  );
}
