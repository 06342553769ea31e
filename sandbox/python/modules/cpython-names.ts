/**
 * The names CPython 3.11.7's own modules define (dir(module), recorded from python3), so that an
 * attribute heaplab lacks is refused as NotImplementedError naming it, while a name CPython
 * itself lacks stays CPython's AttributeError.
 */
export const CPYTHON_MODULE_NAMES: Record<string, ReadonlySet<string>> = {
  gc: new Set([
    'DEBUG_COLLECTABLE', 'DEBUG_LEAK', 'DEBUG_SAVEALL', 'DEBUG_STATS', 'DEBUG_UNCOLLECTABLE',
    '__doc__', '__loader__', '__name__', '__package__', '__spec__', 'callbacks', 'collect',
    'disable', 'enable', 'freeze', 'garbage', 'get_count', 'get_debug', 'get_freeze_count',
    'get_objects', 'get_referents', 'get_referrers', 'get_stats', 'get_threshold', 'is_finalized',
    'is_tracked', 'isenabled', 'set_debug', 'set_threshold', 'unfreeze',
  ]),
  sys: new Set([
    '__breakpointhook__', '__displayhook__', '__doc__', '__excepthook__', '__interactivehook__',
    '__loader__', '__name__', '__package__', '__spec__', '__stderr__', '__stdin__', '__stdout__',
    '__unraisablehook__', '_base_executable', '_clear_type_cache', '_current_exceptions',
    '_current_frames', '_debugmallocstats', '_framework', '_getframe', '_getquickenedcount',
    '_git', '_home', '_stdlib_dir', '_xoptions', 'abiflags', 'addaudithook', 'api_version', 'argv',
    'audit', 'base_exec_prefix', 'base_prefix', 'breakpointhook', 'builtin_module_names',
    'byteorder', 'call_tracing', 'copyright', 'displayhook', 'dont_write_bytecode', 'exc_info',
    'excepthook', 'exception', 'exec_prefix', 'executable', 'exit', 'flags', 'float_info',
    'float_repr_style', 'get_asyncgen_hooks', 'get_coroutine_origin_tracking_depth',
    'get_int_max_str_digits', 'getallocatedblocks', 'getdefaultencoding', 'getdlopenflags',
    'getfilesystemencodeerrors', 'getfilesystemencoding', 'getprofile', 'getrecursionlimit',
    'getrefcount', 'getsizeof', 'getswitchinterval', 'gettrace', 'hash_info', 'hexversion',
    'implementation', 'int_info', 'intern', 'is_finalizing', 'maxsize', 'maxunicode', 'meta_path',
    'modules', 'orig_argv', 'path', 'path_hooks', 'path_importer_cache', 'platform', 'platlibdir',
    'prefix', 'pycache_prefix', 'set_asyncgen_hooks', 'set_coroutine_origin_tracking_depth',
    'set_int_max_str_digits', 'setdlopenflags', 'setprofile', 'setrecursionlimit',
    'setswitchinterval', 'settrace', 'stderr', 'stdin', 'stdlib_module_names', 'stdout',
    'thread_info', 'unraisablehook', 'version', 'version_info', 'warnoptions',
  ]),
  weakref: new Set([
    'CallableProxyType', 'KeyedRef', 'ProxyType', 'ProxyTypes', 'ReferenceType',
    'WeakKeyDictionary', 'WeakMethod', 'WeakSet', 'WeakValueDictionary', '_IterationGuard',
    '__all__', '__builtins__', '__cached__', '__doc__', '__file__', '__loader__', '__name__',
    '__package__', '__spec__', '_collections_abc', '_remove_dead_weakref', 'finalize',
    'getweakrefcount', 'getweakrefs', 'itertools', 'proxy', 'ref', 'sys',
  ]),
  copy: new Set([
    'Error', '__all__', '__builtins__', '__cached__', '__doc__', '__file__', '__loader__',
    '__name__', '__package__', '__spec__', '_copy_dispatch', '_copy_immutable', '_deepcopy_atomic',
    '_deepcopy_dict', '_deepcopy_dispatch', '_deepcopy_list', '_deepcopy_method',
    '_deepcopy_tuple', '_keep_alive', '_reconstruct', 'copy', 'deepcopy', 'dispatch_table',
    'error',
  ]),
  pprint: new Set([
    'PrettyPrinter', '_StringIO', '__all__', '__builtins__', '__cached__', '__doc__', '__file__',
    '__loader__', '__name__', '__package__', '__spec__', '_builtin_scalars', '_collections',
    '_dataclasses', '_perfcheck', '_recursion', '_safe_key', '_safe_tuple', '_sys', '_types',
    '_wrap_bytes_repr', 'isreadable', 'isrecursive', 'pformat', 'pp', 'pprint', 're', 'saferepr',
  ]),
};

