//! Timers: `receive … after`, `Process.send_after/3` and `Process.cancel_timer/1`, served by
//! one timer thread sleeping until the earliest deadline.
//!
//! Pending timers live in one ordered map keyed by (deadline, id), so that a cancelled or
//! superseded timer is removed at once instead of lingering until its deadline. Deadlines are
//! kept as *ticks*: nanoseconds since the `Timers` were made, plus one, so that they fit an
//! atomic and 0 can mean "none".
//!
//! **Wake-up timers** (`receive … after`) are the hot case: every `GenServer.call` waits with
//! a 5,000 ms timeout. Each process has at most one wake-up entry, and its `WakeTimer` (in
//! its `Slot`) holds two ticks: `deadline`, the time its current wait wants to be woken at
//! (0 when it is not waiting with a timeout), written only by the scheduler thread that owns
//! the process, lock-free; and `armed`, the time of its entry in the map (0 for none),
//! written only under the timers' lock. A wait whose deadline is at or after the armed time
//! takes no lock at all: when the entry fires, the timer thread reads the process's current
//! deadline and wakes it (deadline passed), re-arms at the later deadline (a newer wait), or
//! drops the entry (no wait with a timeout any more). So a loop of calls costs one timer
//! operation per process per timeout period, not one per call, and the map holds at most one
//! wake-up entry per live process (an exiting process removes its own). This is the BEAM's
//! timer per waiting process, cancelled lazily rather than on every receive, because a
//! cancel here would take the one global lock on the message path.
//!
//! **No lost wake-ups.** The scheduler stores `deadline`, then publishes WAITING, then reads
//! `armed`; the timer thread, firing an entry, stores `armed = 0`, then reads `deadline`, then
//! tries to wake (all SeqCst). Either the scheduler sees the entry gone (and arms a new one,
//! under the lock) or the timer thread sees the new deadline and a process already WAITING.
//! A wake-up that finds the process not waiting any more is harmless: the VM decides a
//! timeout only from its own deadline, so a process woken early just waits again.
//!
//! The timer thread is woken (a futex call) only when a new entry is earlier than the
//! deadline it is sleeping towards; a thread that is awake rescans the map before sleeping.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::{Runtime, Slot};
use crate::term::{Pid, Term};

/// Set in the id of a wake-up entry, whose low bits are the pid; `send_after` ids count up
/// from 1 and pids are allocated the same way, so neither ever reaches this bit.
const WAKE: u64 = 1 << 63;

/// The longest the timer thread sleeps at once with nothing due: it is woken for any
/// earlier timer, so this only bounds the length of a single condition-variable wait.
const IDLE_WAIT: Duration = Duration::from_secs(3600);

/// A process's wake-up timer state, kept in its `Slot` (see the module docs).
#[derive(Default)]
pub(crate) struct WakeTimer {
    /// The ticks at which the process's current wait times out; 0 when it is not waiting
    /// with a timeout. Written only by the thread that runs the process.
    deadline: AtomicU64,
    /// The ticks of the process's entry in the timer map; 0 for none. Written only under
    /// the timers' lock.
    armed: AtomicU64,
}

impl WakeTimer {
    /// Records the deadline of the wait the process is about to enter (`0` for none). It
    /// must be called before the process is published as WAITING or QUEUED, while the
    /// calling thread still owns it.
    pub(crate) fn want(&self, ticks: u64) {
        // Only the owning thread writes this, so the plain load sees the latest value; the
        // store is skipped when nothing changes, to leave the cache line clean.
        if self.deadline.load(Ordering::Relaxed) != ticks {
            self.deadline.store(ticks, Ordering::SeqCst);
        }
    }
}

enum Action {
    Wake(Pid),
    Send(Pid, Term, u64),
}

#[derive(Default)]
struct State {
    /// Every pending timer, by (ticks, id); ids of wake-ups are `WAKE | pid`.
    queue: BTreeMap<(u64, u64), Action>,
    /// The keys of `send_after` timers by their reference number.
    by_ref: HashMap<u64, (u64, u64)>,
    next: u64,
    /// The ticks the timer thread is sleeping until, while it sleeps; `None` while it is
    /// awake (it then rescans `queue` before sleeping again, so it needs no wake-up).
    sleeping_until: Option<u64>,
}

impl State {
    /// Whether a timer new at `ticks` must wake the timer thread: only if it is asleep and
    /// would otherwise sleep past it. Once told, the thread counts as awake, so a burst of
    /// early timers costs one wake-up.
    fn needs_notify(&mut self, ticks: u64) -> bool {
        match self.sleeping_until {
            Some(until) if ticks < until => {
                self.sleeping_until = None;
                true
            }
            _ => false,
        }
    }
}

