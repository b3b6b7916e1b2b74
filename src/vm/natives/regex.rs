//! `Regex` and the regex forms of `String.split/replace/match?` and `=~`, on the `regex`
//! crate.
//!
//! A regex value is the struct Elixir has, `%Regex{source: ..., opts: ..., re_pattern: nil,
//! re_version: nil}`: its source and modifiers are all there is, and each native compiles
//! them through a small per-thread cache. The `regex` crate has no backreferences or
//! lookaround; a pattern using them raises `Regex.CompileError` instead of matching wrongly.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use regex::bytes::{Regex, RegexBuilder};

use super::{arg, natives};
use crate::term::{Atom, MapT, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::NResult;

/// How many compiled patterns each scheduler thread keeps. A program uses a handful; one
/// that builds patterns from data must not grow the cache without bound.
const CACHE_MAX: usize = 256;

thread_local! {
    static CACHE: RefCell<HashMap<(Vec<u8>, Vec<u8>), Arc<Regex>>> = RefCell::new(HashMap::new());
}

natives! {
    "Regex"."compile!"/1 => |_, a| compile_term(arg(a, 0), &Term::str(""), true),
    "Regex"."compile!"/2 => |_, a| compile_term(arg(a, 0), arg(a, 1), true),
    "Regex"."compile"/1 => |_, a| compile_term(arg(a, 0), &Term::str(""), false),
    "Regex"."compile"/2 => |_, a| compile_term(arg(a, 0), arg(a, 1), false),
    "Regex"."source"/1 => |_, a| field(arg(a, 0), "source"),
    "Regex"."opts"/1 => |_, a| field(arg(a, 0), "opts"),
    "Regex"."regex?"/1 => |_, a| Ok(Term::bool(regex_parts(arg(a, 0)).is_some())),
    "Regex"."match?"/2 => |_, a| Ok(Term::bool(compiled(arg(a, 0))?.is_match(subject(a, 1)?))),
    "Regex"."run"/2 => |_, a| run(&*compiled(arg(a, 0))?, subject(a, 1)?, &Term::Nil),
    "Regex"."run"/3 => |_, a| run(&*compiled(arg(a, 0))?, subject(a, 1)?, arg(a, 2)),
    "Regex"."scan"/2 => |_, a| scan(&*compiled(arg(a, 0))?, subject(a, 1)?, &Term::Nil),
    "Regex"."scan"/3 => |_, a| scan(&*compiled(arg(a, 0))?, subject(a, 1)?, arg(a, 2)),
    "Regex"."named_captures"/2 => |_, a| named_captures(&*compiled(arg(a, 0))?, subject(a, 1)?, &Term::Nil),
    "Regex"."named_captures"/3 => |_, a| named_captures(&*compiled(arg(a, 0))?, subject(a, 1)?, arg(a, 2)),
    "Regex"."names"/1 => |_, a| {
        let re = compiled(arg(a, 0))?;
        Ok(Term::list(names(&re).into_iter().map(|(n, _)| Term::str(n)).collect()))
    },
    "Regex"."split"/2 => |_, a| split(&*compiled(arg(a, 0))?, subject(a, 1)?, &Term::Nil),
    "Regex"."split"/3 => |_, a| split(&*compiled(arg(a, 0))?, subject(a, 1)?, arg(a, 2)),
    "Regex"."replace"/3 => |_, a| replace(&*compiled(arg(a, 0))?, subject(a, 1)?, arg(a, 2), true),
    "Regex"."replace"/4 => |_, a| {
        let global = opt(arg(a, 3), "global").is_none_or(Term::is_truthy);
        replace(&*compiled(arg(a, 0))?, subject(a, 1)?, arg(a, 2), global)
    },
}

/// The `(source, opts)` of a `%Regex{}`.
pub(crate) fn regex_parts(t: &Term) -> Option<(&[u8], &[u8])> {
    let Term::Map(m) = t else { return None };
    if !m.get(&Term::Atom(Atom::STRUCT))?.is_atom(Atom::intern("Elixir.Regex")) {
        return None;
    }
    let source = m.get(&Term::Atom(Atom::intern("source")))?.as_bytes()?;
    let opts = m.get(&Term::Atom(Atom::intern("opts")))?.as_bytes().unwrap_or(b"");
    Some((source, opts))
}

/// The compiled pattern of a `%Regex{}` argument.
pub(crate) fn compiled(t: &Term) -> Result<Arc<Regex>, Exception> {
    let (source, opts) = regex_parts(t).ok_or_else(exception::badarg)?;
    build(source, opts).map_err(|e| compile_error(&e))
}

fn build(source: &[u8], opts: &[u8]) -> Result<Arc<Regex>, String> {
    let key = (source.to_vec(), opts.to_vec());
    if let Some(re) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(re);
    }
    let text = std::str::from_utf8(source).map_err(|_| "the pattern is not valid UTF-8".to_string())?;
    let mut b = RegexBuilder::new(text);
    for o in opts {
        match o {
            b'i' => b.case_insensitive(true),
            b'm' => b.multi_line(true),
            b's' => b.dot_matches_new_line(true),
            b'x' => b.ignore_whitespace(true),
            b'U' => b.swap_greed(true),
            // Unicode is always on; `f` (first line) has no equivalent and changes no
            // common match.
            b'u' | b'f' => &mut b,
            other => return Err(format!("invalid option {:?}", *other as char)),
        };
    }
    let re = Arc::new(b.build().map_err(|e| e.to_string())?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(key, re.clone());
    });
    Ok(re)
}

