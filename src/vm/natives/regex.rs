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
    "Regex"."run"/2 => |_, a| Ok(run(&*compiled(arg(a, 0))?, subject(a, 1)?).unwrap_or(Term::NIL_ATOM)),
    "Regex"."scan"/2 => |_, a| {
        let re = compiled(arg(a, 0))?;
        let s = subject(a, 1)?;
        Ok(Term::list(re.captures_iter(s).map(|c| groups(&c)).collect()))
    },
    "Regex"."named_captures"/2 => |_, a| named_captures(&*compiled(arg(a, 0))?, subject(a, 1)?, &Term::Nil),
    "Regex"."named_captures"/3 => |_, a| named_captures(&*compiled(arg(a, 0))?, subject(a, 1)?, arg(a, 2)),
    "Regex"."names"/1 => |_, a| {
        let re = compiled(arg(a, 0))?;
        Ok(Term::list(names(&re).into_iter().map(|(n, _)| Term::str(n)).collect()))
    },
    "Regex"."split"/2 => |_, a| split(&*compiled(arg(a, 0))?, subject(a, 1)?, false),
    "Regex"."replace"/3 => |_, a| replace(&*compiled(arg(a, 0))?, subject(a, 1)?, arg(a, 2), true),
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

/// The whole match and each group as PCRE reports them: unmatched groups after the last
/// matched one are left out, earlier ones are `""`.
fn groups(c: &regex::bytes::Captures) -> Term {
    let mut all: Vec<Option<&[u8]>> = c.iter().map(|m| m.map(|m| m.as_bytes())).collect();
    while all.len() > 1 && all.last().is_some_and(Option::is_none) {
        all.pop();
    }
    Term::list(all.into_iter().map(|m| Term::bytes(m.unwrap_or_default().to_vec())).collect())
}

fn run(re: &Regex, s: &[u8]) -> Option<Term> {
    re.captures(s).map(|c| groups(&c))
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

/// `Regex.split/2` and `String.split/2` with a regex; `trim` drops empty parts.
pub(crate) fn split(re: &Regex, s: &[u8], trim: bool) -> NResult {
    let mut parts = Vec::new();
    let mut last = 0;
    for m in re.find_iter(s) {
        // An empty match at the very start splits nothing off, as in Elixir.
        if m.end() == 0 {
            continue;
        }
        parts.push(s.get(last..m.start()).unwrap_or_default().to_vec());
        last = m.end();
    }
    parts.push(s.get(last..).unwrap_or_default().to_vec());
    Ok(Term::list(parts.into_iter().filter(|p| !trim || !p.is_empty()).map(Term::bytes).collect()))
}

/// `Regex.replace/3` and `String.replace/3` with a regex. In the replacement, `\N` and
/// `\g{N}` stand for group `N` (`\0` the whole match).
pub(crate) fn replace(re: &Regex, s: &[u8], with: &Term, global: bool) -> NResult {
    let Some(r) = with.as_bytes() else {
        return Err(exception::argument_error("a replacement function with a regex is not supported; use a string with \\N group references").into());
    };
    let mut out = Vec::with_capacity(s.len());
    let mut last = 0;
    for c in re.captures_iter(s) {
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
