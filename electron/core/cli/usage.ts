import { AppError } from '../../../shared/result.js';

export const USAGE = `Usage: npm run -s cli -- --data DIR <command>

Commands:
  tickets create --json '<ticket input>'
  tickets update ID --json '<changed fields>'
  tickets list [--status S[,S...]] [--q TEXT] [--assignee ID] [--limit N] [--offset N]
  tickets get ID
  tickets transition ID STATUS [--note TEXT] [--resolution TEXT]
  doctor

Options:
  --data DIR     data folder (default: $HOTLINE_DATA_DIR)
  --actor ID     who is acting, recorded in ticket history (default: $HOTLINE_ACTOR or "cli")

Prints JSON on stdout. Errors print {"error":{"code","message"}} on stderr and exit 2;
doctor exits 1 when the data folder is not healthy.`;

/** Bad command lines are reported like invalid input: admins' scripts branch on one code. */
export function usageError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${message}. Run with --help for usage.`);
}
