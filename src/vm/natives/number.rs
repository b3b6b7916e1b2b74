//! `Integer` and `Float` built-ins, the number parsing `String`/`List` share, and the
//! `:erlang` number conversions (`float_to_binary/2`, `integer_to_binary/2`, …).

use num_bigint::BigInt;
use num_integer::Integer as _;
use num_traits::{Signed, ToPrimitive, Zero};

use super::map::erl_badarg;
use super::{arg, natives};
use crate::term::inspect::fwrite_g;
use crate::term::{Atom, Term};
use crate::vm::arith;
use crate::vm::exception::{self, Exception};
use crate::vm::NResult;

natives! {
    "Bitwise"."band"/2 => |_, a| bitwise(Bit::And, arg(a, 0), arg(a, 1)),
    "Bitwise"."bor"/2 => |_, a| bitwise(Bit::Or, arg(a, 0), arg(a, 1)),
    "Bitwise"."bxor"/2 => |_, a| bitwise(Bit::Xor, arg(a, 0), arg(a, 1)),
    "Bitwise"."bsl"/2 => |_, a| bitwise(Bit::Shl, arg(a, 0), arg(a, 1)),
    "Bitwise"."bsr"/2 => |_, a| bitwise(Bit::Shr, arg(a, 0), arg(a, 1)),
    "Bitwise"."bnot"/1 => |_, a| bitwise(Bit::Xor, arg(a, 0), &Term::Int(-1)),
    ":erlang"."band"/2 => |_, a| bitwise(Bit::And, arg(a, 0), arg(a, 1)),
    ":erlang"."bor"/2 => |_, a| bitwise(Bit::Or, arg(a, 0), arg(a, 1)),
    ":erlang"."bxor"/2 => |_, a| bitwise(Bit::Xor, arg(a, 0), arg(a, 1)),
    ":erlang"."bsl"/2 => |_, a| bitwise(Bit::Shl, arg(a, 0), arg(a, 1)),
    ":erlang"."bsr"/2 => |_, a| bitwise(Bit::Shr, arg(a, 0), arg(a, 1)),
    ":erlang"."bnot"/1 => |_, a| bitwise(Bit::Xor, arg(a, 0), &Term::Int(-1)),
    "Integer"."to_string"/1 => |_, a| Ok(Term::str(&int_to_string(arg(a, 0), &Term::Int(10))?)),
    "Integer"."to_string"/2 => |_, a| Ok(Term::str(&int_to_string(arg(a, 0), arg(a, 1))?)),
    "Integer"."to_charlist"/1 => |_, a| Ok(charlist(&int_to_string(arg(a, 0), &Term::Int(10))?)),
    "Integer"."to_charlist"/2 => |_, a| Ok(charlist(&int_to_string(arg(a, 0), arg(a, 1))?)),
    "Integer"."parse"/1 => |_, a| int_parse(arg(a, 0), &Term::Int(10)),
    "Integer"."parse"/2 => |_, a| int_parse(arg(a, 0), arg(a, 1)),
    "Integer"."pow"/2 => |_, a| {
        integer(arg(a, 0), "pow", a)?;
        integer(arg(a, 1), "pow", a)?;
        Ok(arith::pow(arg(a, 0), arg(a, 1))?)
    },
    "Integer"."mod"/2 => |_, a| Ok(arith::int_mod(arg(a, 0), arg(a, 1))?),
    "Integer"."floor_div"/2 => |_, a| {
        let (x, y) = (integer(arg(a, 0), "floor_div", a)?, integer(arg(a, 1), "floor_div", a)?);
        if y.is_zero() {
            return Err(exception::badarith().into());
        }
        Ok(Term::from_bigint(x.div_floor(&y)))
    },
    "Integer"."gcd"/2 => |_, a| {
        let (x, y) = (integer(arg(a, 0), "gcd", a)?, integer(arg(a, 1), "gcd", a)?);
        Ok(Term::from_bigint(x.gcd(&y)))
    },
    "Integer"."is_even"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Int(i) if i % 2 == 0) || matches!(arg(a, 0), Term::Big(b) if b.is_even()))),
    "Integer"."is_odd"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Int(i) if i % 2 != 0) || matches!(arg(a, 0), Term::Big(b) if b.is_odd()))),
    "Integer"."digits"/1 => |_, a| digits(a, 10),
    "Integer"."digits"/2 => |_, a| match arg(a, 1) {
        Term::Int(b) if *b >= 2 => digits(a, *b),
        _ => Err(clause("Elixir.Integer", "digits", a).into()),
    },
    "Integer"."undigits"/1 => |_, a| undigits(arg(a, 0), 10),
    "Integer"."undigits"/2 => |_, a| match arg(a, 1) {
        Term::Int(b) if *b >= 2 => undigits(arg(a, 0), *b),
        _ => Err(clause("Elixir.Integer", "undigits", a).into()),
    },

    "Float"."ratio"/1 => |_, a| match arg(a, 0) {
        Term::Float(f) => Ok(float_ratio(*f)),
        _ => Err(clause("Elixir.Float", "ratio", a).into()),
    },
    "Float"."round"/1 => |_, a| float_round(a, Mode::Round),
    "Float"."round"/2 => |_, a| float_round(a, Mode::Round),
    "Float"."floor"/1 => |_, a| float_round(a, Mode::Floor),
    "Float"."floor"/2 => |_, a| float_round(a, Mode::Floor),
    "Float"."ceil"/1 => |_, a| float_round(a, Mode::Ceil),
    "Float"."ceil"/2 => |_, a| float_round(a, Mode::Ceil),
    "Float"."to_string"/1 => |_, a| match arg(a, 0) {
        Term::Float(f) => Ok(Term::str(&fwrite_g(*f))),
        _ => Err(clause("Elixir.Float", "to_string", a).into()),
    },
    "Float"."to_charlist"/1 => |_, a| match arg(a, 0) {
        Term::Float(f) => Ok(charlist(&fwrite_g(*f))),
        _ => Err(clause("Elixir.Float", "to_charlist", a).into()),
    },
    "Float"."parse"/1 => |_, a| match arg(a, 0) {
        Term::Bin(b) => Ok(match float_prefix(b) {
            Some((f, n)) => Term::tuple(vec![Term::Float(f), Term::bytes(b[n..].to_vec())]),
            None => Term::Atom(Atom::ERROR),
        }),
        _ => Err(clause("Elixir.Float", "parse_unsigned", a).into()),
    },
    "Float"."pow"/2 => |_, a| match (arg(a, 0), arg(a, 1)) {
        (Term::Float(_), Term::Int(_) | Term::Float(_)) => Ok(arith::pow(arg(a, 0), arg(a, 1))?),
        _ => Err(clause("Elixir.Float", "pow", a).into()),
    },

    ":erlang"."float_to_binary"/1 => |_, a| Ok(Term::str(&float_to_binary(arg(a, 0), &Term::Nil)?)),
    ":erlang"."float_to_binary"/2 => |_, a| Ok(Term::str(&float_to_binary(arg(a, 0), arg(a, 1))?)),
    ":erlang"."float_to_list"/2 => |_, a| Ok(charlist(&float_to_binary(arg(a, 0), arg(a, 1))?)),
    ":erlang"."integer_to_binary"/1 => |_, a| Ok(Term::str(&int_to_string(arg(a, 0), &Term::Int(10))?)),
    ":erlang"."integer_to_binary"/2 => |_, a| Ok(Term::str(&int_to_string(arg(a, 0), arg(a, 1))?)),
    ":erlang"."integer_to_list"/1 => |_, a| Ok(charlist(&int_to_string(arg(a, 0), &Term::Int(10))?)),
    ":erlang"."binary_to_integer"/1 => |_, a| text_to_integer(super::bin(arg(a, 0)).map_err(|_| erl_badarg(1, "not a binary"))?, &Term::Int(10)),
    ":erlang"."binary_to_integer"/2 => |_, a| text_to_integer(super::bin(arg(a, 0)).map_err(|_| erl_badarg(1, "not a binary"))?, arg(a, 1)),
    ":erlang"."binary_to_float"/1 => |_, a| text_to_float(super::bin(arg(a, 0)).map_err(|_| erl_badarg(1, "not a binary"))?),
}

