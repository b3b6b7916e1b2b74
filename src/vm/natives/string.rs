//! `String` built-ins. Functions that count or index characters work on graphemes, as
//! Elixir's do: extended grapheme clusters (a letter with its combining marks, CR LF, an
//! emoji sequence), each byte of invalid UTF-8 being a grapheme of its own. Case mapping and
//! trimming work on code points and read invalid UTF-8 lossily.

use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use super::map::erl_badarg;
use super::number::{text_to_float, text_to_integer};
use super::{arg, natives};
use crate::term::bytes::{window, Bytes};
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
    "String"."length"/1 => |_, a| Ok(Term::Int(grapheme_count(bytes(a, 0, "length")?) as i64)),
    "String"."reverse"/1 => |_, a| Ok(Term::bytes(reverse(bytes(a, 0, "reverse")?))),
    "String"."graphemes"/1 => |_, a| {
        let s = bytes(a, 0, "graphemes")?;
        Ok(parts(s, grapheme_ranges(s)))
    },
    "String"."codepoints"/1 => |_, a| {
        let s = bytes(a, 0, "codepoints")?;
        Ok(parts(s, codepoint_ranges(s)))
    },
    "String"."first"/1 => |_, a| {
        let s = bytes(a, 0, "first")?;
        Ok(grapheme_ranges(s).next().and_then(|r| s.get(r)).map_or(Term::NIL_ATOM, |g| Term::bytes(g.to_vec())))
    },
    "String"."last"/1 => |_, a| Ok(last_grapheme(bytes(a, 0, "last")?).map_or(Term::NIL_ATOM, |g| Term::bytes(g.to_vec()))),
    "String"."at"/2 => |_, a| {
        let b = shared(a, 0, "at")?;
        let i = int_arg(a, 1, "at")?;
        if i >= 0 {
            return Ok(graphemes_from(b, i as usize, 1).unwrap_or(Term::NIL_ATOM));
        }
        let g = Clusters::new(b);
        let n = g.len() as i64;
        let i = if i < 0 { n + i } else { i };
        Ok(if (0..n).contains(&i) { g.part(i as usize, i as usize + 1) } else { Term::NIL_ATOM })
    },
    "String"."slice"/2 => |_, a| slice_range(a),
    "String"."slice"/3 => |_, a| {
        let b = shared(a, 0, "slice")?;
        let (start, len) = (int_arg(a, 1, "slice")?, int_arg(a, 2, "slice")?);
        if len < 0 {
            return Err(clause("slice", a).into());
        }
        if start >= 0 {
            return Ok(graphemes_from(b, start as usize, len as usize).unwrap_or_else(|| Term::str("")));
        }
        let g = Clusters::new(b);
        let n = g.len() as i64;
        let start = if start < 0 { (n + start).max(0) } else { start };
        if start >= n {
            return Ok(Term::str(""));
        }
        let end = start.saturating_add(len).min(n);
        Ok(g.part(start as usize, end as usize))
    },
    "String"."split_at"/2 => |_, a| {
        let g = Clusters::new(shared(a, 0, "split_at")?);
        let i = int_arg(a, 1, "split_at")?;
        let n = g.len() as i64;
        let i = if i < 0 { (n + i).max(0) } else { i.min(n) } as usize;
        Ok(Term::tuple(vec![g.part(0, i), g.part(i, g.len())]))
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
    "String"."next_grapheme"/1 => |_, a| {
        let b = shared(a, 0, "next_grapheme")?;
        Ok(next_part(b, grapheme_ranges(b).next()))
    },
    "String"."next_codepoint"/1 => |_, a| {
        let b = shared(a, 0, "next_codepoint")?;
        Ok(next_part(b, codepoint_ranges(b).next()))
    },
    "String"."jaro_distance"/2 => |_, a| {
        let (x, y) = (bytes(a, 0, "jaro_distance")?, bytes(a, 1, "jaro_distance")?);
        let graphemes = |s| grapheme_ranges(s).filter_map(|r| s.get(r)).collect::<Vec<&[u8]>>();
        Ok(Term::Float(jaro(&graphemes(x), &graphemes(y))))
    },
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

/// Argument `i` as the shared binary, so parts of it can be windows onto it.
fn shared<'a>(a: &'a [Term], i: usize, name: &str) -> Result<&'a Arc<Bytes>, Exception> {
    match arg(a, i) {
        Term::Bin(b) => Ok(b),
        _ => Err(clause(name, a)),
    }
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
        return super::regex::split(&*super::regex::compiled(arg(a, 1))?, s, opts);
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
        // An empty pattern splits between every grapheme, and at both ends.
        let bounds = grapheme_ranges(s).map(|r| r.start).chain(std::iter::once(s.len()));
        for b in bounds {
            if pieces.len() + 1 >= parts {
                break;
            }
            let piece = s.get(start..b).unwrap_or_default();
            if !(trim && piece.is_empty()) {
                pieces.push(piece);
            }
            start = b;
        }
    } else {
        while pieces.len() + 1 < parts {
            let Some((i, n)) = first_match(s, &pats, start) else { break };
            let piece = s.get(start..i).unwrap_or_default();
            if !(trim && piece.is_empty()) {
                pieces.push(piece);
            }
            start = i + n;
        }
    }
    let rest = s.get(start..).unwrap_or_default();
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
        // "" matches between every grapheme and at both ends.
        out.extend_from_slice(r);
        if !global {
            out.extend_from_slice(s);
            return Ok(Term::bytes(out));
        }
        for g in grapheme_ranges(s).filter_map(|g| s.get(g)) {
            out.extend_from_slice(g);
            out.extend_from_slice(r);
        }
        return Ok(Term::bytes(out));
    }
    let mut start = 0;
    while let Some((i, n)) = first_match(s, &pats, start) {
        out.extend_from_slice(s.get(start..i).unwrap_or_default());
        out.extend_from_slice(r);
        start = i + n;
        if !global {
            break;
        }
    }
    out.extend_from_slice(s.get(start..).unwrap_or_default());
    Ok(Term::bytes(out))
}

