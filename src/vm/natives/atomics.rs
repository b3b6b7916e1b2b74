//! `:atomics` and `:counters`: arrays of 64-bit integers that every process holding the
//! reference updates in place, without messages or copies.
//!
//! An array lives outside every process, in a registry keyed by its reference, so any
//! process that was sent the reference reaches the same cells. The BEAM frees an array when
//! the last reference to it is dropped; vial's references are plain numbers with no
//! destructor to hook, so arrays live until the program ends (they are small and programs
//! make few). `:counters` are atomics under a tag: `{:atomics, ref}` or
//! `{:write_concurrency, ref}`, both shapes as OTP prints them; the second is striped per
//! scheduler on the BEAM, here it is the same atomic cells.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, RwLock};

use super::map::erl_badarg;
use super::{arg, natives, Ctx, HostOp};
use crate::term::{Atom, MapT, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::NResult;

struct Cells {
    /// Unsigned arrays hold `0..2^64`; signed ones (every counters array) `i64`, stored as
    /// its two's complement bits. Arithmetic wraps either way, as on the BEAM.
    signed: bool,
    cells: Box<[AtomicU64]>,
}

static ARRAYS: LazyLock<RwLock<HashMap<u64, Arc<Cells>>>> = LazyLock::new(|| RwLock::new(HashMap::new()));

const BAD_REF: &str = "invalid atomics reference";
const OUT_OF_RANGE: &str = "out of range";

impl Cells {
    fn value(&self, bits: u64) -> Term {
        if self.signed {
            Term::Int(bits as i64)
        } else {
            Term::from_bigint(bits.into())
        }
    }

    /// The bits of `t` as a value this array can hold (`put`, `exchange`), argument `n`.
    fn bits(&self, t: &Term, n: usize) -> Result<u64, Exception> {
        match (t, self.signed) {
            (Term::Int(v), true) => Ok(*v as u64),
            (Term::Int(v), false) if *v >= 0 => Ok(*v as u64),
            (Term::Big(b), false) => u64::try_from(&**b).map_err(|_| erl_badarg(n, OUT_OF_RANGE)),
            (Term::Int(_) | Term::Big(_), _) => Err(erl_badarg(n, OUT_OF_RANGE)),
            _ => Err(erl_badarg(n, "not an integer")),
        }
    }

    /// An increment, argument `n`: a 64-bit integer of the array's kind (an unsigned array
    /// also takes negative ones), whose bits then wrap around the cell's.
    fn incr(&self, t: &Term, n: usize) -> Result<u64, Exception> {
        match t {
            Term::Int(v) => Ok(*v as u64),
            Term::Big(b) if !self.signed => u64::try_from(&**b).map_err(|_| erl_badarg(n, OUT_OF_RANGE)),
            Term::Big(_) => Err(erl_badarg(n, OUT_OF_RANGE)),
            _ => Err(erl_badarg(n, "not an integer")),
        }
    }

    /// The cell at 1-based index `ix`, argument 2 of every call.
    fn cell(&self, ix: &Term) -> Result<&AtomicU64, Exception> {
        let Term::Int(i) = ix else { return Err(erl_badarg(2, "not an integer")) };
        usize::try_from(*i).ok().and_then(|i| i.checked_sub(1)).and_then(|i| self.cells.get(i)).ok_or_else(|| erl_badarg(2, OUT_OF_RANGE))
    }

    fn info(&self, with_bounds: bool, memory: usize) -> Term {
        let atom = |s: &str| Term::Atom(Atom::intern(s));
        let mut items = vec![(atom("memory"), Term::Int(memory as i64)), (atom("size"), Term::Int(self.cells.len() as i64))];
        if with_bounds {
            let (min, max) = if self.signed { (Term::Int(i64::MIN), Term::Int(i64::MAX)) } else { (Term::Int(0), Term::from_bigint(u64::MAX.into())) };
            items.push((atom("max"), max));
            items.push((atom("min"), min));
        }
        let mut m = MapT::new();
        for (k, v) in items {
            m.insert(k, v);
        }
        Term::map(m)
    }

    /// What `info` reports as memory for a plain array, in bytes, as OTP 25 does.
    fn memory(&self) -> usize {
        40 + 8 * self.cells.len()
    }
}

fn create(c: &mut Ctx, size: &Term, signed: bool) -> Result<Term, Exception> {
    let n = match size {
        Term::Int(n) if *n >= 1 && *n <= 1 << 32 => *n as usize,
        Term::Int(_) | Term::Big(_) => return Err(erl_badarg(1, OUT_OF_RANGE)),
        _ => return Err(erl_badarg(1, "not an integer")),
    };
    let Term::Ref(id) = c.host.call(c.st.pid, HostOp::MakeRef)? else {
        return Err(exception::runtime_error("internal: make_ref gave no reference"));
    };
    let cells = Arc::new(Cells { signed, cells: (0..n).map(|_| AtomicU64::new(0)).collect() });
    ARRAYS.write().unwrap_or_else(|e| e.into_inner()).insert(id, cells);
    Ok(Term::Ref(id))
}

/// The array an atomics reference names.
fn atomics(t: &Term) -> Result<Arc<Cells>, Exception> {
    let found = match t {
        Term::Ref(id) => ARRAYS.read().unwrap_or_else(|e| e.into_inner()).get(id).cloned(),
        _ => None,
    };
    found.ok_or_else(|| erl_badarg(1, BAD_REF))
}

/// The array under a counters reference, and whether it is the write-concurrency kind.
fn counters(t: &Term) -> Result<(Arc<Cells>, bool), Exception> {
    if let Term::Tuple(p) = t {
        if let [Term::Atom(tag), r] = &p[..] {
            if matches!(tag.name(), "atomics" | "write_concurrency") {
                if let Ok(cells) = atomics(r) {
                    return Ok((cells, tag.name() == "write_concurrency"));
                }
            }
        }
    }
    Err(erl_badarg(1, BAD_REF))
}

/// The options of `:atomics.new/2`: `{:signed, bool}` only.
fn atomics_signed(opts: &Term) -> Result<bool, Exception> {
    let Some(opts) = opts.list_to_vec() else { return Err(erl_badarg(2, "not a list")) };
    let mut signed = true;
    for o in &opts {
        match o {
            Term::Tuple(p) if p.len() == 2 && p[0].as_atom().is_some_and(|a| a.name() == "signed") && matches!(p[1].as_atom().map(|a| a.name()), Some("true" | "false")) => {
                signed = p[1].as_atom().is_some_and(|a| a.name() == "true");
            }
            _ => return Err(erl_badarg(2, "invalid option in list")),
        }
    }
    Ok(signed)
}

/// The options of `:counters.new/2`: `:atomics` (the default) or `:write_concurrency`.
fn counters_new(c: &mut Ctx, a: &[Term]) -> NResult {
    let Some(opts) = arg(a, 1).list_to_vec() else { return Err(erl_badarg(2, "not a list").into()) };
    let mut tag = "atomics";
    for o in &opts {
        match o.as_atom().map(|a| a.name()) {
            Some(t @ ("atomics" | "write_concurrency")) => tag = t,
            _ => return Err(erl_badarg(2, "invalid option in list").into()),
        }
    }
    let r = create(c, arg(a, 0), true)?;
    Ok(Term::tuple(vec![Term::Atom(Atom::intern(tag)), r]))
}

/// `add`/`sub` on an atomics cell: the new value's bits.
fn add(cells: &Cells, a: &[Term], negate: bool) -> Result<u64, Exception> {
    let cell = cells.cell(arg(a, 1))?;
    let d = cells.incr(arg(a, 2), 3)?;
    let d = if negate { d.wrapping_neg() } else { d };
    Ok(cell.fetch_add(d, Ordering::SeqCst).wrapping_add(d))
}

fn counters_info(a: &[Term]) -> NResult {
    let (cells, striped) = counters(arg(a, 0))?;
    Ok(if striped {
        // Striped per scheduler in 64-byte lines of eight counters, plus one line set.
        let lines = cells.cells.len().div_ceil(8);
        let stripes = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) + 1;
        cells.info(false, 32 + stripes * lines * 64)
    } else {
        cells.info(true, cells.memory())
    })
}

