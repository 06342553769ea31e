/**
 * Every engine module's exports, registered for the snapshot codec (tables.ts): a class's
 * prototype or a module-level function is named `module:export` in a snapshot. The list is
 * every file under sandbox/ but the entry points (sandbox.ts, index.ts, export.ts, the
 * grading modules, which hold no heap state) and this directory; test/sandbox/snapshot
 * checks it stays so, so a new engine file is one line here.
 */
import { registerModules } from './tables.js';
import * as addresses from '../addresses.js';
import * as alloctrace from '../alloctrace.js';
import * as apply from '../apply.js';
import * as attributes from '../attributes.js';
import * as baselines from '../baselines.js';
import * as bigint from '../bigint.js';
import * as builtin_subclass from '../builtin-subclass.js';
import * as collector from '../collector.js';
import * as complex from '../complex.js';
import * as containers from '../containers.js';
import * as events from '../events.js';
import * as factory from '../factory.js';
import * as hashing from '../hashing.js';
import * as heap from '../heap.js';
import * as mro from '../mro.js';
import * as objects from '../objects.js';
import * as oplog from '../oplog.js';
import * as ops from '../ops.js';
import * as paths from '../paths.js';
import * as python_argcheck from '../python/argcheck.js';
import * as python_ast from '../python/ast.js';
import * as python_builtins from '../python/builtins.js';
import * as python_carets from '../python/carets.js';
import * as python_codecs from '../python/codecs.js';
import * as python_constants from '../python/constants.js';
import * as python_errors from '../python/errors.js';
import * as python_extension from '../python/extension.js';
import * as python_extensions from '../python/extensions.js';
import * as python_extobject from '../python/extobject.js';
import * as python_format from '../python/format.js';
import * as python_index from '../python/index.js';
import * as python_interpreter from '../python/interpreter.js';
import * as python_introspect from '../python/introspect.js';
import * as python_lexer from '../python/lexer.js';
import * as python_mangle from '../python/mangle.js';
import * as python_modules_collections from '../python/modules/collections.js';
import * as python_modules_contextlib from '../python/modules/contextlib.js';
import * as python_modules_copy from '../python/modules/copy.js';
import * as python_modules_copyreg from '../python/modules/copyreg.js';
import * as python_modules_cpython_names from '../python/modules/cpython-names.js';
import * as python_modules_linecache from '../python/modules/linecache.js';
import * as python_modules_math from '../python/modules/math.js';
import * as python_modules_operator from '../python/modules/operator.js';
import * as python_modules_pprint from '../python/modules/pprint.js';
import * as python_modules_stdlib_names from '../python/modules/stdlib-names.js';
import * as python_modules_string from '../python/modules/string.js';
import * as python_modules_structseq from '../python/modules/structseq.js';
import * as python_modules_sys_state from '../python/modules/sys-state.js';
import * as python_modules_tracemalloc from '../python/modules/tracemalloc.js';
import * as python_modules_weakref_collections from '../python/modules/weakref-collections.js';
import * as python_opt_trace from '../python/opt-trace.js';
import * as python_parser from '../python/parser.js';
import * as python_pyobjects from '../python/pyobjects.js';
import * as python_scope from '../python/scope.js';
import * as python_stacksize from '../python/stacksize.js';
import * as python_stdout_writes from '../python/stdout-writes.js';
import * as python_steps from '../python/steps.js';
import * as python_syntax_warnings from '../python/syntax-warnings.js';
import * as python_types_builtin_subclass from '../python/types/builtin-subclass.js';
import * as python_types_bytearray from '../python/types/bytearray.js';
import * as python_types_complex from '../python/types/complex.js';
import * as python_types_counter from '../python/types/counter.js';
import * as python_types_defaultdict from '../python/types/defaultdict.js';
import * as python_types_deque from '../python/types/deque.js';
import * as python_types_dictrepr from '../python/types/dictrepr.js';
import * as python_types_dictview_setops from '../python/types/dictview-setops.js';
import * as python_types_iterators from '../python/types/iterators.js';
import * as python_types_mappingproxy from '../python/types/mappingproxy.js';
import * as python_types_ordereddict from '../python/types/ordereddict.js';
import * as python_types_python_class from '../python/types/python-class.js';
import * as python_types_result_tuple from '../python/types/result-tuple.js';
import * as python_types_userlist from '../python/types/userlist.js';
import * as python_types_userstring from '../python/types/userstring.js';
import * as python_types_weakproxy from '../python/types/weakproxy.js';
import * as python_vm_code from '../python/vm/code.js';
import * as python_vm_compile from '../python/vm/compile.js';
import * as python_vm_compiler_assemble from '../python/vm/compiler/assemble.js';
import * as python_vm_compiler_cfg from '../python/vm/compiler/cfg.js';
import * as python_vm_compiler_codegen from '../python/vm/compiler/codegen.js';
import * as python_vm_compiler_consts from '../python/vm/compiler/consts.js';
import * as python_vm_compiler_expr from '../python/vm/compiler/expr.js';
import * as python_vm_compiler_index from '../python/vm/compiler/index.js';
import * as python_vm_compiler_instr from '../python/vm/compiler/instr.js';
import * as python_vm_compiler_stmt from '../python/vm/compiler/stmt.js';
import * as python_vm_compiler_unit from '../python/vm/compiler/unit.js';
import * as python_vm_exec from '../python/vm/exec.js';
import * as python_vm_machine_ccall from '../python/vm/machine/ccall.js';
import * as python_vm_machine_consts from '../python/vm/machine/consts.js';
import * as python_vm_machine_dispatch from '../python/vm/machine/dispatch.js';
import * as python_vm_machine_frame from '../python/vm/machine/frame.js';
import * as python_vm_machine_machine from '../python/vm/machine/machine.js';
import * as python_vm_machine_ops_build from '../python/vm/machine/ops/build.js';
import * as python_vm_machine_ops_calls from '../python/vm/machine/ops/calls.js';
import * as python_vm_machine_ops_classes from '../python/vm/machine/ops/classes.js';
import * as python_vm_machine_ops_exceptions from '../python/vm/machine/ops/exceptions.js';
import * as python_vm_machine_ops_flow from '../python/vm/machine/ops/flow.js';
import * as python_vm_machine_ops_generators from '../python/vm/machine/ops/generators.js';
import * as python_vm_machine_ops_imports from '../python/vm/machine/ops/imports.js';
import * as python_vm_machine_ops_names from '../python/vm/machine/ops/names.js';
import * as python_vm_machine_ops_operators from '../python/vm/machine/ops/operators.js';
import * as python_vm_machine_run from '../python/vm/machine/run.js';
import * as python_vm_opcodes from '../python/vm/opcodes.js';
import * as queries from '../queries.js';
import * as refcounts from '../refcounts.js';
import * as references from '../references.js';
import * as repr from '../repr.js';
import * as runtime from '../runtime.js';
import * as sizes from '../sizes.js';
import * as slots from '../slots.js';
import * as tracking from '../tracking.js';
import * as unicode_tables from '../unicode-tables.js';
import * as unicode from '../unicode.js';
import * as weakrefable from '../weakrefable.js';

