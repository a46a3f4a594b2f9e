import type { EventName, EventPayload } from '../../../shared/contract.js';
import type { CallCommandName } from '../../../shared/desk/callControl.js';
import type { Call } from '../../../shared/desk/schema.js';
import { AppError, toErrorData } from '../../../shared/result.js';
import type { DomainContext } from '../domain/context.js';
import type { SqlReader } from '../store/types.js';
import type { PhoneConnector } from './callControl.js';
import { getCall, pendingWrapUp, type CallService } from './calls.js';
import type { DeskHandlers } from './channels.js';
import { readConsoleConfig } from './config.js';
import type { DeskSession } from './session.js';

/**
 * The agent's actions with a call-control connector configured (issue 14).
 * The order is always: the console's own checks (nothing is sent for an
 * action it would refuse), then the command, then, only once the phone
 * system acknowledged it, the local write. A failed command changes nothing
 * here (a hold that fails leaves the call talking, a ready that fails leaves
 * the agent as they were) and the agent reads why. Two exceptions keep the
 * record: a disposition is saved whatever the phone system says (only the
 * `ready` that follows it waits for the acknowledgement), and `localOnly`
 * ends a call's record here when the phone system cannot be told. Without a
 * connector every handler is exactly the manual one.
 */

export interface PhoneHandlerDeps {
  ctx: DomainContext;
  session: DeskSession;
  calls: CallService;
  connector: PhoneConnector;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

type PhoneChannel = 'calls:start' | 'calls:answer' | 'calls:hold' | 'calls:resume' | 'calls:hangup' | 'calls:wrapUp' | 'agent:setState';

/** Where each command leaves the call: an event from the phone system may have put it there first. */
const REACHED: Record<CallCommandName, readonly Call['status'][]> = {
  answer: ['talking', 'held'],
  hold: ['held'],
  resume: ['talking'],
  hangup: ['wrap_up', 'ended', 'missed'],
};

export function createPhoneHandlers(deps: PhoneHandlerDeps): Pick<DeskHandlers, PhoneChannel> {
  const { ctx, session, calls, connector, emit } = deps;
  const pending = (r: SqlReader, agentId: string): boolean => pendingWrapUp(r, agentId, ctx.now()) !== undefined;
  const agentName = (): string => session.requireAgent().username;

  async function callAction(action: CallCommandName, id: string, apply: () => Call): Promise<Call> {
    if (!connector.configured()) return apply();
    const call = calls.check(id, action);
    // "Answered" on a call the agent dialled marks the customer reached: nothing for the phone system to do.
    if (!(action === 'answer' && call.direction === 'outbound')) {
      await connector.send({ command: action, callId: call.externalId, deskCallId: call.id, number: call.number }, agentName());
    }
    try {
      return apply();
    } catch (e) {
      const now = ctx.store.read((r) => getCall(r, id));
      if (e instanceof AppError && e.code === 'CALL_STATE_INVALID' && REACHED[action].includes(now.status)) return now;
      throw e;
    }
  }

  /** A state command that follows a kept action: a failure is told to the console, the action stands. */
  async function follow(state: 'ready' | 'after_call_work'): Promise<boolean> {
    try {
      await connector.send({ command: 'state', state, reason: null, reasonLabel: null }, agentName());
      return true;
    } catch (e) {
      emit('cti:phoneProblem', { command: 'state', state, error: toErrorData(e) });
      return false;
    }
  }

  return {
    'calls:start': async (req) => {
      // An inbound call logged by hand is already on the line: nothing to dial.
      if (!connector.configured() || req.direction === 'inbound') return calls.start(req);
      const { number, agentId } = calls.checkStart(req);
      const id = ctx.newId();
      const ack = await connector.send({ command: 'dial', number, deskCallId: id, callbackId: req.callbackId ?? null }, agentId);
      return calls.start(req, { id, externalId: ack?.callId ?? null });
    },
    'calls:answer': (req) => callAction('answer', req.id, () => calls.answer(req.id)),
    'calls:hold': (req) => callAction('hold', req.id, () => calls.hold(req.id)),
    'calls:resume': (req) => callAction('resume', req.id, () => calls.resume(req.id)),
    'calls:hangup': async (req) => {
      if (req.localOnly) return calls.hangup(req.id);
      const configured = connector.configured();
      const call = await callAction('hangup', req.id, () => calls.hangup(req.id));
      // An answered call leaves the agent in after-call work: the phone system must not send the next call yet.
      if (configured && call.status === 'wrap_up') await follow('after_call_work');
      return call;
    },
    'calls:wrapUp': async (req) => {
      if (!connector.configured() || !req.ready) return calls.wrapUp(req);
      // The disposition is the call's record: kept whatever the phone system says.
      const saved = calls.wrapUp({ ...req, ready: false });
      if (!(await follow('ready'))) return saved;
      try {
        session.setState('ready', undefined, pending);
      } catch (e) {
        // The after-call limit passed meanwhile and logged the agent ready already.
        if (!(e instanceof AppError && e.code === 'AGENT_STATE_INVALID')) throw e;
      }
      return ctx.store.read((r) => getCall(r, saved.id));
    },
    'agent:setState': async (req) => {
      if (!connector.configured()) return session.setState(req.state, req.reason, pending);
      session.checkState(req.state, req.reason, pending);
      const label = req.state === 'not_ready' ? (ctx.store.read((r) => readConsoleConfig(r)).notReadyReasons.find((x) => x.code === req.reason)?.label ?? null) : null;
      await connector.send({ command: 'state', state: req.state, reason: req.state === 'not_ready' ? (req.reason ?? null) : null, reasonLabel: label }, agentName());
      return session.setState(req.state, req.reason, pending);
    },
  };
}
