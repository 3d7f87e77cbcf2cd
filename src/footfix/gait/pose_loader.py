"""Load MediaPipe's pose solution without the rest of MediaPipe's Python package.

``import mediapipe`` runs the package's ``__init__``, which imports every solution, the drawing
utilities (and through them matplotlib) and the Tasks API: about half a second of CPU in every
process that analyses a clip, none of it needed for pose. Here ``mediapipe`` and
``mediapipe.python.solutions`` are first registered as *deferred* packages (their real
``__init__`` not yet run), and only ``mediapipe.python.solutions.pose`` and what it imports are
loaded. A deferred package runs its real ``__init__`` the first time anyone asks it for a name it
does not have yet (``mediapipe.solutions``, ``mediapipe.__version__``, ``drawing_utils``, ...),
so other code in the same process that uses MediaPipe's full API still gets it.

Standard library only, so that :mod:`footfix.services.video_stack` can call it to check that
MediaPipe is installed before the rest of the video stack is imported.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import threading
import types
from typing import Any

POSE_MODULE = "mediapipe.python.solutions.pose"
# parents first; a child's deferred ``__init__`` runs before its parent's (see ``_complete``)
_DEFERRED = ("mediapipe", "mediapipe.python.solutions")
_PUBLIC = ("__all__", "__version__")
_lock = threading.RLock()
_loading = False  # True while the pose module itself is being imported


class _DeferredPackage(types.ModuleType):
    """A package whose ``__init__`` runs on the first lookup of a name it lacks."""

    _footfix_children: tuple[str, ...] = ()
    _footfix_done = False

    def __getattr__(self, name: str) -> Any:  # called only for names not found
        # the import system and tools probe dunders; only these two belong to the real package
        if name.startswith("_footfix") or (name.startswith("__") and name not in _PUBLIC):
            raise AttributeError(name)
        if _loading and _is_submodule(self, name):
            # the pose module's ``from package import submodule``: load just that
            return importlib.import_module(f"{self.__name__}.{name}")
        _complete(self)  # anyone else gets the package as its real ``__init__`` makes it
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}") from None


def _is_submodule(package: types.ModuleType, name: str) -> bool:
    return importlib.machinery.PathFinder.find_spec(name, package.__path__) is not None


def _complete(module: _DeferredPackage) -> None:
    with _lock:
        if module._footfix_done:
            return
        module._footfix_done = True
        for child in module._footfix_children:
            deferred = sys.modules.get(child)
            if isinstance(deferred, _DeferredPackage):
                _complete(deferred)
        spec = module.__spec__
        assert spec is not None and spec.loader is not None
        spec.loader.exec_module(module)


def _defer(name: str, children: tuple[str, ...]) -> None:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"No module named {name!r}", name=name)
    module = _DeferredPackage(name)
    # what the import system itself sets on a module before running its code
    module.__spec__ = spec
    module.__loader__ = spec.loader
    module.__file__ = spec.origin
    module.__path__ = list(spec.submodule_search_locations or [])
    module.__package__ = name
    module._footfix_children = children
    sys.modules[name] = module
    parent, _, leaf = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], leaf, module)


def load_pose_solution() -> Any:
    """``mediapipe.python.solutions.pose`` (raises ImportError when MediaPipe is missing)."""
    with _lock:
        loaded = sys.modules.get(POSE_MODULE)
        if loaded is not None:
            return loaded
        if "mediapipe" not in sys.modules:  # not yet imported (None there means "blocked")
            _defer("mediapipe", ("mediapipe.python.solutions",))
            try:
                importlib.import_module("mediapipe.python")
                _defer("mediapipe.python.solutions", ())
            except BaseException:
                for name in (*_DEFERRED, "mediapipe.python"):
                    sys.modules.pop(name, None)
                raise
        global _loading
        _loading = True
        try:
            return importlib.import_module(POSE_MODULE)
        finally:
            _loading = False