registerModules({
  'addresses': addresses,
  'alloctrace': alloctrace,
  'apply': apply,
  'attributes': attributes,
  'baselines': baselines,
  'bigint': bigint,
  'builtin-subclass': builtin_subclass,
  'collector': collector,
  'complex': complex,
  'containers': containers,
  'events': events,
  'factory': factory,
  'hashing': hashing,
  'heap': heap,
  'mro': mro,
  'objects': objects,
  'oplog': oplog,
  'ops': ops,
  'paths': paths,
  'python/argcheck': python_argcheck,
  'python/ast': python_ast,
  'python/builtins': python_builtins,
  'python/carets': python_carets,
  'python/codecs': python_codecs,
  'python/constants': python_constants,
  'python/errors': python_errors,
  'python/extension': python_extension,
  'python/extensions': python_extensions,
  'python/extobject': python_extobject,
  'python/format': python_format,
  'python/index': python_index,
  'python/interpreter': python_interpreter,
  'python/introspect': python_introspect,
  'python/lexer': python_lexer,
  'python/mangle': python_mangle,
  'python/modules/collections': python_modules_collections,
  'python/modules/contextlib': python_modules_contextlib,
  'python/modules/copy': python_modules_copy,
  'python/modules/copyreg': python_modules_copyreg,
  'python/modules/cpython-names': python_modules_cpython_names,
  'python/modules/linecache': python_modules_linecache,
  'python/modules/math': python_modules_math,
  'python/modules/operator': python_modules_operator,
  'python/modules/pprint': python_modules_pprint,
  'python/modules/stdlib-names': python_modules_stdlib_names,
  'python/modules/string': python_modules_string,
  'python/modules/structseq': python_modules_structseq,
  'python/modules/sys-state': python_modules_sys_state,
  'python/modules/tracemalloc': python_modules_tracemalloc,
  'python/modules/weakref-collections': python_modules_weakref_collections,
  'python/opt-trace': python_opt_trace,
  'python/parser': python_parser,
  'python/pyobjects': python_pyobjects,
  'python/scope': python_scope,
  'python/stacksize': python_stacksize,
  'python/stdout-writes': python_stdout_writes,
  'python/steps': python_steps,
  'python/syntax-warnings': python_syntax_warnings,
  'python/types/builtin-subclass': python_types_builtin_subclass,
  'python/types/bytearray': python_types_bytearray,
  'python/types/complex': python_types_complex,
  'python/types/counter': python_types_counter,
  'python/types/defaultdict': python_types_defaultdict,
  'python/types/deque': python_types_deque,
  'python/types/dictrepr': python_types_dictrepr,
  'python/types/dictview-setops': python_types_dictview_setops,
  'python/types/iterators': python_types_iterators,
  'python/types/mappingproxy': python_types_mappingproxy,
  'python/types/ordereddict': python_types_ordereddict,
  'python/types/python-class': python_types_python_class,
  'python/types/result-tuple': python_types_result_tuple,
  'python/types/userlist': python_types_userlist,
  'python/types/userstring': python_types_userstring,
  'python/types/weakproxy': python_types_weakproxy,
  'python/vm/code': python_vm_code,
  'python/vm/compile': python_vm_compile,
  'python/vm/compiler/assemble': python_vm_compiler_assemble,
  'python/vm/compiler/cfg': python_vm_compiler_cfg,
  'python/vm/compiler/codegen': python_vm_compiler_codegen,
  'python/vm/compiler/consts': python_vm_compiler_consts,
  'python/vm/compiler/expr': python_vm_compiler_expr,
  'python/vm/compiler/index': python_vm_compiler_index,
  'python/vm/compiler/instr': python_vm_compiler_instr,
  'python/vm/compiler/stmt': python_vm_compiler_stmt,
  'python/vm/compiler/unit': python_vm_compiler_unit,
  'python/vm/exec': python_vm_exec,
  'python/vm/machine/ccall': python_vm_machine_ccall,
  'python/vm/machine/consts': python_vm_machine_consts,
  'python/vm/machine/dispatch': python_vm_machine_dispatch,
  'python/vm/machine/frame': python_vm_machine_frame,
  'python/vm/machine/machine': python_vm_machine_machine,
  'python/vm/machine/ops/build': python_vm_machine_ops_build,
  'python/vm/machine/ops/calls': python_vm_machine_ops_calls,
  'python/vm/machine/ops/classes': python_vm_machine_ops_classes,
  'python/vm/machine/ops/exceptions': python_vm_machine_ops_exceptions,
  'python/vm/machine/ops/flow': python_vm_machine_ops_flow,
  'python/vm/machine/ops/generators': python_vm_machine_ops_generators,
  'python/vm/machine/ops/imports': python_vm_machine_ops_imports,
  'python/vm/machine/ops/names': python_vm_machine_ops_names,
  'python/vm/machine/ops/operators': python_vm_machine_ops_operators,
  'python/vm/machine/run': python_vm_machine_run,
  'python/vm/opcodes': python_vm_opcodes,
  'queries': queries,
  'refcounts': refcounts,
  'references': references,
  'repr': repr,
  'runtime': runtime,
  'sizes': sizes,
  'slots': slots,
  'tracking': tracking,
  'unicode-tables': unicode_tables,
  'unicode': unicode,
  'weakrefable': weakrefable,
});
