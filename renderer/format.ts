import dayjs from 'dayjs';

const DATE_TIME = 'YYYY-MM-DD HH:mm';
const DATE_TIME_SECONDS = 'YYYY-MM-DD HH:mm:ss';

export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format(withSeconds ? DATE_TIME_SECONDS : DATE_TIME) : iso;
}