/// The timers `take_due` took out: wake-up entries (pid, armed ticks) still to be
/// rechecked against their processes' deadlines, and messages to send.
struct Due {
    wakes: Vec<(Pid, u64)>,
    sends: Vec<(Pid, Term)>,
}

/// What came due in one pass of the timer thread.
#[derive(Default)]
pub(crate) struct Fired {
    wake: Vec<Arc<Slot>>,
    send: Vec<(Pid, Term)>,
}

impl Fired {
    fn is_empty(&self) -> bool {
        self.wake.is_empty() && self.send.is_empty()
    }
}

pub(crate) struct Timers {
    state: Mutex<State>,
    cv: Condvar,
    /// Tick 1; every deadline is after it (timers are made with the runtime).
    epoch: Instant,
}

impl Default for Timers {
    fn default() -> Timers {
        Timers { state: Mutex::default(), cv: Condvar::new(), epoch: Instant::now() }
    }
}

impl Timers {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `at` in ticks: never 0, saturating far in the future (about 584 years).
    pub(crate) fn ticks(&self, at: Instant) -> u64 {
        let ns = at.saturating_duration_since(self.epoch).as_nanos();
        u64::try_from(ns).unwrap_or(u64::MAX - 1).min(u64::MAX - 1) + 1
    }

    fn now(&self) -> u64 {
        self.ticks(Instant::now())
    }

    fn ms_until(&self, ticks: u64) -> u64 {
        ticks.saturating_sub(self.now()) / 1_000_000
    }

    /// Makes sure `slot`'s process, just published as WAITING with deadline `ticks` (already
    /// stored with `WakeTimer::want`), is woken by then: an entry at or before that time is
    /// enough, since firing reads the current deadline. Takes the lock only when there is
    /// no such entry.
    pub(crate) fn arm(&self, slot: &Slot, ticks: u64) {
        let timer = &slot.timer;
        let armed = timer.armed.load(Ordering::SeqCst);
        if armed != 0 && armed <= ticks {
            return;
        }
        let mut st = self.lock();
        // Again under the lock: the timer thread may have re-armed meanwhile. An `armed`
        // whose entry the timer thread has already taken out still counts: it rechecks that
        // process under this lock before it forgets the entry (see `settle`).
        let armed = timer.armed.load(Ordering::SeqCst);
        if armed != 0 && armed <= ticks {
            return;
        }
        let id = WAKE | slot.pid.0;
        if armed != 0 {
            st.queue.remove(&(armed, id));
        }
        st.queue.insert((ticks, id), Action::Wake(slot.pid));
        timer.armed.store(ticks, Ordering::SeqCst);
        let notify = st.needs_notify(ticks);
        drop(st);
        if notify {
            self.cv.notify_one();
        }
    }

    /// Forgets `slot`'s wake-up entry: its process has exited, so it will never wait again.
    pub(crate) fn disarm(&self, slot: &Slot) {
        slot.timer.deadline.store(0, Ordering::SeqCst);
        if slot.timer.armed.load(Ordering::SeqCst) == 0 {
            return;
        }
        let mut st = self.lock();
        let armed = slot.timer.armed.swap(0, Ordering::SeqCst);
        if armed != 0 {
            st.queue.remove(&(armed, WAKE | slot.pid.0));
        }
    }

    pub(crate) fn send_after(&self, to: Pid, msg: Term, r: Term, ms: u64) {
        let Term::Ref(n) = r else { return };
        let ticks = self.now().saturating_add(ms.saturating_mul(1_000_000));
        let mut st = self.lock();
        st.next += 1;
        let key = (ticks, st.next);
        st.queue.insert(key, Action::Send(to, msg, n));
        st.by_ref.insert(n, key);
        let notify = st.needs_notify(ticks);
        drop(st);
        if notify {
            self.cv.notify_one();
        }
    }

    /// The milliseconds a `send_after` timer has left, without cancelling it.
    pub(crate) fn remaining(&self, r: &Term) -> Option<u64> {
        let Term::Ref(n) = r else { return None };
        let (ticks, _) = *self.lock().by_ref.get(n)?;
        Some(self.ms_until(ticks))
    }

    /// Cancels a `send_after` timer, returning the milliseconds it had left.
    pub(crate) fn cancel(&self, r: &Term) -> Option<u64> {
        let Term::Ref(n) = r else { return None };
        let mut st = self.lock();
        let key = st.by_ref.remove(n)?;
        st.queue.remove(&key)?;
        drop(st);
        Some(self.ms_until(key.0))
    }

