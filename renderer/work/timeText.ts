/** Seconds as H:MM:SS (or M:SS under an hour): talk time and AHT the way call-center boards print them. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** The configured contact-rule interval in hours, as its texts print it: 4, 1.5, 0.25. */
export function ruleHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}