fn slice_range(a: &[Term]) -> NResult {
    let g = Clusters::new(shared(a, 0, "slice")?);
    let Some((first, last, step)) = super::kernel::range_parts(arg(a, 1)) else {
        return Err(clause("slice", a).into());
    };
    let n = g.len() as i64;
    let first = if first < 0 { (n + first).max(0) } else { first };
    let last = if last < 0 { n + last } else { last };
    // A decreasing range without an explicit step (`3..1`) slices nothing.
    let step = step.max(1);
    if first >= n || last < first {
        return Ok(Term::str(""));
    }
    let last = last.min(n - 1);
    if step == 1 {
        return Ok(g.part(first as usize, last as usize + 1));
    }
    let mut out = Vec::new();
    for i in (first..=last).step_by(step as usize) {
        out.extend_from_slice(g.bytes(i as usize, i as usize + 1));
    }
    Ok(Term::bytes(out))
}

fn pad(a: &[Term], leading: bool) -> NResult {
    let name = if leading { "pad_leading" } else { "pad_trailing" };
    let s = bytes(a, 0, name)?;
    let count = match arg(a, 1) {
        Term::Int(n) if *n >= 0 => *n as usize,
        _ => return Err(clause(name, a).into()),
    };
    let padding = if a.len() > 2 { bytes(a, 2, name)? } else { b" " };
    if padding.is_empty() {
        return Err(clause(name, a).into());
    }
    let len = grapheme_count(s);
    if len >= count {
        return Ok(arg(a, 0).clone());
    }
    let mut fill = Vec::new();
    let pieces: Vec<&[u8]> = grapheme_ranges(padding).filter_map(|r| padding.get(r)).collect();
    for g in pieces.iter().cycle().take(count - len) {
        fill.extend_from_slice(g);
    }
    Ok(Term::bytes(if leading { [&fill, s].concat() } else { [s, &fill].concat() }))
}

/// `{part, rest}` for `next_grapheme/1` and `next_codepoint/1`, `nil` at the end.
fn next_part(b: &Arc<Bytes>, first: Option<Range<usize>>) -> Term {
    match first {
        Some(r) => Term::tuple(vec![Term::Bin(window(b, r.start, r.end)), Term::Bin(window(b, r.end, b.len()))]),
        None => Term::NIL_ATOM,
    }
}