fn compile_error(msg: &str) -> Exception {
    exception::exception_struct_error("Regex.CompileError", msg)
}

fn compile_term(source: &Term, opts: &Term, bang: bool) -> NResult {
    let src = source.as_bytes().ok_or_else(exception::badarg)?;
    let opts = match opts {
        Term::Bin(b) => b.to_vec(),
        // Options as a list of atoms: `[:caseless]` and friends.
        list => list
            .list_iter()
            .filter_map(|o| match o.as_atom().map(|a| a.name()) {
                Some("caseless") => Some(b'i'),
                Some("multiline") => Some(b'm'),
                Some("dotall") => Some(b's'),
                Some("extended") => Some(b'x'),
                Some("ungreedy") => Some(b'U'),
                Some("unicode") => Some(b'u'),
                _ => None,
            })
            .collect(),
    };
    match build(src, &opts) {
        Ok(_) => {
            let mut m = MapT::new();
            m.insert(Term::Atom(Atom::STRUCT), Term::Atom(Atom::intern("Elixir.Regex")));
            m.insert(Term::Atom(Atom::intern("source")), Term::bytes(src.to_vec()));
            m.insert(Term::Atom(Atom::intern("opts")), Term::bytes(opts));
            m.insert(Term::Atom(Atom::intern("re_pattern")), Term::NIL_ATOM);
            m.insert(Term::Atom(Atom::intern("re_version")), Term::NIL_ATOM);
            let r = Term::map(m);
            Ok(if bang { r } else { Term::tuple(vec![Term::OK, r]) })
        }
        Err(e) if bang => Err(compile_error(&e).into()),
        Err(e) => Ok(Term::tuple(vec![Term::Atom(Atom::ERROR), Term::tuple(vec![Term::str(&e), Term::Int(0)])])),
    }
}

fn field(t: &Term, name: &str) -> NResult {
    match t {
        Term::Map(m) if regex_parts(t).is_some() => Ok(m.get(&Term::Atom(Atom::intern(name))).cloned().unwrap_or(Term::NIL_ATOM)),
        _ => Err(exception::badarg().into()),
    }
}

fn subject(a: &[Term], i: usize) -> Result<&[u8], Exception> {
    arg(a, i).as_bytes().ok_or_else(exception::badarg)
}

/// Reads one key of a keyword options list.
fn opt<'a>(opts: &'a Term, key: &str) -> Option<&'a Term> {
    opts.list_iter().find_map(|kv| match kv {
        Term::Tuple(p) if p.len() == 2 && p[0].as_atom().is_some_and(|k| k.name() == key) => Some(&p[1]),
        _ => None,
    })
}

/// Every match from `offset` on, as Erlang's `:re.run(..., [:global])` finds them: after a
/// non-empty match the next may be empty at its end, and after an empty match the search
/// moves on one character. The crate's own iterator skips an empty match right after a
/// non-empty one, which would change `split` and `replace` results for patterns like `b*`.
fn all_captures<'s>(re: &Regex, s: &'s [u8], offset: usize) -> Vec<regex::bytes::Captures<'s>> {
    let mut out = Vec::new();
    let mut pos = offset;
    while pos <= s.len() {
        let Some(c) = re.captures_at(s, pos) else { break };
        let Some(whole) = c.get(0) else { break };
        pos = if whole.is_empty() { whole.end() + char_len_at(s, whole.end()) } else { whole.end() };
        out.push(c);
    }
    out
}

/// The byte length of the character at `i`, so an empty match never lands inside one.
fn char_len_at(s: &[u8], i: usize) -> usize {
    match s.get(i) {
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        _ => 1,
    }
}

/// What `capture:` asks for; `All` and `AllButFirst` drop unmatched groups after the last
/// matched one, as PCRE reports them, while an explicit list keeps every entry.
enum Capture {
    All,
    First,
    AllButFirst,
    None,
    Groups(Vec<usize>),
}

