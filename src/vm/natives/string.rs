//! `String` built-ins. Elixir counts graphemes; here a grapheme is a Unicode scalar value
//! (a `char`), which agrees for all precomposed text. Invalid UTF-8 is read lossily.

use super::map::erl_badarg;
use super::number::{text_to_float, text_to_integer};
use super::{arg, natives};
use crate::term::inspect::string_printable;
use crate::term::{Atom, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::{Flow, NResult};

natives! {
    "String"."upcase"/1 => |_, a| Ok(Term::str(&text(&with_mode(a), 0, "upcase")?.to_uppercase())),
    "String"."upcase"/2 => |_, a| Ok(Term::str(&text(a, 0, "upcase")?.to_uppercase())),
    "String"."downcase"/1 => |_, a| Ok(Term::str(&text(&with_mode(a), 0, "downcase")?.to_lowercase())),
    "String"."downcase"/2 => |_, a| Ok(Term::str(&text(a, 0, "downcase")?.to_lowercase())),
    "String"."capitalize"/1 => |_, a| Ok(Term::str(&capitalize(&text(&with_mode(a), 0, "capitalize")?))),
    "String"."capitalize"/2 => |_, a| Ok(Term::str(&capitalize(&text(a, 0, "capitalize")?))),
    "String"."split"/1 => |_, a| Ok(strs(String::from_utf8_lossy(bin_arg(a)?).split(is_space).filter(|p| !p.is_empty()))),
    "String"."split"/2 => |_, a| split(a, &Term::Nil),
    "String"."split"/3 => |_, a| split(a, arg(a, 2)),
    "String"."trim"/1 => |_, a| Ok(Term::str(text(a, 0, "trim")?.trim_matches(is_space))),
    "String"."trim"/2 => |_, a| {
        let (s, t) = (text(a, 0, "trim")?, text(a, 1, "trim")?);
        Ok(Term::str(trim_end(trim_start(&s, &t), &t)))
    },
    "String"."trim_leading"/1 => |_, a| Ok(Term::str(text(a, 0, "trim_leading")?.trim_start_matches(is_space))),
    "String"."trim_leading"/2 => |_, a| Ok(Term::str(trim_start(&text(a, 0, "trim_leading")?, &text(a, 1, "trim_leading")?))),
    "String"."trim_trailing"/1 => |_, a| Ok(Term::str(text(a, 0, "trim_trailing")?.trim_end_matches(is_space))),
    "String"."trim_trailing"/2 => |_, a| Ok(Term::str(trim_end(&text(a, 0, "trim_trailing")?, &text(a, 1, "trim_trailing")?))),
    "String"."length"/1 => |_, a| Ok(Term::Int(text(a, 0, "length")?.chars().count() as i64)),
    "String"."reverse"/1 => |_, a| Ok(Term::str(&text(a, 0, "reverse")?.chars().rev().collect::<String>())),
    "String"."graphemes"/1 => |_, a| Ok(strs(text(a, 0, "graphemes")?.chars().map(String::from))),
    "String"."codepoints"/1 => |_, a| Ok(strs(text(a, 0, "codepoints")?.chars().map(String::from))),
    "String"."first"/1 => |_, a| Ok(text(a, 0, "first")?.chars().next().map(|c| Term::str(&c.to_string())).unwrap_or(Term::NIL_ATOM)),
    "String"."last"/1 => |_, a| Ok(text(a, 0, "last")?.chars().next_back().map(|c| Term::str(&c.to_string())).unwrap_or(Term::NIL_ATOM)),
    "String"."at"/2 => |_, a| {
        let s: Vec<char> = text(a, 0, "at")?.chars().collect();
        let i = int_arg(a, 1, "at")?;
        let i = if i < 0 { s.len() as i64 + i } else { i };
        Ok(if (0..s.len() as i64).contains(&i) { Term::str(&s[i as usize].to_string()) } else { Term::NIL_ATOM })
    },
    "String"."slice"/2 => |_, a| slice_range(a),
    "String"."slice"/3 => |_, a| {
        let s: Vec<char> = text(a, 0, "slice")?.chars().collect();
        let (start, len) = (int_arg(a, 1, "slice")?, int_arg(a, 2, "slice")?);
        if len < 0 {
            return Err(clause("slice", a).into());
        }
        let n = s.len() as i64;
        let start = if start < 0 { (n + start).max(0) } else { start };
        if start >= n {
            return Ok(Term::str(""));
        }
        let end = start.saturating_add(len).min(n);
        Ok(Term::str(&s[start as usize..end as usize].iter().collect::<String>()))
    },
    "String"."split_at"/2 => |_, a| {
        let s: Vec<char> = text(a, 0, "split_at")?.chars().collect();
        let i = int_arg(a, 1, "split_at")?;
        let n = s.len() as i64;
        let i = if i < 0 { (n + i).max(0) } else { i.min(n) } as usize;
        Ok(Term::tuple(vec![Term::str(&s[..i].iter().collect::<String>()), Term::str(&s[i..].iter().collect::<String>())]))
    },
    "String"."match?"/2 => |_, a| Ok(Term::bool(super::regex::compiled(arg(a, 1))?.is_match(bytes(a, 0, "match?")?))),
    "String"."contains?"/2 => |_, a| {
        let s = bytes(a, 0, "contains?")?;
        Ok(Term::bool(patterns(a, 1, "contains?")?.iter().any(|p| find(s, p, 0).is_some())))
    },
    "String"."starts_with?"/2 => |_, a| {
        let s = bytes(a, 0, "starts_with?")?;
        Ok(Term::bool(patterns(a, 1, "starts_with?")?.iter().any(|p| s.starts_with(p))))
    },
    "String"."ends_with?"/2 => |_, a| {
        let s = bytes(a, 0, "ends_with?")?;
        Ok(Term::bool(patterns(a, 1, "ends_with?")?.iter().any(|p| s.ends_with(p))))
    },
    "String"."replace"/3 => |_, a| replace(a, &Term::Nil),
    "String"."replace"/4 => |_, a| replace(a, arg(a, 3)),
    "String"."replace_prefix"/3 => |_, a| {
        let (s, p, r) = (bytes(a, 0, "replace_prefix")?, bytes(a, 1, "replace_prefix")?, bytes(a, 2, "replace_prefix")?);
        Ok(match s.strip_prefix(p) {
            Some(rest) => Term::bytes([r, rest].concat()),
            None => arg(a, 0).clone(),
        })
    },
    "String"."replace_suffix"/3 => |_, a| {
        let (s, p, r) = (bytes(a, 0, "replace_suffix")?, bytes(a, 1, "replace_suffix")?, bytes(a, 2, "replace_suffix")?);
        Ok(match s.strip_suffix(p) {
            Some(rest) => Term::bytes([rest, r].concat()),
            None => arg(a, 0).clone(),
        })
    },
    "String"."replace_leading"/3 => |_, a| {
        let (s, p, r) = (bytes(a, 0, "replace_leading")?, bytes(a, 1, "replace_leading")?, bytes(a, 2, "replace_leading")?);
        if p.is_empty() {
            return Err(exception::argument_error("cannot use an empty string as the match to replace").into());
        }
        let mut rest = s;
        let mut out = Vec::new();
        while let Some(r2) = rest.strip_prefix(p) {
            out.extend_from_slice(r);
            rest = r2;
        }
        out.extend_from_slice(rest);
        Ok(Term::bytes(out))
    },
    "String"."replace_trailing"/3 => |_, a| {
        let (s, p, r) = (bytes(a, 0, "replace_trailing")?, bytes(a, 1, "replace_trailing")?, bytes(a, 2, "replace_trailing")?);
        if p.is_empty() {
            return Err(exception::argument_error("cannot use an empty string as the match to replace").into());
        }
        let mut rest = s;
        let mut n = 0;
        while let Some(r2) = rest.strip_suffix(p) {
            n += 1;
            rest = r2;
        }
        let mut out = rest.to_vec();
        for _ in 0..n {
            out.extend_from_slice(r);
        }
        Ok(Term::bytes(out))
    },
    "String"."duplicate"/2 => |_, a| {
        let s = bytes(a, 0, "duplicate")?;
        match arg(a, 1) {
            Term::Int(n) if *n >= 0 && (s.len() as u128) * (*n as u128) <= (1 << 32) => Ok(Term::bytes(s.repeat(*n as usize))),
            Term::Int(n) if *n >= 0 => Err(exception::system_limit("a system limit has been reached").into()),
            _ => Err(erl_badarg(2, "out of range").into()),
        }
    },
    "String"."pad_leading"/2 => |_, a| pad(a, true),
    "String"."pad_leading"/3 => |_, a| pad(a, true),
    "String"."pad_trailing"/2 => |_, a| pad(a, false),
    "String"."pad_trailing"/3 => |_, a| pad(a, false),
    "String"."to_integer"/1 => |_, a| text_to_integer(bin_arg(a)?, &Term::Int(10)),
    "String"."to_integer"/2 => |_, a| text_to_integer(bin_arg(a)?, arg(a, 1)),
    "String"."to_float"/1 => |_, a| text_to_float(bin_arg(a)?),
    "String"."to_atom"/1 => |_, a| Ok(Term::Atom(Atom::intern(&String::from_utf8_lossy(bin_arg(a)?)))),
    "String"."to_existing_atom"/1 => |_, a| match Atom::existing(&String::from_utf8_lossy(bin_arg(a)?)) {
        Some(at) => Ok(Term::Atom(at)),
        None => Err(erl_badarg(1, "not an already existing atom").into()),
    },
    "String"."to_charlist"/1 => |_, a| Ok(Term::list(text(a, 0, "to_charlist")?.chars().map(|c| Term::Int(c as i64)).collect())),
    "String"."valid?"/1 => |_, a| Ok(Term::bool(std::str::from_utf8(bytes(a, 0, "valid?")?).is_ok())),
    "String"."printable?"/1 => |_, a| Ok(Term::bool(string_printable(bytes(a, 0, "printable?")?, usize::MAX))),
    "String"."printable?"/2 => |_, a| {
        let limit = match arg(a, 1) {
            Term::Int(n) if *n >= 0 => *n as usize,
            _ => usize::MAX,
        };
        Ok(Term::bool(string_printable(bytes(a, 0, "printable?")?, limit)))
    },
    "String"."equivalent?"/2 => |_, a| Ok(Term::bool(bytes(a, 0, "equivalent?")? == bytes(a, 1, "equivalent?")?)),
    "String"."next_grapheme"/1 => |_, a| next_char(a),
    "String"."next_codepoint"/1 => |_, a| next_char(a),
    "String"."jaro_distance"/2 => |_, a| Ok(Term::Float(jaro(&text(a, 0, "jaro_distance")?, &text(a, 1, "jaro_distance")?))),
    ":erlang"."binary_part"/3 => |_, a| binary_part(a),
    "Kernel"."binary_part"/3 => |_, a| binary_part(a),
    ":erlang"."atom_to_binary"/1 => |_, a| Ok(Term::str(super::atom(arg(a, 0)).map_err(|_| erl_badarg(1, "not an atom"))?.name())),
    ":erlang"."binary_to_atom"/1 => |_, a| Ok(Term::Atom(Atom::intern(&String::from_utf8_lossy(bin_arg(a)?)))),
    ":erlang"."binary_to_atom"/2 => |_, a| Ok(Term::Atom(Atom::intern(&String::from_utf8_lossy(bin_arg(a)?)))),
    ":erlang"."binary_to_list"/1 => |_, a| Ok(Term::list(bin_arg(a)?.iter().map(|b| Term::Int(*b as i64)).collect())),
}

/// `upcase/1` and friends are `upcase(s, mode \\ :default)`: errors name arity 2.
fn with_mode(a: &[Term]) -> Vec<Term> {
    vec![arg(a, 0).clone(), Term::Atom(Atom::intern("default"))]
}

fn clause(name: &str, args: &[Term]) -> Exception {
    exception::function_clause(Atom::intern("Elixir.String"), Atom::intern(name), args.len() as u32, args.to_vec())
}

/// Argument `i` as bytes, or a FunctionClauseError in `String.name`.
fn bytes<'a>(a: &'a [Term], i: usize, name: &str) -> Result<&'a [u8], Exception> {
    arg(a, i).as_bytes().ok_or_else(|| clause(name, a))
}

