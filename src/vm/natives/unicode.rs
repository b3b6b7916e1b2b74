//! The leaf functions under Erlang's `:string` and `:unicode_util` (`stdlib/string_erl.ex`,
//! a port of OTP 25's `string.erl`): whether a code point continues a grapheme cluster, a
//! code point's case mappings, `:string.list_to_integer/1` and `list_to_float/1` (NIFs in
//! OTP), and `:unicode.characters_to_binary/1,2,3` and `characters_to_list/1,2`.

use super::{arg, natives};
use crate::term::{Atom, Term};
use crate::vm::exception::Exception;
use crate::vm::NResult;

natives! {
    // `joins(cluster, cp)`: whether `cp` extends the cluster whose code points, last first,
    // are `cluster`, by the same Unicode 14 rules as `String.graphemes/1`.
    ":vial_unicode"."joins"/2 => |_, a| Ok(Term::bool(joins(arg(a, 0), arg(a, 1)))),
    // `case(cp, :upper | :lower | :title | :fold)`: the mapping, one code point or a list.
    ":vial_unicode"."case"/2 => |_, a| Ok(case(arg(a, 0), arg(a, 1))),
    ":string"."list_to_integer"/1 => |_, a| Ok(list_to_integer(arg(a, 0))),
    ":string"."list_to_float"/1 => |_, a| Ok(list_to_float(arg(a, 0))),
    ":unicode"."characters_to_binary"/1 => |_, a| convert(arg(a, 0), Encoding::Unicode, Encoding::Unicode, true),
    ":unicode"."characters_to_binary"/2 => |_, a| convert(arg(a, 0), encoding(arg(a, 1))?, Encoding::Unicode, true),
    ":unicode"."characters_to_binary"/3 => |_, a| convert(arg(a, 0), encoding(arg(a, 1))?, encoding(arg(a, 2))?, true),
    ":unicode"."characters_to_list"/1 => |_, a| convert(arg(a, 0), Encoding::Unicode, Encoding::Unicode, false),
    ":unicode"."characters_to_list"/2 => |_, a| convert(arg(a, 0), encoding(arg(a, 1))?, Encoding::Unicode, false),
}

fn joins(cluster: &Term, next: &Term) -> bool {
    let mut text = String::new();
    let mut cps: Vec<&Term> = cluster.list_iter().collect();
    cps.reverse();
    cps.push(next);
    for cp in cps {
        match cp {
            Term::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                Some(c) => text.push(c),
                None => return false,
            },
            _ => return false,
        }
    }
    super::string::segments(&text).nth(1).is_none()
}

fn case(cp: &Term, which: &Term) -> Term {
    let Some(c) = (match cp {
        Term::Int(i) => u32::try_from(*i).ok().and_then(char::from_u32),
        _ => None,
    }) else {
        return cp.clone();
    };
    let mapped: Vec<char> = match which.as_atom().map(|a| a.name()) {
        Some("upper") => c.to_uppercase().collect(),
        Some("lower") => c.to_lowercase().collect(),
        Some("title") => titlecase(c),
        // Full case folding, for all but a handful of characters, is the lower case of the
        // upper case (`ß` → `SS` → `ss`, `ς` → `Σ` → `σ`, `ﬁ` → `FI` → `fi`).
        Some("fold") => c.to_uppercase().flat_map(char::to_lowercase).collect(),
        _ => vec![c],
    };
    match mapped.as_slice() {
        [one] => Term::Int(i64::from(u32::from(*one))),
        many => Term::list(many.iter().map(|&m| Term::Int(i64::from(u32::from(m)))).collect()),
    }
}

/// Title case: the upper case, except the Latin digraphs that have title forms of their
/// own and expansions, whose first letter alone is upper case (`ß` → `Ss`, `ﬁ` → `Fi`).
fn titlecase(c: char) -> Vec<char> {
    match c {
        '\u{01C4}'..='\u{01C6}' => vec!['\u{01C5}'],
        '\u{01C7}'..='\u{01C9}' => vec!['\u{01C8}'],
        '\u{01CA}'..='\u{01CC}' => vec!['\u{01CB}'],
        '\u{01F1}'..='\u{01F3}' => vec!['\u{01F2}'],
        _ => {
            let upper: Vec<char> = c.to_uppercase().collect();
            match upper.split_first() {
                Some((first, rest)) if !rest.is_empty() => {
                    std::iter::once(*first).chain(rest.iter().flat_map(|r| r.to_lowercase())).collect()
                }
                _ => upper,
            }
        }
    }
}

