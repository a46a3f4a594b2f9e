import { AppError } from '../../../shared/result.js';

export const USAGE = `Usage: npm run -s cli -- --data DIR <command>

Commands:
  tickets create --json '<ticket input>'
  tickets update ID --json '<changed fields>'
  tickets list [--status S[,S...]] [--q TEXT] [--assignee ID] [--limit N] [--offset N]
  tickets get ID
  tickets transition ID STATUS [--note TEXT] [--resolution TEXT]
  kb add --json '<article>'
                 {"title","body","product","category","tags":[...],"status":"draft"|"published"};
                 prints the stored article (with its id)
  kb import --file ARTICLES.jsonl
                 one article per line (as kb add), all in one transaction: a bad line is
                 VALIDATION_FAILED "line N: ..." and nothing is imported; prints {"imported":n}
  kb search "QUERY" [--limit N] [--offset N]
                 published articles, best first: [{"id","title","score","snippet"}]; words as agents
                 type them (Chinese without spaces, questions, synonyms); "quoted" text is exact;
                 --offset pages on (every match is reachable)
  kb suggest "TEXT" [--limit N]
                 articles for a ticket description, best first: [{"id","title","score"}]
  kb get ID
  kb reindex     rebuilds the search index; prints {"articles":n,"tookMs":n}
  doctor
  login --server URL --username U [--password P]
                 sign in to a sync server (password from --password or $HOTLINE_PASSWORD);
                 prints {"server","user"}; the token goes to DIR/sync-session.json (mode 0600)
  sync           one full round (push everything queued, then pull); prints
                 {"pushed":n,"pulled":n,"pending":n,"problems":n}
  sync status    the sync state: signed_out, offline, idle, paused or auth_required, with counts
  agent add --username U --password P --role agent|senior|supervisor|admin [--name N] [--team T]
                 a standalone account of this PC (password from --password or $HOTLINE_PASSWORD,
                 at least 8 characters); prints the account, never the password or its hash
  agent state [--agent U]
                 the current state of every agent in this PC's log, most recent first:
                 [{"agentId","state","reason","since"}]
  calls list [--today] [--limit N]
                 calls, newest first (--today: rang since local midnight), as the app shows them
  callbacks list every owner's scheduled callbacks
  wallboard [--team T]
                 today's live figures as the wallboard shows them (center, or one team), each
                 {"value","band"}; band green|amber|red|none
  report summary --from YYYY-MM-DD --to YYYY-MM-DD [--team T]
                 {"from","to","tickets":{"created","resolved","byCategory":{"<category>":{"created","resolved"}},
                 "byChannel":{"<channel>":{"created"}}},"calls":{"offered","answered","abandoned","serviceLevel",
                 "asaSeconds","ahtSeconds"},"kpi":{"fcr","csat","slaMet"}}; percentages 0-100, null without data
  report agents --from YYYY-MM-DD --to YYYY-MM-DD [--team T]
                 the agent KPI sheet: [{"agentId","callsAnswered","ahtSeconds","ticketsResolved","fcr","slaMet",
                 "csat","quality"}]; days are the center's (its UTC offset), both dates included;
                 quality: record accuracy, the mean quality-review score (0-100), null without reviews
  report export --kind summary|agents|problems --from YYYY-MM-DD --to YYYY-MM-DD --format xlsx|csv
                --out FILE [--team T]
                 writes the report (xlsx: a sheet per section; csv: UTF-8 with BOM) and prints
                 {"file","rows"}; every export is recorded in the audit (locally, then on the server)
  duty set --json '{"date","start","end","agentId","phone","backupId"}'
                 an after-hours duty (值班; "id" to replace one); an end at or before the start is the
                 next day; prints the entry with its "conflicts" (flagged, never refused): on_leave,
                 shift_overlap, backup_is_agent, backup_on_leave
  duty list --from YYYY-MM-DD --to YYYY-MM-DD
                 the duty roster of those dates (both included), by date and start
  shifts set --json '{"code":"D","name":"白班","start":"08:30","end":"17:30","breakMinutes":60}'
                 creates or replaces a shift type (an end at or before the start is the next day);
                 prints the shift {"code","name","start","end","breakMinutes"}
  shifts list    the shift types in use, by code (same shape)
  holidays list --year YYYY
                 the year's listed days by date: [{"date","kind","name"}], kind statutory|holiday_rest|
                 adjusted_workday (2026 is built in)
  holidays import --file YEAR.json
                 a whole year in that same shape, replacing the year's listed days; all or nothing;
                 prints {"year","imported"}
  roster import --file F.csv|F.xlsx
                 the wide grid (agent[,name],<date>,<date>...; an empty cell is rest) or the long form
                 agent,date,entry (entry: a shift code, rest or leave:<type>); all or nothing, a bad cell
                 named by its line and column (ROSTER_FILE_INVALID, AGENT_UNKNOWN, SHIFT_UNKNOWN);
                 prints {"imported":n}
  roster export --month YYYY-MM --format csv|xlsx --out FILE [--team T] [--shape wide|long]
                 the month's roster (default: the wide grid; csv: UTF-8 with BOM); prints {"file","rows"}
  agent log import --file LINES.jsonl --reason TEXT
                 corrections / an old system's lines: one {"agentId","state","reason"?,"at"} per line (at: ISO 8601
                 with offset); all or nothing, a bad line is VALIDATION_FAILED "line N: ..."; prints {"imported":n}
  attendance month --month YYYY-MM [--team T] [--agent U]
                 {"month","agents":[{"agentId","days":[{"date","dayType","entry","status","firstIn","lastOut",
                 "lateMinutes","earlyMinutes","overtime":{"workday","restday","holiday"}}],"totals":{...}}]};
                 status normal|late|early|late_early|absent|leave|rest; overtime in minutes as computed
  attendance export --month YYYY-MM --format xlsx|csv --out FILE [--team T]
                 the 月度考勤表; prints {"file","rows"} (audited)
  overtime list --month YYYY-MM [--status pending|approved|rejected]
                 [{"id","agentId","date","kind","minutes","status","approvedMinutes","compensation"}]
  overtime approve ID [--minutes N] [--compensation pay|time_off]
                 minutes may only be lowered; time_off only for rest-day overtime; prints the claim with
                 its Labour Law art. 41 warnings
  overtime reject ID --reason TEXT
  overtime export --month YYYY-MM --format xlsx|csv --out FILE [--team T]
                 the 加班统计表 (approved overtime only); prints {"file","rows"} (audited)
  teams list     the teams: [{"id","name","leader","active","members"}] (records, and teams only named on accounts)
  teams set --json '{"id","name","leader"}'
                 creates a team or renames it / sets its leader (a senior, supervisor or admin; null clears);
                 "active":false deactivates an empty team; prints the team (LEADER_UNKNOWN, LEADER_ROLE,
                 TEAM_HAS_MEMBERS)
  skills list    the skill list: [{"code","kind","name","retired"}], kind product|language
  skills set --json '{"code","kind","name"}'
                 adds or renames a skill ("retired":true retires it); prints the skill
  agent profile list
                 every account's profile: [{"agentId","team","seat","skills","joinedOn"}]
  agent profile set --json '{"agentId","team","seat","skills":[...],"joinedOn"}'
                 an agent's team, seat number (unique among active agents: SEAT_TAKEN), skill codes (from the
                 skill list: SKILL_UNKNOWN) and join date (YYYY-MM-DD, not in the future: JOIN_DATE_FUTURE);
                 absent fields keep their value; prints the profile

Options:
  --data DIR     data folder (default: $HOTLINE_DATA_DIR)
  --actor ID     who is acting, recorded in ticket history and as article author
                 (default: $HOTLINE_ACTOR or "cli"; the signed-in user once logged in)

Prints JSON on stdout. Errors print {"error":{"code","message"}} on stderr and exit 2
(e.g. ACCOUNT_EXISTS, SYNC_NOT_SIGNED_IN, SYNC_OFFLINE: the server cannot be reached and nothing queued is
lost, SYNC_AUTH_FAILED: wrong password or an expired session); doctor exits 1 when the
data folder is not healthy.`;

/** Bad command lines are reported like invalid input: admins' scripts branch on one code. */
export function usageError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${message}. Run with --help for usage.`);
}