/// `Float.ratio/1`: every finite float is `mantissa * 2^exp` exactly, so the fraction is that,
/// with the common powers of two cancelled to give lowest terms (the denominator is a power
/// of two, so only twos can cancel).
fn float_ratio(f: f64) -> Term {
    let bits = f.to_bits();
    let negative = bits >> 63 == 1;
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    // Subnormals have no implicit leading one and the smallest exponent.
    let (mut mantissa, mut exp) = if exp_bits == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_bits - 1075) };
    if mantissa == 0 {
        return Term::tuple(vec![Term::Int(0), Term::Int(1)]);
    }
    while exp < 0 && mantissa % 2 == 0 {
        mantissa /= 2;
        exp += 1;
    }
    let mut num = BigInt::from(mantissa);
    if negative {
        num = -num;
    }
    let (num, den) = if exp >= 0 { (num << (exp as usize), BigInt::from(1)) } else { (num, BigInt::from(1) << ((-exp) as usize)) };
    Term::tuple(vec![Term::from_bigint(num), Term::from_bigint(den)])
}

fn clause(module: &str, name: &str, args: &[Term]) -> Exception {
    exception::function_clause(Atom::intern(module), Atom::intern(name), args.len() as u32, args.to_vec())
}

fn charlist(s: &str) -> Term {
    Term::list(s.chars().map(|c| Term::Int(c as i64)).collect())
}

