/**
 * `__slots__`: instances that keep named attributes in fixed slots instead of a `__dict__`.
 *
 * type_new turns each name in `__slots__` into a member descriptor in the class namespace
 * (`<member 'x' of 'P' objects>`, holding a reference to its class, like the `__dict__` /
 * `__weakref__` getset descriptors) and a pointer-sized slot in the instance; a class's own
 * slots are sorted by name and laid out after its base's. Without `'__dict__'` in
 * `__slots__` (and no base providing one) instances have no `__dict__`: assigning another
 * name raises AttributeError. Without `'__weakref__'` they cannot be weakly referenced.
 *
 * The object graph follows CPython's subtype_traverse / subtype_clear / subtype_dealloc:
 * slots of the most derived class first, each class's in layout order, then the instance
 * dict (values), then the class.
 */
import { PyInstance, PyObject, PyType, Visit, objectType, typeType } from './objects.js';

export const memberDescriptorType = new PyType(typeType, 'member_descriptor', 'property', objectType);

/** A member descriptor: slot `index` of instances of `owner` (and its subclasses). */
export class PyMember extends PyObject {
  constructor(
    public owner: PyType,
    readonly name: string,
    readonly index: number,
  ) {
    super(memberDescriptorType);
  }
  override traverse(visit: Visit): void {
    visit(this.owner);
  }
  // No tp_clear (as for getset descriptors): the class's tp_clear breaks the cycle.
  override releaseRefs(out: PyObject[]): void {
    out.push(this.owner);
    this.owner = null as unknown as PyType;
  }
}

/** Slot indexes of a `type` instance in subtype_dealloc's order: the most derived class's slots first. */
export function* slotOrder(type: PyType, count: number): IterableIterator<number> {
  const chain: PyType[] = [];
  for (let t: PyType | null = type; t && t.isHeapType; t = t.base) chain.push(t);
  let end = count;
  for (const t of chain) {
    const start = t.base && t.base.isHeapType ? t.base.slotNames.length : 0;
    for (let i = start; i < end; i++) yield i;
    end = start;
  }
}

/** An instance of a class with `__slots__` somewhere in its bases. */
export class PySlotted extends PyInstance {
  readonly slots: (PyObject | null)[];
  constructor(type: PyType) {
    super(type);
    this.slots = new Array<PyObject | null>(type.slotNames.length).fill(null);
  }
  /** Slot indexes in subtype_dealloc's order: the most derived class's slots first. */
  private slotOrder(): IterableIterator<number> {
    return slotOrder(this.type, this.slots.length);
  }
  override traverse(visit: Visit): void {
    for (const i of this.slotOrder()) {
      const v = this.slots[i];
      if (v) visit(v);
    }
    super.traverse(visit);
  }
  override clearRefs(out: PyObject[]): void {
    this.clearSlots(out);
    super.clearRefs(out);
  }
  override releaseRefs(out: PyObject[]): void {
    this.clearSlots(out);
    super.releaseRefs(out);
  }
  private clearSlots(out: PyObject[]): void {
    for (const i of this.slotOrder()) {
      const v = this.slots[i];
      if (!v) continue;
      this.slots[i] = null;
      out.push(v);
    }
  }
}

/** A fresh (unregistered) instance of a heap class, slotted if its layout has slots. */
export function allocInstance(cls: PyType): PyInstance {
  return cls.slotNames.length > 0 || !cls.instHasDict ? new PySlotted(cls) : new PyInstance(cls);
}

/** sys.getsizeof of an instance of a heap class: object + slots + weakref + GC header + managed-dict pre-header. */
export function heapInstanceSize(cls: PyType): number {
  return 16 + 8 * cls.slotNames.length + (cls.instHasWeakref ? 8 : 0) + 16 + (cls.instHasDict ? 16 : 0);
}