/// Reads `capture:` and `return:` (`true` for `:index`) from `Regex.run/3` or `scan/3` options.
fn capture_opts(re: &Regex, opts: &Term) -> Result<(Capture, bool), Exception> {
    let index = match opt(opts, "return") {
        None => false,
        Some(v) if v.is_atom(Atom::intern("index")) => true,
        Some(v) if v.is_atom(Atom::intern("binary")) => false,
        Some(_) => return Err(exception::badarg()),
    };
    let lookup = |name: &[u8]| names(re).into_iter().find(|(n, _)| n.as_bytes() == name).map(|(_, i)| i);
    let capture = match opt(opts, "capture") {
        None => Capture::All,
        Some(Term::Atom(a)) => match a.name() {
            "all" => Capture::All,
            "first" => Capture::First,
            "all_but_first" => Capture::AllButFirst,
            "none" => Capture::None,
            "all_names" => Capture::Groups(names(re).into_iter().map(|(_, i)| i).collect()),
            _ => return Err(exception::badarg()),
        },
        Some(list) => {
            let mut idx = Vec::new();
            for g in list.list_iter() {
                let i = match g {
                    Term::Int(n) if *n >= 0 => Some(*n as usize),
                    Term::Atom(a) => lookup(a.name().as_bytes()),
                    other => other.as_bytes().and_then(lookup),
                };
                idx.push(i.ok_or_else(exception::badarg)?);
            }
            Capture::Groups(idx)
        }
    };
    Ok((capture, index))
}

/// One match rendered as `capture:` and `return:` ask: each group as its text (`""` when it
/// took no part) or as `{start, length}` (`{-1, 0}` when it took no part).
fn render(c: &regex::bytes::Captures, capture: &Capture, index: bool) -> Term {
    let trailing_trimmed = || {
        let mut all: Vec<Option<regex::bytes::Match>> = c.iter().collect();
        while all.len() > 1 && all.last().is_some_and(Option::is_none) {
            all.pop();
        }
        all
    };
    let picked: Vec<Option<regex::bytes::Match>> = match capture {
        Capture::All => trailing_trimmed(),
        Capture::AllButFirst => trailing_trimmed().into_iter().skip(1).collect(),
        Capture::First => vec![c.get(0)],
        Capture::None => Vec::new(),
        Capture::Groups(idx) => idx.iter().map(|&i| c.get(i)).collect(),
    };
    Term::list(
        picked
            .into_iter()
            .map(|m| match (m, index) {
                (Some(m), true) => Term::tuple(vec![Term::Int(m.start() as i64), Term::Int(m.len() as i64)]),
                (None, true) => Term::tuple(vec![Term::Int(-1), Term::Int(0)]),
                (m, false) => Term::bytes(m.map(|m| m.as_bytes().to_vec()).unwrap_or_default()),
            })
            .collect(),
    )
}

/// The `offset:` option: where matching starts, in bytes.
fn offset_opt(opts: &Term, s: &[u8]) -> Result<usize, Exception> {
    match opt(opts, "offset") {
        None => Ok(0),
        Some(Term::Int(n)) if *n >= 0 && (*n as usize) <= s.len() => Ok(*n as usize),
        Some(_) => Err(exception::badarg()),
    }
}

/// `Regex.run/2,3`: the first match as `capture:`/`return:` ask, `nil` without one.
fn run(re: &Regex, s: &[u8], opts: &Term) -> NResult {
    let (capture, index) = capture_opts(re, opts)?;
    let offset = offset_opt(opts, s)?;
    Ok(match re.captures_at(s, offset) {
        Some(c) => render(&c, &capture, index),
        None => Term::NIL_ATOM,
    })
}

/// `Regex.scan/2,3`: every match as `capture:`/`return:` ask; with `capture: :none` Erlang
/// reports only that something matched, which Elixir turns into `[]`.
fn scan(re: &Regex, s: &[u8], opts: &Term) -> NResult {
    let (capture, index) = capture_opts(re, opts)?;
    let offset = offset_opt(opts, s)?;
    if matches!(capture, Capture::None) {
        return Ok(Term::list(Vec::new()));
    }
    Ok(Term::list(all_captures(re, s, offset).iter().map(|c| render(c, &capture, index)).collect()))
}

/// The named groups with their group numbers, in name order (as `Regex.names/1` lists them).
fn names(re: &Regex) -> Vec<(&str, usize)> {
    let mut names: Vec<(&str, usize)> = re.capture_names().enumerate().filter_map(|(i, n)| n.map(|n| (n, i))).collect();
    names.sort_unstable();
    names
}