fn big(t: &Term) -> Option<BigInt> {
    match t {
        Term::Int(i) => Some(BigInt::from(*i)),
        Term::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

fn integer(t: &Term, name: &str, args: &[Term]) -> Result<BigInt, Exception> {
    big(t).ok_or_else(|| clause("Elixir.Integer", name, args))
}

fn base_of(b: &Term) -> Result<u32, Exception> {
    match b {
        Term::Int(b) if (2..=36).contains(b) => Ok(*b as u32),
        other => Err(exception::argument_error(&format!("invalid base {}", crate::term::inspect::inspect(other)))),
    }
}

fn int_to_string(t: &Term, base: &Term) -> Result<String, Exception> {
    let n = big(t).ok_or_else(|| erl_badarg(1, "not an integer"))?;
    let base = match base {
        Term::Int(b) if (2..=36).contains(b) => *b as u32,
        _ => return Err(erl_badarg(2, "not a valid base")),
    };
    Ok(n.to_str_radix(base).to_uppercase())
}

/// The longest integer prefix of `s` in `base` (optional sign, then digits): the value and
/// the number of bytes it took.
pub(crate) fn int_prefix(s: &[u8], base: u32) -> Option<(BigInt, usize)> {
    let sign = matches!(s.first(), Some(b'-' | b'+')) as usize;
    let n = s[sign..].iter().take_while(|c| (**c as char).is_digit(base)).count();
    if n == 0 {
        return None;
    }
    let text = std::str::from_utf8(&s[sign..sign + n]).ok()?;
    let v = BigInt::parse_bytes(text.as_bytes(), base)?;
    Some((if s.first() == Some(&b'-') { -v } else { v }, sign + n))
}

fn int_parse(t: &Term, base: &Term) -> NResult {
    let base = base_of(base)?;
    let s = match t {
        Term::Bin(b) => b,
        _ => return Err(clause("Elixir.Integer", "parse", &[t.clone(), Term::Int(base as i64)]).into()),
    };
    Ok(match int_prefix(s, base) {
        Some((v, n)) => Term::tuple(vec![Term::from_bigint(v), Term::bytes(s[n..].to_vec())]),
        None => Term::Atom(Atom::ERROR),
    })
}

/// `String.to_integer/1,2` and `:erlang.binary_to_integer`: the whole text must be an integer.
pub(crate) fn text_to_integer(s: &[u8], base: &Term) -> NResult {
    let base = match base {
        Term::Int(b) if (2..=36).contains(b) => *b as u32,
        _ => return Err(erl_badarg(2, "not a valid base").into()),
    };
    match int_prefix(s, base) {
        Some((v, n)) if n == s.len() => Ok(Term::from_bigint(v)),
        _ => Err(erl_badarg(1, "not a textual representation of an integer").into()),
    }
}

/// `String.to_float/1` and `:erlang.binary_to_float/1`: Erlang's float syntax, which needs
/// a fractional part (`"1"` and `"1e3"` are not floats).
pub(crate) fn text_to_float(s: &[u8]) -> NResult {
    match erlang_float(s) {
        Some(f) => Ok(Term::Float(f)),
        None => Err(erl_badarg(1, "not a textual representation of a float").into()),
    }
}

fn erlang_float(s: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(s).ok()?;
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.')?;
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit());
    if !digits(int) || !digits(frac) {
        return None;
    }
    if let Some(e) = exp {
        if !digits(e.strip_prefix(['-', '+']).unwrap_or(e)) {
            return None;
        }
    }
    let f: f64 = text.parse().ok()?;
    f.is_finite().then_some(f)
}

/// `Float.parse/1`: the longest float prefix (digits, optional `.digits`, optional exponent).
fn float_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = matches!(s.first(), Some(b'-' | b'+')) as usize;
    let start = i;
    while s.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if i == start {
        return None;
    }
    if s.get(i) == Some(&b'.') && s.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'-' | b'+')) {
            j += 1;
        }
        if s.get(j).is_some_and(u8::is_ascii_digit) {
            while s.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            i = j;
        }
    }
    let text = std::str::from_utf8(&s[..i]).ok()?;
    let f: f64 = text.parse().ok()?;
    f.is_finite().then_some((f, i))
}