/** CPython 3.11's standard-library modules (sys.stdlib_module_names, public ones): importing one heaplab lacks is refused. */
export const STDLIB_MODULE_NAMES: ReadonlySet<string> = new Set([
  'abc', 'aifc', 'antigravity', 'argparse', 'array', 'ast', 'asynchat', 'asyncio', 'asyncore',
  'atexit', 'audioop', 'base64', 'bdb', 'binascii', 'bisect', 'builtins', 'bz2', 'cProfile',
  'calendar', 'cgi', 'cgitb', 'chunk', 'cmath', 'cmd', 'code', 'codecs', 'codeop', 'collections',
  'colorsys', 'compileall', 'concurrent', 'configparser', 'contextlib', 'contextvars', 'copy',
  'copyreg', 'crypt', 'csv', 'ctypes', 'curses', 'dataclasses', 'datetime', 'dbm', 'decimal',
  'difflib', 'dis', 'distutils', 'doctest', 'email', 'encodings', 'ensurepip', 'enum', 'errno',
  'faulthandler', 'fcntl', 'filecmp', 'fileinput', 'fnmatch', 'fractions', 'ftplib', 'functools',
  'gc', 'genericpath', 'getopt', 'getpass', 'gettext', 'glob', 'graphlib', 'grp', 'gzip',
  'hashlib', 'heapq', 'hmac', 'html', 'http', 'idlelib', 'imaplib', 'imghdr', 'imp', 'importlib',
  'inspect', 'io', 'ipaddress', 'itertools', 'json', 'keyword', 'lib2to3', 'linecache', 'locale',
  'logging', 'lzma', 'mailbox', 'mailcap', 'marshal', 'math', 'mimetypes', 'mmap', 'modulefinder',
  'msilib', 'msvcrt', 'multiprocessing', 'netrc', 'nis', 'nntplib', 'nt', 'ntpath', 'nturl2path',
  'numbers', 'opcode', 'operator', 'optparse', 'os', 'ossaudiodev', 'pathlib', 'pdb', 'pickle',
  'pickletools', 'pipes', 'pkgutil', 'platform', 'plistlib', 'poplib', 'posix', 'posixpath',
  'pprint', 'profile', 'pstats', 'pty', 'pwd', 'py_compile', 'pyclbr', 'pydoc', 'pydoc_data',
  'pyexpat', 'queue', 'quopri', 'random', 're', 'readline', 'reprlib', 'resource', 'rlcompleter',
  'runpy', 'sched', 'secrets', 'select', 'selectors', 'shelve', 'shlex', 'shutil', 'signal',
  'site', 'smtpd', 'smtplib', 'sndhdr', 'socket', 'socketserver', 'spwd', 'sqlite3', 'sre_compile',
  'sre_constants', 'sre_parse', 'ssl', 'stat', 'statistics', 'string', 'stringprep', 'struct',
  'subprocess', 'sunau', 'symtable', 'sys', 'sysconfig', 'syslog', 'tabnanny', 'tarfile',
  'telnetlib', 'tempfile', 'termios', 'textwrap', 'this', 'threading', 'time', 'timeit', 'tkinter',
  'token', 'tokenize', 'tomllib', 'trace', 'traceback', 'tracemalloc', 'tty', 'turtle',
  'turtledemo', 'types', 'typing', 'unicodedata', 'unittest', 'urllib', 'uu', 'uuid', 'venv',
  'warnings', 'wave', 'weakref', 'webbrowser', 'winreg', 'winsound', 'wsgiref', 'xdrlib', 'xml',
  'xmlrpc', 'zipapp', 'zipfile', 'zipimport', 'zlib', 'zoneinfo',
]);

/** Modules compiled into the interpreter: their ImportError says "(unknown location)". */
export const BUILTIN_MODULES: ReadonlySet<string> = new Set(['gc', 'sys']);

/** Where the reference python3 (3.11.7, the oracle's) keeps Lib/: named in ImportError messages. */
export const REFERENCE_STDLIB_DIR = '/root/.pyenv/versions/3.11.7/lib/python3.11';