    /// How many timers are pending, of both kinds.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().queue.len()
    }

    /// Takes out every timer due at `now`: the wake-up entries to recheck, by pid and the
    /// ticks they were armed at, and the messages to send.
    fn take_due(&self, now: u64) -> Due {
        let mut st = self.lock();
        let mut wakes = Vec::new();
        let mut sends = Vec::new();
        while let Some(entry) = st.queue.first_entry() {
            let (ticks, _) = *entry.key();
            if ticks > now {
                break;
            }
            match entry.remove() {
                Action::Wake(pid) => wakes.push((pid, ticks)),
                Action::Send(pid, msg, n) => {
                    st.by_ref.remove(&n);
                    sends.push((pid, msg));
                }
            }
        }
        Due { wakes, sends }
    }

    /// Decides, for wake-up entries taken out at `now`, which processes to wake: those whose
    /// deadline has passed. One whose wait now has a later deadline gets its entry back at
    /// that time; one not waiting with a timeout (or re-armed meanwhile) is left alone.
    fn settle(&self, due: Vec<(Arc<Slot>, u64)>, now: u64) -> Vec<Arc<Slot>> {
        if due.is_empty() {
            return Vec::new();
        }
        let mut wake = Vec::new();
        let mut st = self.lock();
        for (slot, ticks) in due {
            let timer = &slot.timer;
            if timer.armed.load(Ordering::SeqCst) != ticks {
                // `arm` moved it to an earlier time, or an exit removed it: that entry, or
                // none, is the process's now.
                continue;
            }
            // Cleared before the deadline is read, against `arm`'s store-then-read.
            timer.armed.store(0, Ordering::SeqCst);
            let deadline = timer.deadline.load(Ordering::SeqCst);
            if deadline == 0 {
                continue;
            }
            if deadline > now {
                st.queue.insert((deadline, WAKE | slot.pid.0), Action::Wake(slot.pid));
                timer.armed.store(deadline, Ordering::SeqCst);
            } else {
                wake.push(slot);
            }
        }
        wake
    }

    /// One pass of the timer thread at `now`: everything that came due, with wake-ups
    /// already rechecked. `lookup` finds a live process by pid (no lock is held meanwhile).
    fn fire(&self, now: u64, lookup: impl Fn(Pid) -> Option<Arc<Slot>>) -> Fired {
        let Due { wakes, sends: send } = self.take_due(now);
        let due = wakes.into_iter().filter_map(|(pid, ticks)| Some((lookup(pid)?, ticks))).collect();
        Fired { wake: self.settle(due, now), send }
    }

    /// Sleeps until the earliest timer is due or an earlier one is added; returns at once if
    /// one is due already (it may have been added while the thread was busy).
    fn sleep(&self) {
        let mut st = self.lock();
        let now = self.now();
        let first = st.queue.first_key_value().map(|(&(ticks, _), _)| ticks);
        let wait = match first {
            Some(ticks) if ticks <= now => return,
            Some(ticks) => Duration::from_nanos(ticks - now).min(IDLE_WAIT),
            None => IDLE_WAIT,
        };
        st.sleeping_until = Some(first.unwrap_or(u64::MAX));
        let mut st = match self.cv.wait_timeout(st, wait) {
            Ok((g, _)) => g,
            Err(e) => e.into_inner().0,
        };
        st.sleeping_until = None;
    }
}

