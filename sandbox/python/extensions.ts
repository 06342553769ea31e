/**
 * Modules and builtin types that live in their own files, one line each. builtins.ts runs
 * every installer once, after its own modules and types exist.
 */
import type { Install } from './extension.js';
import { installMappingProxy } from './types/mappingproxy.js';
import { installCopy } from './modules/copy.js';
import { installCopyreg } from './modules/copyreg.js';
import { installWeakCollections } from './modules/weakref-collections.js';
import { installPprint } from './modules/pprint.js';
import { installWeakProxy } from './types/weakproxy.js';
import { installLinecache } from './modules/linecache.js';
import { installMath } from './modules/math.js';
import { installDeque } from './types/deque.js';
import { installDefaultDict } from './types/defaultdict.js';
import { installOrderedDict } from './types/ordereddict.js';
import { installCounter } from './types/counter.js';
import { installCollections } from './modules/collections.js';
import { installComplex } from './types/complex.js';

export const EXTENSIONS: Install[] = [
  installMappingProxy,
  installCopyreg,
  installCopy,
  installWeakCollections,
  installPprint,
  installWeakProxy,
  installLinecache,
  installMath,
  installDeque,
  installDefaultDict,
  installOrderedDict,
  installCounter,
  installCollections,
  installComplex,
];