/// The ASCII code points at the front of a list, as bytes: what the number parsers read.
fn leading_chars(list: &Term) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut t = list;
    while let Term::Cons(cell) = t {
        match &cell.head {
            Term::Int(i) => match u8::try_from(*i) {
                Ok(b) if b.is_ascii() => bytes.push(b),
                _ => break,
            },
            _ => break,
        }
        t = &cell.tail;
    }
    bytes
}

/// The list after its first `n` elements (all of which are known to be there).
fn drop(list: &Term, n: usize) -> Term {
    let mut t = list;
    for _ in 0..n {
        match t {
            Term::Cons(cell) => t = &cell.tail,
            _ => break,
        }
    }
    t.clone()
}

fn is_list(t: &Term) -> bool {
    matches!(t, Term::Nil | Term::Cons(_))
}

fn error(reason: &str) -> Term {
    Term::tuple(vec![Term::Atom(Atom::intern("error")), Term::Atom(Atom::intern(reason))])
}

/// `:string.list_to_integer/1`: an optional sign and digits, and the rest of the list.
fn list_to_integer(list: &Term) -> Term {
    if !is_list(list) {
        return error("not_a_list");
    }
    let bytes = leading_chars(list);
    let sign = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits = bytes.iter().skip(sign).take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return error("no_integer");
    }
    let text = String::from_utf8_lossy(bytes.get(..sign + digits).unwrap_or_default()).into_owned();
    let n = match text.parse::<num_bigint::BigInt>() {
        Ok(n) => Term::from_bigint(n),
        Err(_) => return error("no_integer"),
    };
    Term::tuple(vec![n, drop(list, sign + digits)])
}

/// `:string.list_to_float/1`: `[+-]digits(.|,)digits([eE][+-]digits)?`, the longest such
/// prefix, and the rest; a value too large for a float is no float, as in OTP.
fn list_to_float(list: &Term) -> Term {
    if !is_list(list) {
        return error("not_a_list");
    }
    let bytes = leading_chars(list);
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let digits_from = |mut i: usize| {
        let start = i;
        while at(i).is_ascii_digit() {
            i += 1;
        }
        (i > start).then_some(i)
    };
    let mut i = usize::from(matches!(at(0), b'+' | b'-'));
    let Some(after_int) = digits_from(i) else { return error("no_float") };
    i = after_int;
    if !matches!(at(i), b'.' | b',') {
        return error("no_float");
    }
    let Some(after_frac) = digits_from(i + 1) else { return error("no_float") };
    i = after_frac;
    if matches!(at(i), b'e' | b'E') {
        let sign = usize::from(matches!(at(i + 1), b'+' | b'-'));
        if let Some(after_exp) = digits_from(i + 1 + sign) {
            i = after_exp;
        }
    }
    let text: String = bytes.get(..i).unwrap_or_default().iter().map(|&b| if b == b',' { '.' } else { char::from(b) }).collect();
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => Term::tuple(vec![Term::Float(f), drop(list, i)]),
        _ => error("no_float"),
    }
}

/// How `:unicode` conversions read and write characters.
#[derive(Clone, Copy, PartialEq)]
enum Encoding {
    Unicode,
    Latin1,
}

fn encoding(t: &Term) -> Result<Encoding, Exception> {
    match t.as_atom().map(|a| a.name()) {
        Some("unicode" | "utf8") => Ok(Encoding::Unicode),
        Some("latin1") => Ok(Encoding::Latin1),
        _ => Err(super::map::erl_badarg(2, "invalid encoding")),
    }
}

