import { useTranslation } from 'react-i18next';

/**
 * A phone number as a tel: link. The desk (useDeskRuntime) turns a click or
 * Enter on any tel: link into the new-call dialog with the number filled
 * in, so a number on a card, a callback or a ticket is one keystroke from a
 * call; outside the desk the link does what the system does with tel:.
 */
export function PhoneLink({ number, testId }: { number: string; testId?: string }): React.JSX.Element {
  const { t } = useTranslation();
  // tel: URIs carry no spaces; the text keeps the number as it was written
  const href = `tel:${number.replace(/\s+/g, '')}`;
  return (
    <a href={href} className="one-line" aria-label={t('desk.call.dialNumber', { number })} title={t('desk.call.dialNumber', { number })} data-testid={testId}>
      {number}
    </a>
  );
}
