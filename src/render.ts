/**
 * Pictures: Graphviz source rendered to SVG by @viz-js/viz (Graphviz compiled to
 * WebAssembly: no system install, the same output on every machine). The WebAssembly module
 * is instantiated once, on the first picture asked for.
 */
import { instance, type Viz } from '@viz-js/viz';

let viz: Promise<Viz> | null = null;

/**
 * Nodes one SVG picture may hold. Layout runs on the event loop and its cost grows faster
 * than the node count (200 nodes: about half a second on a loaded 2-core machine).
 */
export const MAX_SVG_NODES = 200;

/** `dot` laid out by Graphviz's dot engine, as an SVG document; throws when Graphviz refuses the source. */
export async function dotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  return (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
}
