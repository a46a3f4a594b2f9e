import type { Auth } from '../auth.js';
import type { Db } from '../db.js';
import type { EventHub } from '../events.js';
import type { Maintenance } from '../maintenance.js';
import type { PushQueue } from '../push.js';

/** What every route module is given: the database and the services built on it. */
export interface Services {
  db: Db;
  auth: Auth;
  hub: EventHub;
  maintenance: Maintenance;
  /** group commit of pushes */
  pushes: PushQueue;
  log: (msg: string, err?: unknown) => void;
}