// ---- graphemes ----

/// Whether every byte of `s` is a grapheme of its own: ASCII without a carriage return
/// (CR LF is the one pair of ASCII characters that forms a single grapheme).
fn bytewise(s: &[u8]) -> bool {
    s.is_ascii() && !s.contains(&b'\r')
}

/// The byte ranges of the graphemes of `s`. Invalid UTF-8 splits the text: each invalid
/// byte is a grapheme of its own, and no cluster spans one, as with Erlang's
/// `:unicode_util.gc/1`.
fn grapheme_ranges(s: &[u8]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    s.utf8_chunks().flat_map(move |chunk| {
        let start = at;
        let invalid = start + chunk.valid().len();
        at = invalid + chunk.invalid().len();
        let clusters = segments(chunk.valid()).map(move |(i, g)| start + i..start + i + g.len());
        clusters.chain((invalid..at).map(|i| i..i + 1))
    })
}

/// The graphemes of valid UTF-8 text, with their byte offsets.
fn segments(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.grapheme_indices(true).flat_map(|(i, g)| {
        let mut pieces = Conjuncts { g, at: 0 };
        std::iter::from_fn(move || {
            let at = pieces.at;
            pieces.next().map(|p| (i + at, p))
        })
    })
}

/// The virama-like signs Unicode calls conjunct linkers (Devanagari, Bengali, Gujarati,
/// Oriya, Telugu, Malayalam).
fn is_linker(c: char) -> bool {
    matches!(c, '\u{094D}' | '\u{09CD}' | '\u{0ACD}' | '\u{0B4D}' | '\u{0C4D}' | '\u{0D4D}')
}

/// Splits one extended grapheme cluster where Unicode 14 would have ended it. Elixir 1.14
/// segments by Unicode 14 (its OTP's tables); Unicode 15.1 added rule GB9c, which keeps a
/// consonant after a linker in the cluster ("स्ते" is one grapheme now, two then). So in a
/// cluster with a linker, a character after it that would not extend a plain letter starts
/// a new grapheme.
struct Conjuncts<'a> {
    g: &'a str,
    at: usize,
}

impl<'a> Iterator for Conjuncts<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.g.get(self.at..).filter(|r| !r.is_empty())?;
        let mut end = rest.len();
        // A cluster of one or two code points cannot hold a consonant, a linker and a
        // consonant after it.
        if rest.chars().nth(2).is_some() {
            let mut after_linker = false;
            for (i, c) in rest.char_indices() {
                if i > 0 && after_linker && !extends(c) {
                    end = i;
                    break;
                }
                after_linker |= is_linker(c);
            }
        }
        self.at += end;
        rest.get(..end)
    }
}

/// Whether `c` joins the grapheme before it (Extend, ZWJ or SpacingMark): asked of the
/// segmenter, whose property tables are not public.
fn extends(c: char) -> bool {
    let mut pair = String::from("a");
    pair.push(c);
    pair.graphemes(true).nth(1).is_none()
}

/// The byte ranges of the code points of `s`, each invalid byte being one of its own.
fn codepoint_ranges(s: &[u8]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    s.utf8_chunks().flat_map(move |chunk| {
        let start = at;
        let invalid = start + chunk.valid().len();
        at = invalid + chunk.invalid().len();
        let chars = chunk.valid().char_indices().map(move |(i, c)| start + i..start + i + c.len_utf8());
        chars.chain((invalid..at).map(|i| i..i + 1))
    })
}

/// `String.length/1`. ASCII text, the common case, is counted without segmenting.
fn grapheme_count(s: &[u8]) -> usize {
    if s.is_ascii() {
        let crlf = if s.contains(&b'\r') { s.windows(2).filter(|w| *w == b"\r\n").count() } else { 0 };
        return s.len() - crlf;
    }
    grapheme_ranges(s).count()
}

