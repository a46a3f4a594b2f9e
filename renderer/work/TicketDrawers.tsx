import { TicketDetailDrawer } from '../tickets/TicketDetailDrawer.js';
import { TicketFormDrawer } from '../tickets/TicketFormDrawer.js';

/**
 * The ticket detail (and its edit form) over a work screen: the agent opens a
 * ticket from My day or the queue and stays where the work list is.
 */
export function TicketDrawers(): React.JSX.Element {
  return (
    <>
      <TicketDetailDrawer />
      <TicketFormDrawer />
    </>
  );
}