/// The code points of chardata: binaries (UTF-8, or one character per byte when read as
/// Latin-1), code points and nested lists, with a binary allowed as a tail. A character the
/// input encoding cannot hold stops the walk: `Err` has what was read before it and the
/// rest (what is left of the element that failed and of everything after it). Anything
/// that is not chardata raises, as on the BEAM.
fn code_points(t: &Term, input: Encoding) -> Result<Result<Vec<char>, (Vec<char>, Term)>, Exception> {
    let mut out = Vec::new();
    let mut stack: Vec<Term> = vec![t.clone()];
    while let Some(item) = stack.pop() {
        match &item {
            Term::Bin(b) if input == Encoding::Latin1 => out.extend(b.iter().map(|&c| char::from(c))),
            Term::Bin(b) => match std::str::from_utf8(b) {
                Ok(s) => out.extend(s.chars()),
                Err(e) => {
                    let good = e.valid_up_to();
                    out.extend(std::str::from_utf8(b.get(..good).unwrap_or_default()).unwrap_or_default().chars());
                    let rest = Term::bytes(b.get(good..).unwrap_or_default().to_vec());
                    return Ok(Err((out, rest_of(rest, stack))));
                }
            },
            Term::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                Some(c) if input == Encoding::Unicode || u32::from(c) < 256 => out.push(c),
                _ => return Ok(Err((out, rest_of(item.clone(), stack)))),
            },
            Term::Nil => {}
            Term::Cons(cell) => {
                stack.push(cell.tail.clone());
                stack.push(cell.head.clone());
            }
            _ => return Err(not_chardata()),
        }
    }
    Ok(Ok(out))
}

fn rest_of(at: Term, mut pending: Vec<Term>) -> Term {
    if pending.iter().all(|p| matches!(p, Term::Nil)) {
        return if matches!(at, Term::Bin(_)) { at } else { Term::list(vec![at]) };
    }
    pending.reverse();
    let mut items = vec![at];
    items.extend(pending.into_iter().filter(|p| !matches!(p, Term::Nil)));
    Term::list(items)
}

/// Characters written in `output`: a binary (UTF-8 or one byte each), or a list of code
/// points. A character Latin-1 cannot hold ends the text there, with the characters left.
fn render(chars: &[char], output: Encoding, to_binary: bool) -> (Term, Option<Vec<char>>) {
    let cut = match output {
        Encoding::Latin1 => chars.iter().position(|&c| u32::from(c) > 255),
        Encoding::Unicode => None,
    };
    let (done, left) = match cut {
        Some(i) => (chars.get(..i).unwrap_or_default(), chars.get(i..).map(<[char]>::to_vec)),
        None => (chars, None),
    };
    let t = if !to_binary {
        Term::list(done.iter().map(|&c| Term::Int(i64::from(u32::from(c)))).collect())
    } else if output == Encoding::Latin1 {
        Term::bytes(done.iter().map(|&c| u32::from(c) as u8).collect())
    } else {
        Term::str(&done.iter().collect::<String>())
    };
    (t, left)
}

/// `:unicode.characters_to_binary/1,2,3` and `characters_to_list/1,2`: the converted text,
/// or `{:error, converted, rest}` at the first character that cannot be read or written.
fn convert(t: &Term, input: Encoding, output: Encoding, to_binary: bool) -> NResult {
    let error = |done: Term, rest: Term| Term::tuple(vec![Term::Atom(Atom::intern("error")), done, rest]);
    match code_points(t, input)? {
        Ok(chars) => match render(&chars, output, to_binary) {
            (done, None) => Ok(done),
            (done, Some(left)) => Ok(error(done, Term::list(left.iter().map(|&c| Term::Int(i64::from(u32::from(c)))).collect()))),
        },
        Err((chars, rest)) => {
            let (done, _) = render(&chars, output, to_binary);
            Ok(error(done, rest))
        }
    }
}

fn not_chardata() -> Exception {
    super::map::erl_badarg(1, "not valid character data (an iodata term)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn cps(s: &str) -> Term {
        Term::list(s.chars().map(|c| Term::Int(i64::from(u32::from(c)))).collect())
    }

    #[test]
    fn list_to_integer_and_float_take_the_longest_prefix() {
        let r = list_to_integer(&cps("+12 "));
        assert_eq!(crate::term::inspect::inspect(&r), "{12, ' '}");
        let r = list_to_float(&cps("1.5e3x"));
        assert_eq!(crate::term::inspect::inspect(&r), "{1500.0, 'x'}");
        let r = list_to_float(&cps("1.e5"));
        assert_eq!(crate::term::inspect::inspect(&r), "{:error, :no_float}");
    }

    #[test]
    fn combining_marks_join_and_letters_do_not() {
        assert!(joins(&cps("e"), &Term::Int(0x301)));
        assert!(!joins(&cps("e"), &Term::Int(0x62)));
        assert!(!joins(&cps("e"), &Term::Int(-1)));
    }

    #[test]
    fn text_with_a_combining_mark_is_one_segment() {
        assert_eq!("e\u{301}".graphemes(true).count(), 1);
    }
}
