import type { Auth } from '../auth.js';
import type { Db } from '../db.js';
import type { EventHub } from '../events.js';
import type { Maintenance } from '../maintenance.js';

/** What every route module is given: the database and the services built on it. */
export interface Services {
  db: Db;
  auth: Auth;
  hub: EventHub;
  maintenance: Maintenance;
  log: (msg: string, err?: unknown) => void;
}
