import { dialableNumber } from '../phone.js';

/**
 * The number of a `tel:` (or `callto:`) link the operating system handed
 * the workstation on its command line: clicked in a browser, Outlook or an
 * IM program, it starts the app (or reaches the running one as a second
 * instance's argv). Null when no argument is such a link, or it holds
 * nothing dialable.
 */
export function telFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const m = /^(?:tel|callto):(?:\/\/)?(.*)$/i.exec(arg.trim());
    if (!m) continue;
    const number = dialableNumber(`tel:${m[1] ?? ''}`);
    if (number) return number;
  }
  return null;
}