/// The last grapheme, found from the end of the last run of valid UTF-8 (or the last byte
/// when that is invalid) without segmenting the rest.
fn last_grapheme(s: &[u8]) -> Option<&[u8]> {
    let chunk = s.utf8_chunks().last()?;
    match chunk.invalid().last() {
        Some(_) => s.get(s.len() - 1..),
        None => {
            let last = chunk.valid().graphemes(true).next_back()?;
            Conjuncts { g: last, at: 0 }.last().map(str::as_bytes)
        }
    }
}

/// `String.reverse/1`: the graphemes in reverse order. A run of invalid UTF-8 stays where
/// it is and the valid text on either side is reversed on its own, as Elixir does.
fn reverse(s: &[u8]) -> Vec<u8> {
    if bytewise(s) {
        return s.iter().rev().copied().collect();
    }
    let mut out = Vec::with_capacity(s.len());
    for chunk in s.utf8_chunks() {
        let graphemes: Vec<&str> = segments(chunk.valid()).map(|(_, g)| g).collect();
        for g in graphemes.iter().rev() {
            out.extend_from_slice(g.as_bytes());
        }
        out.extend_from_slice(chunk.invalid());
    }
    out
}

/// A list of the parts of `s` at `ranges`.
fn parts(s: &[u8], ranges: impl Iterator<Item = Range<usize>>) -> Term {
    Term::list(ranges.filter_map(|r| s.get(r)).map(|p| Term::bytes(p.to_vec())).collect())
}

/// `len` graphemes (at least one) from grapheme `start` on, found in one pass that stops at
/// the last of them (no need to know the string's length); `None` when `start` is past the
/// end.
fn graphemes_from(b: &Arc<Bytes>, start: usize, len: usize) -> Option<Term> {
    if bytewise(b) {
        let from = start.min(b.len());
        return (from < b.len()).then(|| Term::Bin(window(b, from, from.saturating_add(len))));
    }
    let mut taken = grapheme_ranges(b).skip(start).take(len);
    let first = taken.next()?;
    Some(Term::Bin(window(b, first.start, taken.last().map_or(first.end, |r| r.end))))
}

/// A binary indexed by grapheme: the byte offset where each grapheme starts, then the end,
/// or nothing when every byte is a grapheme (offsets are then the indices themselves).
struct Clusters<'a> {
    b: &'a Arc<Bytes>,
    starts: Option<Vec<usize>>,
}

impl<'a> Clusters<'a> {
    fn new(b: &'a Arc<Bytes>) -> Clusters<'a> {
        let starts = (!bytewise(b)).then(|| grapheme_ranges(b).map(|r| r.start).chain(std::iter::once(b.len())).collect());
        Clusters { b, starts }
    }

    fn len(&self) -> usize {
        match &self.starts {
            Some(starts) => starts.len().saturating_sub(1),
            None => self.b.len(),
        }
    }

    /// The byte offset where grapheme `i` starts (the end for `i == len`).
    fn offset(&self, i: usize) -> usize {
        match &self.starts {
            Some(starts) => starts.get(i).copied().unwrap_or(self.b.len()),
            None => i.min(self.b.len()),
        }
    }

    /// Graphemes `from..to` as bytes.
    fn bytes(&self, from: usize, to: usize) -> &'a [u8] {
        let b: &'a [u8] = self.b;
        b.get(self.offset(from)..self.offset(to)).unwrap_or_default()
    }

    /// Graphemes `from..to` as a binary (a window onto a long one).
    fn part(&self, from: usize, to: usize) -> Term {
        Term::Bin(window(self.b, self.offset(from), self.offset(to)))
    }
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

/// Jaro similarity (`String.jaro_distance/2`) of two grapheme sequences, 0.0 to 1.0.
fn jaro<T: PartialEq + Copy>(a: &[T], b: &[T]) -> f64 {
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
    for (i, (c, a_matched)) in a.iter().zip(am.iter_mut()).enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        let candidates = b.iter().zip(bm.iter_mut()).take(hi).skip(lo);
        if let Some((_, b_matched)) = candidates.filter(|(d, matched)| !**matched && *d == c).next() {
            *b_matched = true;
            *a_matched = true;
            m += 1;
        }
    }
    if m == 0 {
        return 0.0;
    }
    let (am_chars, bm_chars): (Vec<T>, Vec<T>) = (
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