fn text(a: &[Term], i: usize, name: &str) -> Result<String, Exception> {
    Ok(String::from_utf8_lossy(bytes(a, i, name)?).into_owned())
}

/// The first argument of a conversion (`String.to_integer/1`…): Erlang's argument error.
fn bin_arg(a: &[Term]) -> Result<&[u8], Exception> {
    arg(a, 0).as_bytes().ok_or_else(|| erl_badarg(1, "not a binary"))
}

fn int_arg(a: &[Term], i: usize, name: &str) -> Result<i64, Exception> {
    match arg(a, i) {
        Term::Int(n) => Ok(*n),
        _ => Err(clause(name, a)),
    }
}

fn strs<S: AsRef<str>>(items: impl Iterator<Item = S>) -> Term {
    Term::list(items.map(|s| Term::str(s.as_ref())).collect())
}

/// Elixir's whitespace: Unicode White_Space without the non-breaking spaces.
fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => {
            let mut out: String = c.to_uppercase().collect();
            out.push_str(&cs.as_str().to_lowercase());
            out
        }
        None => String::new(),
    }
}

fn trim_start<'a>(s: &'a str, t: &str) -> &'a str {
    if t.is_empty() {
        return s;
    }
    let mut s = s;
    while let Some(r) = s.strip_prefix(t) {
        s = r;
    }
    s
}

