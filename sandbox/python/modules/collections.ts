/**
 * The collections module: the container types lessons use — deque, defaultdict, OrderedDict,
 * Counter, UserString and UserList (each in its own file under ../types/). The rest of the
 * module (namedtuple, ChainMap, UserDict, collections.abc) is refused as NotImplementedError
 * naming it: CPython's names are listed in cpython-names.ts, and `import collections.abc`
 * is refused by the importer.
 */
import type { ExtensionKit } from '../extension.js';
import { dequeType } from '../types/deque.js';
import { defaultdictType } from '../types/defaultdict.js';
import { orderedDictType } from '../types/ordereddict.js';
import { counterType } from '../types/counter.js';
import { newUserStringClass } from '../types/userstring.js';
import { newUserListClass } from '../types/userlist.js';

export function installCollections(kit: ExtensionKit): void {
  kit.mod('collections', {
    deque: dequeType,
    defaultdict: defaultdictType,
    OrderedDict: orderedDictType,
    Counter: counterType,
    UserString: newUserStringClass(kit),
    UserList: newUserListClass(kit),
  });
}