natives! {
    ":atomics"."new"/2 => |c, a| {
        let signed = atomics_signed(arg(a, 1))?;
        Ok(create(c, arg(a, 0), signed)?)
    },
    ":atomics"."get"/2 => |_, a| {
        let cells = atomics(arg(a, 0))?;
        let bits = cells.cell(arg(a, 1))?.load(Ordering::SeqCst);
        Ok(cells.value(bits))
    },
    ":atomics"."put"/3 => |_, a| {
        let cells = atomics(arg(a, 0))?;
        let cell = cells.cell(arg(a, 1))?;
        cell.store(cells.bits(arg(a, 2), 3)?, Ordering::SeqCst);
        Ok(Term::OK)
    },
    ":atomics"."add"/3 => |_, a| add(&*atomics(arg(a, 0))?, a, false).map(|_| Term::OK).map_err(Into::into),
    ":atomics"."sub"/3 => |_, a| add(&*atomics(arg(a, 0))?, a, true).map(|_| Term::OK).map_err(Into::into),
    ":atomics"."add_get"/3 => |_, a| {
        let cells = atomics(arg(a, 0))?;
        Ok(cells.value(add(&cells, a, false)?))
    },
    ":atomics"."sub_get"/3 => |_, a| {
        let cells = atomics(arg(a, 0))?;
        Ok(cells.value(add(&cells, a, true)?))
    },
    ":atomics"."exchange"/3 => |_, a| {
        let cells = atomics(arg(a, 0))?;
        let cell = cells.cell(arg(a, 1))?;
        Ok(cells.value(cell.swap(cells.bits(arg(a, 2), 3)?, Ordering::SeqCst)))
    },
    // `:ok` when the cell held `expected`, else the value it held.
    ":atomics"."compare_exchange"/4 => |_, a| {
        let cells = atomics(arg(a, 0))?;
        let cell = cells.cell(arg(a, 1))?;
        let (expected, desired) = (cells.bits(arg(a, 2), 3)?, cells.bits(arg(a, 3), 4)?);
        Ok(match cell.compare_exchange(expected, desired, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => Term::OK,
            Err(held) => cells.value(held),
        })
    },
    ":atomics"."info"/1 => |_, a| {
        let cells = atomics(arg(a, 0))?;
        Ok(cells.info(true, cells.memory()))
    },
    ":counters"."new"/2 => |c, a| counters_new(c, a),
    ":counters"."get"/2 => |_, a| {
        let (cells, _) = counters(arg(a, 0))?;
        let bits = cells.cell(arg(a, 1))?.load(Ordering::SeqCst);
        Ok(cells.value(bits))
    },
    ":counters"."add"/3 => |_, a| add(&counters(arg(a, 0))?.0, a, false).map(|_| Term::OK).map_err(Into::into),
    ":counters"."sub"/3 => |_, a| add(&counters(arg(a, 0))?.0, a, true).map(|_| Term::OK).map_err(Into::into),
    ":counters"."put"/3 => |_, a| {
        let (cells, _) = counters(arg(a, 0))?;
        let cell = cells.cell(arg(a, 1))?;
        cell.store(cells.bits(arg(a, 2), 3)?, Ordering::SeqCst);
        Ok(Term::OK)
    },
    ":counters"."info"/1 => |_, a| counters_info(a),
}