fn trim_end<'a>(s: &'a str, t: &str) -> &'a str {
    if t.is_empty() {
        return s;
    }
    let mut s = s;
    while let Some(r) = s.strip_suffix(t) {
        s = r;
    }
    s
}

/// A string or list of strings as match patterns (`String.split/2`, `contains?/2`, …).
fn patterns(a: &[Term], i: usize, name: &str) -> Result<Vec<Vec<u8>>, Exception> {
    match arg(a, i) {
        Term::Bin(b) => Ok(vec![b.to_vec()]),
        t @ (Term::Nil | Term::Cons(_)) => t
            .list_to_vec()
            .ok_or_else(|| clause(name, a))?
            .iter()
            .map(|p| p.as_bytes().map(<[u8]>::to_vec).ok_or_else(|| erl_badarg(2, "not a valid pattern")))
            .collect(),
        _ => Err(clause(name, a)),
    }
}

fn find(s: &[u8], p: &[u8], from: usize) -> Option<usize> {
    if p.is_empty() {
        return Some(from);
    }
    if from > s.len() || p.len() > s.len() - from {
        return None;
    }
    s[from..].windows(p.len()).position(|w| w == p).map(|i| i + from)
}

/// The earliest match of any pattern at or after `from` (the longest one on a tie), as
/// `:binary.match/3` picks it: `(start, length)`.
fn first_match(s: &[u8], pats: &[Vec<u8>], from: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for p in pats.iter().filter(|p| !p.is_empty()) {
        if let Some(i) = find(s, p, from) {
            best = match best {
                Some((j, n)) if j < i || (j == i && n >= p.len()) => Some((j, n)),
                _ => Some((i, p.len())),
            };
        }
    }
    best
}

