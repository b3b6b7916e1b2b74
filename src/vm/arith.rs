//! Arithmetic and the list/binary operators, outside the interpreter's integer fast path:
//! overflow into big integers, mixed integer/float arithmetic, and the errors Elixir raises.

use std::sync::Arc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

use super::exception::{self, Exception};
use crate::term::{order, Bytes, Term};

type R = Result<Term, Exception>;

fn big(t: &Term) -> Option<BigInt> {
    match t {
        Term::Int(i) => Some(BigInt::from(*i)),
        Term::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

pub fn to_f64(t: &Term) -> Option<f64> {
    match t {
        Term::Int(i) => Some(*i as f64),
        Term::Big(b) => b.to_f64(),
        Term::Float(f) => Some(*f),
        _ => None,
    }
}

/// A float result, or ArithmeticError when it is not finite (the BEAM has no inf/NaN).
fn float(f: f64) -> R {
    if f.is_finite() { Ok(Term::Float(f)) } else { Err(exception::badarith()) }
}

macro_rules! arith_op {
    ($name:ident, $checked:ident, $op:tt) => {
        pub fn $name(a: Term, b: Term) -> R {
            match (&a, &b) {
                (Term::Int(x), Term::Int(y)) => Ok(match x.$checked(*y) {
                    Some(v) => Term::Int(v),
                    None => Term::from_bigint(BigInt::from(*x) $op BigInt::from(*y)),
                }),
                (Term::Float(_), _) | (_, Term::Float(_)) => match (to_f64(&a), to_f64(&b)) {
                    (Some(x), Some(y)) => float(x $op y),
                    _ => Err(exception::badarith()),
                },
                _ => match (big(&a), big(&b)) {
                    (Some(x), Some(y)) => Ok(Term::from_bigint(x $op y)),
                    _ => Err(exception::badarith()),
                },
            }
        }
    };
}

arith_op!(add, checked_add, +);
arith_op!(sub, checked_sub, -);
arith_op!(mul, checked_mul, *);

/// `/`: always a float; dividing by zero raises.
pub fn div(a: Term, b: Term) -> R {
    match (to_f64(&a), to_f64(&b)) {
        (Some(_), Some(y)) if y == 0.0 => Err(exception::badarith()),
        (Some(x), Some(y)) => float(x / y),
        _ => Err(exception::badarith()),
    }
}

/// `div/2`: integer division truncating toward zero.
pub fn int_div(a: &Term, b: &Term) -> R {
    match (a, b) {
        (Term::Int(_), Term::Int(0)) => Err(exception::badarith()),
        (Term::Int(x), Term::Int(y)) => Ok(match x.checked_div(*y) {
            Some(v) => Term::Int(v),
            None => Term::from_bigint(BigInt::from(*x) / BigInt::from(*y)),
        }),
        _ => match (big(a), big(b)) {
            (Some(_), Some(y)) if y.is_zero() => Err(exception::badarith()),
            (Some(x), Some(y)) => Ok(Term::from_bigint(x / y)),
            _ => Err(exception::badarith()),
        },
    }
}

/// `rem/2`: remainder with the sign of the dividend.
pub fn int_rem(a: &Term, b: &Term) -> R {
    match (a, b) {
        (Term::Int(_), Term::Int(0)) => Err(exception::badarith()),
        (Term::Int(x), Term::Int(y)) => Ok(Term::Int(x.checked_rem(*y).unwrap_or(0))),
        _ => match (big(a), big(b)) {
            (Some(_), Some(y)) if y.is_zero() => Err(exception::badarith()),
            (Some(x), Some(y)) => Ok(Term::from_bigint(x % y)),
            _ => Err(exception::badarith()),
        },
    }
}

/// `Integer.mod/2`: remainder with the sign of the divisor.
pub fn int_mod(a: &Term, b: &Term) -> R {
    match (big(a), big(b)) {
        (Some(_), Some(y)) if y.is_zero() => Err(exception::badarith()),
        (Some(x), Some(y)) => Ok(Term::from_bigint(x.mod_floor(&y))),
        _ => Err(exception::badarith()),
    }
}

/// Integer power for `**` and `Integer.pow/2` (exponent must be non-negative).
pub fn pow(a: &Term, b: &Term) -> R {
    match (a, b) {
        (Term::Float(_), _) | (_, Term::Float(_)) => match (to_f64(a), to_f64(b)) {
            (Some(x), Some(y)) => float(x.powf(y)),
            _ => Err(exception::badarith()),
        },
        _ => match (big(a), b) {
            (Some(x), Term::Int(e)) if *e >= 0 => {
                // Guard against results too large to hold: the BEAM raises a system limit.
                let bits = x.bits() as u128 * *e as u128;
                if bits > 64 * 1024 * 1024 {
                    return Err(exception::system_limit("a system limit has been reached"));
                }
                Ok(Term::from_bigint(num_traits::pow::pow(x, *e as usize)))
            }
            (Some(_), Term::Int(_)) => Err(exception::badarith()),
            _ => Err(exception::badarith()),
        },
    }
}

/// `<>`.
///
/// A left binary no one else holds (an accumulator moved here by its last use, as in
/// `acc <> "x"` in a loop) is appended to in place, so building a string piece by piece
/// costs amortised time per piece rather than a copy of everything so far; the BEAM does
/// the same for binaries being appended to. A shared one is copied first.
pub fn concat(a: Term, b: Term) -> R {
    match (a, b) {
        (Term::Bin(mut x), Term::Bin(y)) => {
            match Arc::get_mut(&mut x) {
                Some(Bytes::Owned(v)) => v.extend_from_slice(&y),
                _ => {
                    let mut v = Vec::with_capacity(x.len() + y.len());
                    v.extend_from_slice(&x);
                    v.extend_from_slice(&y);
                    x = Arc::new(Bytes::Owned(v));
                }
            }
            Ok(Term::Bin(x))
        }
        (a, b) => {
            let bad = if matches!(a, Term::Bin(_)) { &b } else { &a };
            Err(exception::argument_error(&format!(
                "expected binary argument in <> operator but got: {}",
                crate::term::inspect::inspect(bad)
            )))
        }
    }
}

/// `++`: copies the left list, keeping the right one shared.
///
/// Two reversals, with no vector in between: the first relinks the cells of `a` no one else
/// holds (the accumulator of `acc ++ [x]`, moved in at its last use) and copies the rest,
/// the second relinks the reversed cells, all now unshared, onto `b`. So `acc ++ [x]` on an
/// unshared list allocates nothing, where the BEAM copies `acc`.
pub fn list_concat(a: Term, b: Term) -> R {
    match &a {
        Term::Nil => return Ok(b),
        // A list someone else holds is copied whole, in one pass.
        Term::Cons(cell) if Arc::strong_count(cell) > 1 => {
            let items = a.list_to_vec().ok_or_else(exception::badarg)?;
            return Ok(Term::list_with_tail(items, b));
        }
        _ => {}
    }
    let reversed = Term::reverse_onto(a, Term::Nil).map_err(|_| exception::badarg())?;
    Term::reverse_onto(reversed, b).map_err(|_| exception::badarg())
}

/// Up to this many right-hand elements, `--` searches the left list for each; past it, it
/// counts them in a tree and makes one pass, so `big -- big` is not quadratic.
const SUBTRACT_SCAN_MAX: usize = 16;

/// `--`: removes the first occurrence of each right-hand element from the left list.
pub fn list_subtract(a: Term, b: Term) -> R {
    let mut left = a.list_to_vec().ok_or_else(exception::badarg)?;
    let right = b.list_to_vec().ok_or_else(exception::badarg)?;
    if right.len() <= SUBTRACT_SCAN_MAX {
        for r in &right {
            if let Some(i) = left.iter().position(|x| order::strict_eq(x, r)) {
                left.remove(i);
            }
        }
        return Ok(Term::list(left));
    }
    // Removing the first occurrence of each right element, one at a time, is the same as
    // dropping each left element while its count of pending removals is positive. `Ord for
    // Term` is exact (`1` and `1.0` differ), as `--` is.
    let mut pending: std::collections::BTreeMap<&Term, usize> = std::collections::BTreeMap::new();
    for r in &right {
        *pending.entry(r).or_default() += 1;
    }
    let kept: Vec<Term> = left
        .into_iter()
        .filter(|x| match pending.get_mut(x) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    Ok(Term::list(kept))
}
