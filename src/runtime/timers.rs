//! Timers: `receive … after`, `Process.send_after/3` and `Process.cancel_timer/1`, served by
//! one timer thread sleeping until the earliest deadline.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::Runtime;
use crate::term::{Pid, Term};

enum Action {
    Wake(Pid),
    Send(Pid, Term, u64),
}

#[derive(Default)]
struct State {
    heap: BinaryHeap<Reverse<(Instant, u64)>>,
    actions: HashMap<u64, (Instant, Action)>,
    /// Timer ids of `send_after` timers by their reference number.
    by_ref: HashMap<u64, u64>,
    next: u64,
}

#[derive(Default)]
pub(crate) struct Timers {
    state: Mutex<State>,
    cv: Condvar,
}

impl Timers {
    fn add(&self, at: Instant, action: Action) -> u64 {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.next += 1;
        let id = st.next;
        st.heap.push(Reverse((at, id)));
        st.actions.insert(id, (at, action));
        drop(st);
        self.cv.notify_one();
        id
    }

    /// Wakes `pid` (waiting in `receive … after`) at `at`.
    pub(crate) fn wake_at(&self, pid: Pid, at: Instant) {
        self.add(at, Action::Wake(pid));
    }

    pub(crate) fn send_after(&self, to: Pid, msg: Term, r: Term, ms: u64) {
        let Term::Ref(n) = r else { return };
        let id = self.add(Instant::now() + Duration::from_millis(ms), Action::Send(to, msg, n));
        self.state.lock().unwrap_or_else(|e| e.into_inner()).by_ref.insert(n, id);
    }

    /// The milliseconds a `send_after` timer has left, without cancelling it.
    pub(crate) fn remaining(&self, r: &Term) -> Option<u64> {
        let Term::Ref(n) = r else { return None };
        let st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let id = st.by_ref.get(n)?;
        let (at, _) = st.actions.get(id)?;
        Some(at.saturating_duration_since(Instant::now()).as_millis() as u64)
    }

    /// Cancels a `send_after` timer, returning the milliseconds it had left.
    pub(crate) fn cancel(&self, r: &Term) -> Option<u64> {
        let Term::Ref(n) = r else { return None };
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let id = st.by_ref.remove(n)?;
        let (at, _) = st.actions.remove(&id)?;
        Some(at.saturating_duration_since(Instant::now()).as_millis() as u64)
    }

}

/// The timer thread's body: sleeps until the earliest deadline (or a new timer), then
/// wakes processes and delivers `send_after` messages. It runs for the program's life.
pub(crate) fn timer_loop(rt: Arc<Runtime>) {
    let timers = &rt.timers;
    let mut st = timers.state.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let now = Instant::now();
        let mut due = Vec::new();
        while let Some(Reverse((at, id))) = st.heap.peek().copied() {
            if at > now {
                break;
            }
            st.heap.pop();
            if let Some((_, action)) = st.actions.remove(&id) {
                if let Action::Send(_, _, n) = &action {
                    st.by_ref.remove(n);
                }
                due.push(action);
            }
        }
        if due.is_empty() {
            let wait = st.heap.peek().map(|Reverse((at, _))| at.saturating_duration_since(now)).unwrap_or(Duration::from_secs(3600));
            st = match timers.cv.wait_timeout(st, wait) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
            continue;
        }
        drop(st);
        for a in due {
            match a {
                Action::Wake(pid) => {
                    if let Some(slot) = rt.slot(pid) {
                        rt.wake(&slot);
                    }
                }
                Action::Send(pid, msg, _) => rt.deliver(pid, msg),
            }
        }
        st = timers.state.lock().unwrap_or_else(|e| e.into_inner());
    }
}