/// Reads `parts:`, `trim:` and `global:` from an options list.
fn opt<'a>(opts: &'a Term, key: &str) -> Option<&'a Term> {
    opts.list_iter().find_map(|kv| match kv {
        Term::Tuple(p) if p.len() == 2 && p[0].as_atom().is_some_and(|k| k.name() == key) => Some(&p[1]),
        _ => None,
    })
}

fn split(a: &[Term], opts: &Term) -> NResult {
    let s = bytes(a, 0, "split")?;
    if super::regex::regex_parts(arg(a, 1)).is_some() {
        let trim = opt(opts, "trim").is_some_and(Term::is_truthy);
        return super::regex::split(&*super::regex::compiled(arg(a, 1))?, s, trim);
    }
    if !matches!(opts, Term::Nil | Term::Cons(_)) {
        return Err(erl_badarg(2, "not a valid pattern").into());
    }
    let pats = patterns(a, 1, "split")?;
    if pats.is_empty() {
        return Err(erl_badarg(2, "not a valid pattern").into());
    }
    let trim = opt(opts, "trim").is_some_and(Term::is_truthy);
    let parts = match opt(opts, "parts") {
        Some(Term::Int(n)) if *n > 0 => *n as usize,
        _ => usize::MAX,
    };
    // Cut points: (start, end) of each separator.
    let mut pieces: Vec<&[u8]> = Vec::new();
    let mut start = 0usize;
    let empty_only = pats.iter().all(Vec::is_empty);
    if empty_only {
        // An empty pattern splits between every character, and at both ends.
        let text = std::str::from_utf8(s).ok();
        let mut bounds: Vec<usize> = match text {
            Some(t) => t.char_indices().map(|(i, _)| i).collect(),
            None => (0..s.len()).collect(),
        };
        bounds.push(s.len());
        for &b in &bounds {
            if pieces.len() + 1 >= parts {
                break;
            }
            let piece = &s[start..b];
            if !(trim && piece.is_empty()) {
                pieces.push(piece);
            }
            start = b;
        }
    } else {
        while pieces.len() + 1 < parts {
            let Some((i, n)) = first_match(s, &pats, start) else { break };
            let piece = &s[start..i];
            if !(trim && piece.is_empty()) {
                pieces.push(piece);
            }
            start = i + n;
        }
    }
    let rest = &s[start..];
    if !(trim && rest.is_empty()) {
        pieces.push(rest);
    }
    Ok(Term::list(pieces.into_iter().map(|p| Term::bytes(p.to_vec())).collect()))
}

