"""Worker processes for a batch run that notice a dead worker instead of waiting for it forever.

multiprocessing.Pool loses the task of a worker killed from outside (the OOM killer's SIGKILL)
and its imap then waits forever; when the forkserver dies it takes every worker for dead and
starts new ones while the old ones still hold tasks. Here each worker has its own pipe and
gets chunks of jobs in order, and answers each job as it finishes it. So the parent knows at
every moment which jobs a worker holds: when the worker's pipe ends (the process is gone,
whatever killed it), the job it was working on is given to a new worker once more and the
jobs it had not started go back in the queue. A job that a worker dies on twice gets the
`lost` outcome (reported like an analysis failure). The forkserver serves only to start
workers: a running worker does not need it, and multiprocessing starts a new one when it is
gone. Results come out in input order, with bounded read-ahead.
"""
from __future__ import annotations

import collections
import itertools
import os
import queue
import signal
import threading
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

CHUNK = 16  # jobs sent to a worker at once
HELD = 2  # chunks a worker holds at most (one in work, one waiting): no idle gap between chunks
TRIES = 2  # a job whose worker died this many times is given up
MAX_BARREN_DEATHS = 8  # deaths in a row without one result: workers cannot run here, stop


class WorkersFailed(RuntimeError):
    """Workers die before doing any work (they cannot be started or are killed at once)."""


def _serve(conn, fn: Callable[[Any], Any]) -> None:
    """A worker: chunks in, one answer per job out. A thread takes the chunks off the pipe so
    that neither side can block the other with a full pipe; the end of the pipe (the parent
    gone) ends the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    orphaned = threading.Event()  # the parent is gone: what is left in hand is for nobody

    def receive() -> None:
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                orphaned.set()
                msg = None
            inbox.put(msg)
            if msg is None:
                return

    threading.Thread(target=receive, daemon=True).start()
    while True:
        msg = inbox.get()
        if msg is None:
            return
        seq, jobs = msg
        for i, job in jobs:
            if orphaned.is_set():
                return
            try:
                conn.send((seq, i, fn(job)))
            except (BrokenPipeError, OSError):
                return


def _alive(pid: int | None) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except (OSError, TypeError):
        return True


class _Worker:
    def __init__(self, ctx, fn):
        parent, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(child, fn), daemon=True, name="pantau-worker")
        self.proc.start()
        child.close()  # only the worker holds its end: its death ends the pipe
        self.conn = parent
        self.held: collections.deque = collections.deque()  # chunks sent: [seq, [(i, job), ...]]

    def how_it_ended(self) -> str:
        self.proc.join(timeout=1)
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return "ended" if code is None or code == 255 else f"exited with status {code}"

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass


class Pool:
    """`workers` processes running `fn`; imap() keeps input order. `lost(job, why)` makes the
    outcome of a job given up; `notify(message)` reports a worker's death."""

    def __init__(self, fn: Callable[[Any], Any], workers: int, *, lost: Callable[[Any, str], Any],
                 notify: Callable[[str], None], ctx=None, chunk: int = CHUNK):
        import multiprocessing as mp

        if ctx is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["pantau.warm"])
        self.ctx, self.fn, self.lost, self.notify = ctx, fn, lost, notify
        self.n, self.chunk = workers, chunk
        self.workers: list[_Worker] = []
        self.deaths = 0

    def _start(self) -> _Worker:
        try:
            return _Worker(self.ctx, self.fn)
        except Exception as exc:  # noqa: BLE001 - e.g. the forkserver cannot be started again
            raise WorkersFailed(f"a worker process could not be started: {type(exc).__name__}: {exc}") from exc

    def imap(self, jobs: Iterable) -> Iterator:
        source = enumerate(jobs)
        todo: collections.deque = collections.deque()  # chunks to (re)send, retries first
        results: dict[int, dict[int, Any]] = {}  # seq -> {i: outcome}
        sizes: dict[int, int] = {}  # seq -> jobs in the chunk
        tries: collections.Counter = collections.Counter()  # (seq, i) -> deaths while in work
        next_seq = next_out = 0
        exhausted = False
        barren = 0
        self.workers = [self._start() for _ in range(self.n)]
        while True:
            # read ahead at most 4 chunks per worker past the first chunk not yet given out
            while not exhausted and not todo and next_seq - next_out < 4 * self.n:
                batch = list(itertools.islice(source, self.chunk))
                if not batch:
                    exhausted = True
                    break
                seq, next_seq = next_seq, next_seq + 1
                sizes[seq], results[seq] = len(batch), {}
                todo.append([seq, [(i - batch[0][0], job) for i, job in batch]])
            for w in list(self.workers):
                while todo and len(w.held) < HELD:
                    task = todo.popleft()
                    w.held.append(task)
                    try:
                        w.conn.send(task)
                    except (OSError, ValueError):
                        break  # its death is noticed below
            while next_out in results and len(results[next_out]) == sizes[next_out]:
                done = results.pop(next_out)
                del sizes[next_out]
                next_out += 1
                for i in range(len(done)):
                    yield done[i]
            if exhausted and not todo and next_out == next_seq:
                return
            ready = wait([w.conn for w in self.workers], timeout=10)
            if not ready:  # a backstop: a worker gone without its pipe showing it
                ready = [w.conn for w in self.workers if w.held and not _alive(w.proc.pid)]
            for w in list(self.workers):
                if w.conn not in ready:
                    continue
                try:
                    seq, i, outcome = w.conn.recv()
                except (EOFError, OSError):
                    barren += 1
                    if barren > MAX_BARREN_DEATHS:
                        raise WorkersFailed(f"{barren} worker processes in a row died without "
                                            "finishing an article; stopped") from None
                    self._replace(w, todo, results, tries)
                    continue
                barren = 0
                results[seq][i] = outcome
                task = w.held[0]
                task[1] = [(j, job) for j, job in task[1] if j != i]
                if not task[1]:
                    w.held.popleft()

    def _replace(self, dead: _Worker, todo, results, tries) -> None:
        """A worker is gone: the job it was on is tried again (or given up), the rest requeued."""
        self.deaths += 1
        how = dead.how_it_ended()
        dead.conn.close()
        self.workers.remove(dead)
        held = [task for task in dead.held if task[1]]
        again = []
        given_up = 0
        for k, (seq, jobs) in enumerate(held):
            if k == 0:  # the worker answers in order: the first unanswered job is the one it was on
                (i, job), jobs = jobs[0], jobs[1:]
                tries[seq, i] += 1
                if tries[seq, i] >= TRIES:
                    results[seq][i] = self.lost(job, f"its worker process died on it {TRIES} times "
                                                     f"(last {how}; out of memory?)")
                    given_up += 1
                else:
                    again.append([seq, [(i, job)]])
            if jobs:
                again.append([seq, jobs])
        todo.extendleft(reversed(again))
        n = sum(len(t[1]) for t in held)
        self.notify(f"worker process {dead.proc.pid} {how}; {n - given_up} article(s) it held "
                    f"given to a new worker" + (f", {given_up} given up" if given_up else ""))
        self.workers.append(self._start())

    def terminate(self) -> None:
        for w in self.workers:
            try:
                os.kill(w.proc.pid, signal.SIGKILL)
            except (OSError, TypeError):
                pass
        for w in self.workers:
            w.proc.join(timeout=1)
            w.conn.close()
        self.workers = []
