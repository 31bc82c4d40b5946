/** The sweep protocols by name. */
import { p1Protocol } from './p1-protocol.ts';
import { p2Protocol } from './p2-protocol.ts';
import { p3Protocol } from './p3-protocol.ts';
import { p4Protocol } from './p4-protocol.ts';
import type { Protocol, ProtocolName } from './protocol.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const PROTOCOLS: Record<ProtocolName, Protocol<any>> = { P1: p1Protocol, P2: p2Protocol, P3: p3Protocol, P4: p4Protocol };