fn replace(a: &[Term], opts: &Term) -> NResult {
    let s = bytes(a, 0, "replace")?;
    if super::regex::regex_parts(arg(a, 1)).is_some() {
        let global = opt(opts, "global").is_none_or(Term::is_truthy);
        return super::regex::replace(&*super::regex::compiled(arg(a, 1))?, s, arg(a, 2), global);
    }
    if let Term::Fun(_) = arg(a, 2) {
        // A replacement function is called per match: the stdlib does that part.
        return Err(Flow::ApplyMfa(Atom::intern("Elixir.String.Internal"), Atom::intern("replace_fun"), a.to_vec()));
    }
    let pats = patterns(a, 1, "replace")?;
    let r = bytes(a, 2, "replace")?;
    let global = opt(opts, "global").is_none_or(Term::is_truthy);
    let mut out = Vec::with_capacity(s.len());
    if pats.iter().all(Vec::is_empty) {
        if pats.is_empty() {
            return Ok(arg(a, 0).clone());
        }
        // "" matches between every character and at both ends.
        let text = String::from_utf8_lossy(s);
        out.extend_from_slice(r);
        if !global {
            out.extend_from_slice(s);
            return Ok(Term::bytes(out));
        }
        for c in text.chars() {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            out.extend_from_slice(r);
        }
        return Ok(Term::bytes(out));
    }
    let mut start = 0;
    while let Some((i, n)) = first_match(s, &pats, start) {
        out.extend_from_slice(&s[start..i]);
        out.extend_from_slice(r);
        start = i + n;
        if !global {
            break;
        }
    }
    out.extend_from_slice(&s[start..]);
    Ok(Term::bytes(out))
}

fn slice_range(a: &[Term]) -> NResult {
    let s: Vec<char> = text(a, 0, "slice")?.chars().collect();
    let Some((first, last, step)) = super::kernel::range_parts(arg(a, 1)) else {
        return Err(clause("slice", a).into());
    };
    let n = s.len() as i64;
    let first = if first < 0 { (n + first).max(0) } else { first };
    let last = if last < 0 { n + last } else { last };
    // A decreasing range without an explicit step (`3..1`) slices nothing.
    let step = step.max(1);
    if first >= n || last < first {
        return Ok(Term::str(""));
    }
    let last = last.min(n - 1);
    Ok(Term::str(&(first..=last).step_by(step as usize).filter_map(|i| s.get(i as usize)).collect::<String>()))
}