fn digits(a: &[Term], base: i64) -> NResult {
    let n = match big(arg(a, 0)) {
        Some(n) => n,
        None => return Err(clause("Elixir.Integer", "digits", &[arg(a, 0).clone(), Term::Int(base)]).into()),
    };
    let neg = n.is_negative();
    let mut n = n.abs();
    let b = BigInt::from(base);
    let mut out = Vec::new();
    loop {
        let (q, r) = n.div_rem(&b);
        let d = r.to_i64().unwrap_or(0);
        out.push(Term::Int(if neg { -d } else { d }));
        n = q;
        if n.is_zero() {
            break;
        }
    }
    out.reverse();
    Ok(Term::list(out))
}

fn undigits(t: &Term, base: i64) -> NResult {
    let mut acc = BigInt::zero();
    for d in super::list(t)? {
        let Term::Int(d) = d else {
            return Err(clause("Elixir.Integer", "undigits", &[t.clone(), Term::Int(base)]).into());
        };
        if d >= base {
            return Err(exception::argument_error(&format!("invalid digit {d} in base {base}")).into());
        }
        acc = acc * base + d;
    }
    Ok(Term::from_bigint(acc))
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Mode {
    Round,
    Floor,
    Ceil,
}

fn float_round(a: &[Term], mode: Mode) -> NResult {
    let name = match mode {
        Mode::Round => "round",
        Mode::Floor => "floor",
        Mode::Ceil => "ceil",
    };
    let (f, precision) = match (arg(a, 0), a.get(1)) {
        (Term::Float(f), None) => (*f, 0),
        (Term::Float(f), Some(Term::Int(p))) if (0..=15).contains(p) => (*f, *p as u32),
        (Term::Float(_), Some(Term::Int(p))) => {
            return Err(exception::argument_error(&format!("precision {p} is out of valid range of 0..15")).into());
        }
        _ => {
            let mut args = a.to_vec();
            if args.len() == 1 {
                args.push(Term::Int(0));
            }
            return Err(clause("Elixir.Float", name, &args).into());
        }
    };
    Ok(Term::Float(round_decimal(f, precision, mode)))
}

/// Rounds the exact decimal value of `f` to `precision` digits after the point (half away
/// from zero for `Round`), as Elixir's `Float.round/2` does: `Float.round(2.675, 2)` is 2.67
/// because the double nearest 2.675 is slightly below it. The sign survives (`-0.0`).
pub(crate) fn round_decimal(f: f64, precision: u32, mode: Mode) -> f64 {
    if !f.is_finite() || f == 0.0 {
        return if mode == Mode::Round { f.abs() } else { f };
    }
    let (digits, scale) = exact_decimal(f.abs());
    let neg = f < 0.0;
    let rounded = if scale <= precision {
        return f;
    } else {
        let div = num_traits::pow(BigInt::from(10u32), (scale - precision) as usize);
        let (q, r) = digits.div_rem(&div);
        let up = match mode {
            Mode::Round => r.clone() * 2u32 >= div,
            Mode::Floor => neg && !r.is_zero(),
            Mode::Ceil => !neg && !r.is_zero(),
        };
        if up { q + 1u32 } else { q }
    };
    let s = rounded.to_string();
    let p = precision as usize;
    let text = if p == 0 {
        s
    } else if s.len() > p {
        format!("{}.{}", &s[..s.len() - p], &s[s.len() - p..])
    } else {
        format!("0.{}{}", "0".repeat(p - s.len()), s)
    };
    let v: f64 = text.parse().unwrap_or(f.abs());
    // Elixir's `round` (and any rounding to digits) goes through integers, so a zero result
    // is `0.0`; only `floor/1`, `ceil/1` (`:math.floor`/`ceil`) keep the sign of a zero.
    if v == 0.0 && (mode == Mode::Round || precision > 0) {
        return 0.0;
    }
    if neg { -v } else { v }
}

/// `f` (positive, finite) as an exact decimal: `digits / 10^scale`.
fn exact_decimal(f: f64) -> (BigInt, u32) {
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
    if e >= 0 {
        (BigInt::from(mant) << e as usize, 0)
    } else {
        let k = (-e) as u32;
        (BigInt::from(mant) * num_traits::pow(BigInt::from(5u32), k as usize), k)
    }
}

/// `:erlang.float_to_binary/1,2` with the `decimals:` and `:compact` options (and the
/// default 20-digit scientific form).
fn float_to_binary(t: &Term, opts: &Term) -> Result<String, Exception> {
    let Term::Float(f) = t else { return Err(erl_badarg(1, "not a float")) };
    let mut decimals = None;
    let mut compact = false;
    let mut scientific = 20usize;
    for o in opts.list_iter() {
        match o {
            Term::Atom(a) if a.name() == "compact" => compact = true,
            Term::Tuple(p) if p.len() == 2 => match (p[0].as_atom().map(|a| a.name()), &p[1]) {
                (Some("decimals"), Term::Int(d)) if (0..=253).contains(d) => decimals = Some(*d as u32),
                (Some("scientific"), Term::Int(d)) if (0..=249).contains(d) => scientific = *d as usize,
                _ => return Err(erl_badarg(2, "invalid option in list")),
            },
            _ => return Err(erl_badarg(2, "invalid option in list")),
        }
    }
    let Some(d) = decimals else {
        let s = format!("{:.*e}", scientific, f);
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        return Ok(format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs()));
    };
    let r = round_decimal(*f, d, Mode::Round);
    let mut s = format!("{:.*}", d as usize, r);
    if compact && s.contains('.') {
        while s.ends_with('0') && !s.ends_with(".0") {
            s.pop();
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_the_exact_value() {
        assert_eq!(round_decimal(2.675, 2, Mode::Round), 2.67);
        assert_eq!(round_decimal(5.5675, 3, Mode::Round), 5.567);
        assert_eq!(round_decimal(-2.5, 0, Mode::Round), -3.0);
        assert_eq!(round_decimal(-2.123, 2, Mode::Floor), -2.13);
        assert_eq!(round_decimal(2.123, 1, Mode::Ceil), 2.2);
        assert!(round_decimal(-0.1, 0, Mode::Ceil).is_sign_negative());
        assert!(round_decimal(-0.4, 0, Mode::Round).is_sign_positive());
        assert!(round_decimal(-0.04, 1, Mode::Ceil).is_sign_positive());
    }

    #[test]
    fn parses_numbers() {
        assert_eq!(float_prefix(b"3.14abc"), Some((3.14, 4)));
        assert_eq!(float_prefix(b"5."), Some((5.0, 1)));
        assert_eq!(float_prefix(b"1.5e3x"), Some((1500.0, 5)));
        assert_eq!(float_prefix(b"-.5"), None);
        assert_eq!(erlang_float(b"1"), None);
        assert_eq!(erlang_float(b"1.5e3"), Some(1500.0));
        assert_eq!(int_prefix(b"+12x", 10), Some((BigInt::from(12), 3)));
        assert_eq!(int_prefix(b"-", 10), None);
    }

    #[test]
    fn float_to_binary_decimals() {
        let opts = |d: i64| Term::list(vec![Term::tuple(vec![Term::Atom(Atom::intern("decimals")), Term::Int(d)])]);
        assert_eq!(float_to_binary(&Term::Float(0.125), &opts(2)).ok().as_deref(), Some("0.13"));
        assert_eq!(float_to_binary(&Term::Float(3.0), &opts(0)).ok().as_deref(), Some("3"));
        assert_eq!(float_to_binary(&Term::Float(1.5), &Term::Nil).ok().as_deref(), Some("1.50000000000000000000e+00"));
    }
}

#[derive(Clone, Copy)]
enum Bit {
    And,
    Or,
    Xor,
    Shl,
    Shr,
}

/// The widest shift `bsl` performs. Shifting 1 left by a huge count would allocate that many
/// bits; past a few million the BEAM raises a system limit as well.
const MAX_SHIFT: i64 = 1 << 24;

/// `Bitwise` and the `:erlang` bit operations, on two's complement integers of any size.
fn bitwise(op: Bit, x: &Term, y: &Term) -> NResult {
    if let (Term::Int(a), Term::Int(b)) = (x, y) {
        let (a, b) = (*a, *b);
        let small = match op {
            Bit::And => Some(a & b),
            Bit::Or => Some(a | b),
            Bit::Xor => Some(a ^ b),
            // Exact while the result fits: shifting back must give the operand again.
            Bit::Shl if (0..63).contains(&b) && (a << b) >> b == a => Some(a << b),
            Bit::Shr if b >= 0 => Some(a >> b.min(63)),
            Bit::Shl | Bit::Shr => None,
        };
        if let Some(r) = small {
            return Ok(Term::Int(r));
        }
    }
    let big = |t: &Term| match t {
        Term::Int(i) => Some(BigInt::from(*i)),
        Term::Big(b) => Some((**b).clone()),
        _ => None,
    };
    let (Some(a), Some(b)) = (big(x), big(y)) else {
        return Err(exception::badarith().into());
    };
    let r = match op {
        Bit::And => a & b,
        Bit::Or => a | b,
        Bit::Xor => a ^ b,
        Bit::Shl | Bit::Shr => {
            // The shift as a left shift by `n` (negative: right), saturated far beyond any
            // width a number can have.
            let n = b.to_i64().unwrap_or(if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX });
            let n = if matches!(op, Bit::Shr) { n.saturating_neg() } else { n };
            if n >= 0 {
                if a.is_zero() {
                    return Ok(Term::Int(0));
                }
                if n > MAX_SHIFT {
                    return Err(exception::system_limit("a system limit has been reached").into());
                }
                a << n as usize
            } else if n.unsigned_abs() >= a.bits() + 1 {
                // Everything shifted out: what is left is the sign.
                return Ok(Term::Int(if a.sign() == num_bigint::Sign::Minus { -1 } else { 0 }));
            } else {
                a >> n.unsigned_abs() as usize
            }
        }
    };
    Ok(Term::from_bigint(r))
}