/// The timer thread's body: sleeps until the earliest deadline (or an earlier new timer),
/// then wakes processes and delivers `send_after` messages. It runs for the program's life.
pub(crate) fn timer_loop(rt: Arc<Runtime>) {
    let timers = &rt.timers;
    loop {
        let fired = timers.fire(timers.now(), |pid| rt.slot(pid));
        if fired.is_empty() {
            timers.sleep();
            continue;
        }
        for slot in fired.wake {
            rt.wake(&slot);
        }
        for (pid, msg) in fired.send {
            rt.deliver(pid, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Process;

    fn slot(pid: u64) -> Arc<Slot> {
        Arc::new(Slot::new(Pid(pid), super::super::Meta::default(), Box::new(Process::new(Pid(pid)))))
    }

    /// Plays the scheduler's part: a wait with a timeout at `ticks`.
    fn wait(timers: &Timers, s: &Slot, ticks: u64) {
        s.timer.want(ticks);
        timers.arm(s, ticks);
    }

    const SEC: u64 = 1_000_000_000;

    #[test]
    fn repeated_waits_keep_one_entry_per_process() {
        let timers = Timers::default();
        let a = slot(1);
        let b = slot(2);
        // 200,000 call/reply round trips each, with a 5 s timeout and a clock moving on:
        // the old timers kept one entry per wait until its deadline.
        for i in 0..200_000u64 {
            wait(&timers, &a, 5 * SEC + i * 1000);
            a.timer.want(0);
            wait(&timers, &b, 5 * SEC + i * 1000);
            b.timer.want(0);
        }
        assert_eq!(timers.len(), 2);
    }

    #[test]
    fn an_earlier_deadline_moves_the_entry() {
        let timers = Timers::default();
        let a = slot(1);
        wait(&timers, &a, 10 * SEC);
        wait(&timers, &a, 2 * SEC);
        assert_eq!(timers.len(), 1);
        assert_eq!(timers.lock().queue.keys().next(), Some(&(2 * SEC, WAKE | 1)));
    }

    #[test]
    fn a_due_wait_is_woken_and_a_finished_one_is_dropped() {
        let timers = Timers::default();
        let (a, b) = (slot(1), slot(2));
        wait(&timers, &a, 2 * SEC);
        wait(&timers, &b, 2 * SEC);
        b.timer.want(0);
        let lookup = |pid: Pid| [&a, &b].into_iter().find(|s| s.pid == pid).cloned();
        assert!(timers.fire(SEC, lookup).is_empty());
        let fired = timers.fire(2 * SEC, lookup);
        let woken: Vec<Pid> = fired.wake.iter().map(|s| s.pid).collect();
        assert_eq!(woken, vec![Pid(1)]);
        assert_eq!(timers.len(), 0);
        assert_eq!(a.timer.armed.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn a_later_wait_is_rearmed_not_woken() {
        let timers = Timers::default();
        let a = slot(1);
        wait(&timers, &a, 2 * SEC);
        // A newer wait (the next call) with a later deadline: no new entry yet.
        wait(&timers, &a, 7 * SEC);
        assert_eq!(timers.len(), 1);
        let lookup = |_: Pid| Some(a.clone());
        assert!(timers.fire(2 * SEC, lookup).is_empty());
        assert_eq!(timers.lock().queue.keys().next(), Some(&(7 * SEC, WAKE | 1)));
        let fired = timers.fire(7 * SEC, lookup);
        assert_eq!(fired.wake.len(), 1);
    }

    #[test]
    fn an_exited_process_leaves_no_entry() {
        let timers = Timers::default();
        let a = slot(1);
        wait(&timers, &a, 2 * SEC);
        timers.disarm(&a);
        assert_eq!(timers.len(), 0);
        // Its pid no longer finds a process; nothing fires for it.
        assert!(timers.fire(3 * SEC, |_| None).is_empty());
    }

    /// The whole path, scheduler and timer thread included: 200,000 `receive … after 5000`
    /// round trips against an echo process, then a receive that must time out. Before the
    /// timer map was bounded, every one of those waits left an entry behind for 5 s.
    #[test]
    fn round_trips_with_a_timeout_leave_no_timers_behind() {
        let src = r#"
            echo = spawn(fn ->
              loop = fn loop ->
                receive do
                  {from, n} -> send(from, n)
                end
                loop.(loop)
              end
              loop.(loop)
            end)
            count = Enum.reduce(1..200_000, 0, fn n, acc ->
              send(echo, {self(), n})
              receive do
                ^n -> acc + 1
              after
                5000 -> raise "no reply to #{n}"
              end
            end)
            if count != 200_000, do: raise "lost replies"
            timed_out = receive do
              _ -> false
            after
              1 -> true
            end
            if !timed_out, do: raise "a stray message arrived"
        "#;
        let chunk = match crate::compile(src, "timers_test.exs") {
            Ok(c) => c,
            Err(report) => panic!("the test script does not compile:\n{report}"),
        };
        let rt = Runtime::new(1, Vec::new());
        let pid = rt.add_process(|pid| {
            let mut p = Box::new(Process::new(pid));
            p.start_chunk(chunk.clone());
            p
        });
        rt.set_main(pid);
        assert_eq!(super::super::run_program(&rt), 0);
        // The echo process is still alive, waiting without a timeout; the main process has
        // exited. Neither may have a timer left.
        assert_eq!(rt.timers.len(), 0);
    }

    #[test]
    fn send_after_timers_are_cancelled_and_read_as_before() {
        let timers = Timers::default();
        timers.send_after(Pid(1), Term::Int(1), Term::Ref(7), 60_000);
        timers.send_after(Pid(1), Term::Int(2), Term::Ref(8), 0);
        assert!(timers.remaining(&Term::Ref(7)).is_some_and(|ms| ms <= 60_000));
        assert!(timers.cancel(&Term::Ref(7)).is_some());
        assert_eq!(timers.cancel(&Term::Ref(7)), None);
        assert_eq!(timers.remaining(&Term::Ref(7)), None);
        // Cancelled means gone, not left to reach its deadline.
        assert_eq!(timers.len(), 1);
        let fired = timers.fire(timers.now(), |_| None);
        assert_eq!(fired.send.len(), 1);
        assert_eq!(timers.cancel(&Term::Ref(8)), None);
        assert_eq!(timers.len(), 0);
    }
}
