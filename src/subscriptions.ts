/**
 * Joining a sandbox's live events: the checks and the subscription behind the events
 * WebSocket (routes/events.ts), shared by the socket a server thread upgrades itself and
 * the one a front thread upgrades and relays (src/threads/shard-entry.ts).
 */
import type { AppContext } from './context.js';
import { CloseCode, Subscriber, type SocketLike } from './fanout.js';
import type { SandboxEntry } from './registry.js';

/** What an events request asks for, parsed. */
export interface EventsRequest {
  id: string;
  since: number | null;
  types: Set<string> | null;
}

/** Which subscriber cap a new subscriber to `entry` would pass, if any. */
export function subscribersFull(ctx: AppContext, entry: SandboxEntry): { limit: string; message: string } | null {
  const { maxSubscribersPerSandbox, maxSubscribers } = ctx.config.limits;
  if (entry.channel.subscriberCount >= maxSubscribersPerSandbox) {
    return { limit: 'maxSubscribersPerSandbox',
      message: `This sandbox already has ${maxSubscribersPerSandbox} subscribers (maxSubscribersPerSandbox); try again later.` };
  }
  if (ctx.subscribers.full) {
    return { limit: 'maxSubscribers', message: `This server already has ${maxSubscribers} subscribers (maxSubscribers); try again later.` };
  }
  return null;
}

/** A socket the fan-out writes to, which says when its peer has gone. */
export interface SubscriberSocket extends SocketLike {
  on(event: 'close', listener: () => void): unknown;
}

/**
 * Subscribe an upgraded `socket` to `p.id`'s events: replayed after `since`, then live.
 * Upgrades run concurrently, so the caps checked before the upgrade are checked again here
 * (a sandbox deleted meanwhile closes with 4410, a cap reached meanwhile with 1013). The
 * subscriber's slot is given back exactly once, when the socket closes.
 */
export function attachSubscriber(ctx: AppContext, p: EventsRequest, socket: SubscriberSocket): void {
  const entry = ctx.registry.get(p.id);
  if (entry === undefined) {
    socket.close(CloseCode.SandboxGone, 'sandbox gone');
    return;
  }
  const full = subscribersFull(ctx, entry);
  if (full || !ctx.subscribers.tryAcquire()) {
    socket.close(CloseCode.TryAgainLater, `too many subscribers (${full?.limit ?? 'maxSubscribers'})`);
    return;
  }
  const sub = new Subscriber(socket, p.types, ctx.config.limits.wsMaxBufferedBytes);
  const unsubscribe = entry.channel.subscribe(sub, p.since);
  socket.on('close', () => {
    sub.closed = true;
    unsubscribe();
    ctx.subscribers.release();
  });
}
