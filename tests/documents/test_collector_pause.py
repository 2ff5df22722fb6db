"""documents.rendering.collector_paused: the cyclic collector off during a render, and back as it was."""

import gc
import threading

import pytest

from documents import rendering


@pytest.fixture(autouse=True)
def collector_restored():
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_enabled_after_even_on_an_error():
    gc.enable()
    with pytest.raises(ValueError), rendering.collector_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    with rendering.collector_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_renders_in_threads_enable_it_only_when_the_last_ends():
    gc.enable()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with rendering.collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with rendering.collector_paused():
        second_in.set()
        first_out.wait(5)
        seen["after the first ended"] = gc.isenabled()
    thread.join(5)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()


def test_a_pdf_render_leaves_the_collector_on():
    gc.enable()
    pdf = rendering.html_to_pdf(
        "<html lang='ro'><title>t</title><p>Ș</p>", stylesheet="css/print.css"
    )
    assert pdf.startswith(b"%PDF") and gc.isenabled()