/// `Regex.named_captures/2,3`: the named groups of the first match, a group that took no
/// part in it as `""` (or `{-1, 0}` with `return: :index`); `nil` without a match.
fn named_captures(re: &Regex, s: &[u8], opts: &Term) -> NResult {
    let index = opts.list_iter().any(|o| match o {
        Term::Tuple(t) => matches!(&t[..], [k, v] if k.is_atom(Atom::intern("return")) && v.is_atom(Atom::intern("index"))),
        _ => false,
    });
    let Some(c) = re.captures(s) else { return Ok(Term::NIL_ATOM) };
    let mut m = MapT::new();
    for (name, i) in names(re) {
        let value = match (c.get(i), index) {
            (Some(g), true) => Term::tuple(vec![Term::Int(g.start() as i64), Term::Int(g.len() as i64)]),
            (None, true) => Term::tuple(vec![Term::Int(-1), Term::Int(0)]),
            (g, false) => Term::bytes(g.map(|g| g.as_bytes().to_vec()).unwrap_or_default()),
        };
        m.insert(Term::str(name), value);
    }
    Ok(Term::map(m))
}

/// `Regex.split/2,3` and `String.split/2,3` with a regex, following Elixir's `do_split`:
/// `parts:` caps the number of pieces (the last one is the unsplit rest), `trim:` drops
/// empty pieces (and everything once only an empty rest is left), `include_captures:`
/// keeps each separator between its neighbours.
pub(crate) fn split(re: &Regex, s: &[u8], opts: &Term) -> NResult {
    let trim = opt(opts, "trim").is_some_and(Term::is_truthy);
    let include = opt(opts, "include_captures").is_some_and(Term::is_truthy);
    // `0` is "no limit"; it only ever moves further from `1`.
    let mut counter: i64 = match opt(opts, "parts") {
        None => 0,
        Some(v) if v.is_atom(Atom::intern("infinity")) => 0,
        Some(Term::Int(n)) if *n > 0 => *n,
        Some(_) => return Err(exception::badarg().into()),
    };
    if s.is_empty() {
        return Ok(Term::list(if trim { Vec::new() } else { vec![Term::str("")] }));
    }
    let piece = |from: usize, to: usize| Term::bytes(s.get(from..to).unwrap_or_default().to_vec());
    let mut out = Vec::new();
    let mut offset = 0;
    let mut matches = all_captures(re, s, 0).into_iter().filter_map(|c| c.get(0).map(|m| (m.start(), m.end())));
    loop {
        if trim && s.len() <= offset {
            break;
        }
        let next = if counter == 1 { None } else { matches.next() };
        let Some((start, end)) = next else {
            out.push(piece(offset, s.len()));
            break;
        };
        if start < offset {
            continue;
        }
        if !(trim && start == offset) {
            out.push(piece(offset, start));
            counter -= 1;
            if include {
                out.push(piece(start, end));
            }
        } else if include {
            out.push(piece(start, end));
            counter -= 1;
        }
        offset = end;
    }
    Ok(Term::list(out))
}

/// `Regex.replace/3` and `String.replace/3` with a regex. In the replacement, `\N` and
/// `\g{N}` stand for group `N` (`\0` the whole match).
pub(crate) fn replace(re: &Regex, s: &[u8], with: &Term, global: bool) -> NResult {
    let Some(r) = with.as_bytes() else {
        return Err(exception::argument_error("a replacement function with a regex is not supported; use a string with \\N group references").into());
    };
    let mut out = Vec::with_capacity(s.len());
    let mut last = 0;
    for c in all_captures(re, s, 0) {
        let Some(whole) = c.get(0) else { continue };
        out.extend_from_slice(s.get(last..whole.start()).unwrap_or_default());
        expand(r, &c, &mut out);
        last = whole.end();
        if !global {
            break;
        }
    }
    out.extend_from_slice(s.get(last..).unwrap_or_default());
    Ok(Term::bytes(out))
}

fn expand(r: &[u8], c: &regex::bytes::Captures, out: &mut Vec<u8>) {
    let mut i = 0;
    while i < r.len() {
        let b = r[i];
        if b == b'\\' {
            // `\N` (digits) or `\g{N}`.
            let (digits, skip) = if r.get(i + 1) == Some(&b'g') && r.get(i + 2) == Some(&b'{') {
                let end = r[i + 3..].iter().position(|&x| x == b'}').map(|p| i + 3 + p);
                match end {
                    Some(e) => (&r[i + 3..e], e + 1 - i),
                    None => (&r[0..0], 1),
                }
            } else {
                let n = r[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
                (&r[i + 1..i + 1 + n], 1 + n)
            };
            if let Some(g) = std::str::from_utf8(digits).ok().and_then(|d| d.parse::<usize>().ok()) {
                if let Some(m) = c.get(g) {
                    out.extend_from_slice(m.as_bytes());
                }
                i += skip;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
}
