"""The collector's pause and freeze leave it as they found it."""

import gc
import sys

from newsgraph.gcpause import freezing, paused_gc


def test_freezing_leaves_objects_a_caller_froze_to_that_caller():
    # Other threads of the session (the hang watch of a server an earlier test started) free objects this freeze
    # took in, which leave the count: a switch interval longer than the test keeps them from running in it (CI
    # once saw 31 fewer).
    interval = sys.getswitchinterval()
    sys.setswitchinterval(60.0)
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with freezing() as freeze:
            freeze()
            assert gc.get_freeze_count() == count
        assert gc.get_freeze_count() == count
    finally:
        gc.unfreeze()
        sys.setswitchinterval(interval)


def test_what_freezing_froze_is_handed_back_even_when_the_block_fails():
    try:
        with freezing() as freeze:
            freeze()
            assert gc.get_freeze_count() > 0
            raise RuntimeError("the block fails")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0


def test_a_frozen_object_that_becomes_cyclic_garbage_is_collected_once_handed_back():
    import weakref

    class Node:
        pass

    with freezing() as freeze:
        node = Node()
        node.self = node  # a cycle: reference counting never frees it
        alive = weakref.ref(node)
        freeze()
        del node
        gc.collect()
        assert alive() is not None  # frozen: no collection reaches it
    gc.collect()
    assert alive() is None


def test_a_pause_turns_the_collector_back_on():
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
