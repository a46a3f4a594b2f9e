/**
 * NOTIFY channels shared by every server process on one database. A poke's
 * payload is `{"seq":N}` (sent in the pushing transaction, so it is delivered
 * only once the change is committed); a presence payload is `{"team":T}`;
 * a user payload `{"userId":U}`.
 */
export const POKE_CHANNEL = 'hw_poke';
export const PRESENCE_CHANNEL = 'hw_presence';
/** `{"userId":U}`: an admin changed the user (role, team, password, disabled), sent in the changing transaction */
export const USER_CHANNEL = 'hw_user';
