"""The progress mailbox: at most one notice waiting, updates coalesced, nothing lost."""

import threading

from dlplayground.qt.runs.bridge import continued_list
from dlplayground.qt.runs.mailbox import ProgressMailbox
from dlplayground.qt.runs.records import RunRecord, RunRecords
from dlplayground.qt.training.payloads import Progress


def test_one_notice_waits_at_most_and_every_step_arrives_once():
    notices = []
    mailbox = ProgressMailbox(lambda: notices.append(1), continued_list)
    mailbox.reset([Progress(7)])
    taken = []

    def train():
        for step in range(1, 2001):
            with mailbox.pending() as pending:
                pending[0].steps.append(step)
                pending[0].iteration = step
            mailbox.notify()

    worker = threading.Thread(target=train)
    worker.start()
    while worker.is_alive() or notices:
        if notices:
            assert len(notices) == 1, "a second notice was sent before the first was answered"
            notices.clear()
            taken.append(mailbox.take())
    worker.join()
    taken.append(mailbox.take())
    steps = [step for progress in taken for step in progress[0].steps]
    assert steps == list(range(1, 2001))
    assert taken[-1][0].run_id == 7 and taken[-1][0].iteration == 2000


def test_notices_are_throttled_unless_asked_for_now():
    notices = []
    mailbox = ProgressMailbox(lambda: notices.append(1), continued_list)
    mailbox.reset([Progress(1)])
    mailbox.maybe_notify()
    mailbox.take()
    mailbox.maybe_notify()  # within UPDATE_INTERVAL of the first: held back
    assert len(notices) == 1
    mailbox.maybe_notify(now=True)  # a pause: at once
    assert len(notices) == 2


def test_the_session_runs_announce_additions(qapp):
    runs = RunRecords()
    seen = []
    runs.changed.connect(lambda: seen.append(len(runs)))
    runs.add(RunRecord(runs.next_id(), "a", 0.0))
    assert seen == [1] and [r.run_id for r in runs] == [1] and runs.next_id() == 2
