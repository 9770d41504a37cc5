"""The Qt layer. Importing it first guards against a PySide6 reference-count bug (below)."""
import sys


def _keep_none_alive() -> None:
    # PySide6 6.12 returns None from void methods (setText, setPen, update ...) without a new
    # reference, as if None were immortal (it is from Python 3.12 on). On Python 3.11 every
    # such call lowers None's reference count by one, and after some thousands of calls the
    # process dies with "Fatal Python error: none_dealloc" (a room board repaint makes ~500).
    # None is never freed legitimately, so give it a count that cannot run out.
    # The same holds for True: SignalInstance.emit() returns it without a new reference, so
    # every emit of a Python-defined signal lowers True's count by one (a few hundred emits:
    # "Fatal Python error: bool_dealloc", seen when the paper tests ran after the window's).
    # False gets the same headroom for the bool methods that may share the bug.
    if sys.version_info >= (3, 12) or not hasattr(sys, "getrefcount"):
        return
    import ctypes
    for immortal in (None, True, False):
        ctypes.c_ssize_t.from_address(id(immortal)).value += 1 << 50


_keep_none_alive()