fn pad(a: &[Term], leading: bool) -> NResult {
    let name = if leading { "pad_leading" } else { "pad_trailing" };
    let s = text(a, 0, name)?;
    let count = match arg(a, 1) {
        Term::Int(n) if *n >= 0 => *n as usize,
        _ => return Err(clause(name, a).into()),
    };
    let padding = if a.len() > 2 { text(a, 2, name)? } else { " ".to_string() };
    if padding.is_empty() {
        return Err(clause(name, a).into());
    }
    let len = s.chars().count();
    if len >= count {
        return Ok(arg(a, 0).clone());
    }
    let fill: String = padding.chars().cycle().take(count - len).collect();
    Ok(Term::str(&if leading { fill + &s } else { s + &fill }))
}

fn next_char(a: &[Term]) -> NResult {
    let s = text(a, 0, "next_grapheme")?;
    let mut cs = s.chars();
    Ok(match cs.next() {
        Some(c) => Term::tuple(vec![Term::str(&c.to_string()), Term::str(cs.as_str())]),
        None => Term::NIL_ATOM,
    })
}

/// `binary_part/3`: a negative length counts back from `start`.
fn binary_part(a: &[Term]) -> NResult {
    let b = arg(a, 0).as_bytes().ok_or_else(exception::badarg)?;
    let (start, len) = match (arg(a, 1), arg(a, 2)) {
        (Term::Int(s), Term::Int(l)) => (*s, *l),
        _ => return Err(exception::badarg().into()),
    };
    let (from, to) = if len < 0 { (start + len, start) } else { (start, start.saturating_add(len)) };
    if from < 0 || to > b.len() as i64 {
        return Err(exception::badarg().into());
    }
    Ok(Term::bytes(b[from as usize..to as usize].to_vec()))
}

/// Jaro similarity (`String.jaro_distance/2`), 0.0 to 1.0.
fn jaro(x: &str, y: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut bm = vec![false; b.len()];
    let mut am = vec![false; a.len()];
    let mut m = 0usize;
    for (i, c) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !bm[j] && b[j] == *c {
                bm[j] = true;
                am[i] = true;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let (am_chars, bm_chars): (Vec<char>, Vec<char>) = (
        a.iter().zip(&am).filter(|(_, m)| **m).map(|(c, _)| *c).collect(),
        b.iter().zip(&bm).filter(|(_, m)| **m).map(|(c, _)| *c).collect(),
    );
    let t = am_chars.iter().zip(&bm_chars).filter(|(p, q)| p != q).count() as f64 / 2.0;
    let m = m as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Term {
        Term::str(x)
    }

    fn kw(k: &str, v: Term) -> Term {
        Term::list(vec![Term::tuple(vec![Term::Atom(Atom::intern(k)), v])])
    }

    fn strings(t: &Term) -> Vec<String> {
        t.list_iter().map(|x| String::from_utf8_lossy(x.as_bytes().unwrap_or_default()).into_owned()).collect()
    }

    #[test]
    fn splits_like_elixir() {
        let r = |args: &[Term], o: &Term| split(args, o).map(|t| strings(&t)).unwrap_or_default();
        assert_eq!(r(&[s("a,b,,c"), s(",")], &Term::Nil), ["a", "b", "", "c"]);
        assert_eq!(r(&[s("a,b,c,d"), s(",")], &kw("parts", Term::Int(3))), ["a", "b", "c,d"]);
        assert_eq!(r(&[s(" a  b "), s(" ")], &kw("trim", Term::TRUE)), ["a", "b"]);
        assert_eq!(r(&[s("abc"), s("")], &Term::Nil), ["", "a", "b", "c", ""]);
        assert_eq!(r(&[s("a,b;c"), Term::list(vec![s(","), s(";")])], &Term::Nil), ["a", "b", "c"]);
    }

    #[test]
    fn replaces_globally_by_default() {
        let r = |args: &[Term], o: &Term| replace(args, o).ok().and_then(|t| t.as_bytes().map(|b| String::from_utf8_lossy(b).into_owned()));
        assert_eq!(r(&[s("a-b-c"), s("-"), s("+")], &Term::Nil).as_deref(), Some("a+b+c"));
        assert_eq!(r(&[s("aaa"), s("a"), s("b")], &kw("global", Term::FALSE)).as_deref(), Some("baa"));
        assert_eq!(r(&[s("abc"), s(""), s("-")], &Term::Nil).as_deref(), Some("-a-b-c-"));
    }
}
