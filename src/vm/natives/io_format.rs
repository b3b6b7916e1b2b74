//! Erlang's formatted output: `:io_lib.format/2`, `:io.format/1,2,3` and `:io.fwrite`, with
//! OTP 25's control sequences (`~p ~w ~s ~c ~e ~f ~g ~b ~x ~+ ~n ~i ~P ~W`, widths, precisions,
//! pad characters, the `t` and `l` modifiers), Erlang's term syntax and its pretty printer's
//! line breaking, which `~p` applies at 80 columns.
//!
//! `:io_lib.format/2` returns the shape OTP's returns, as far as programs can see it when they
//! inspect the result: plain characters and the "small" sequences (`~b`, `~f`, `~c`, …) are
//! spliced in flat, and each `~s`, `~w` and `~p` is one nested element. `~s` keeps the nesting
//! of its argument and of its padding, as `io_lib_format` builds them; `~w`/`~p` text is one
//! flat list where OTP nests it further.

use unicode_segmentation::UnicodeSegmentation;

use super::{arg, natives, Ctx};
use crate::term::{Atom, Closure, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::NResult;

natives! {
    ":io_lib"."format"/2 => |_, a| lib_format(arg(a, 0), arg(a, 1)),
    ":io_lib"."fwrite"/2 => |_, a| lib_format(arg(a, 0), arg(a, 1)),
    ":io_lib"."write"/1 => |_, a| Ok(charlist(&write(arg(a, 0), -1, false))),
    ":io_lib"."write"/2 => |_, a| match arg(a, 1) {
        d @ (Term::Int(_) | Term::Big(_)) => Ok(charlist(&write(arg(a, 0), depth(d), false))),
        _ => Err(exception::badarg().into()),
    },
    ":io_lib"."print"/1 => |_, a| Ok(charlist(&print(arg(a, 0), -1, 1, 80, false, true))),
    ":io"."format"/1 => |c, a| io_format(c, None, arg(a, 0), &Term::Nil),
    ":io"."format"/2 => |c, a| io_format(c, None, arg(a, 0), arg(a, 1)),
    ":io"."format"/3 => |c, a| io_format(c, Some(arg(a, 0)), arg(a, 1), arg(a, 2)),
    ":io"."fwrite"/1 => |c, a| io_format(c, None, arg(a, 0), &Term::Nil),
    ":io"."fwrite"/2 => |c, a| io_format(c, None, arg(a, 0), arg(a, 1)),
    ":io"."fwrite"/3 => |c, a| io_format(c, Some(arg(a, 0)), arg(a, 1), arg(a, 2)),
    ":io"."put_chars"/1 => |c, a| put_chars(c, None, arg(a, 0)),
    ":io"."put_chars"/2 => |c, a| put_chars(c, Some(arg(a, 0)), arg(a, 1)),
    ":io"."nl"/0 => |c, _| put_chars(c, None, &Term::list(vec![Term::Int(10)])),
    ":io"."nl"/1 => |c, a| put_chars(c, Some(arg(a, 0)), &Term::list(vec![Term::Int(10)])),
}

/// A format that `io_lib_format` rejects: the caller turns it into the ArgumentError its
/// entry point raises (`:io_lib` a bare one, `:io` one that says which argument is wrong).
#[derive(Debug)]
struct Bad;

type Res<T> = Result<T, Bad>;

/// The largest field width or precision accepted. OTP accepts any, and builds the padding as
/// shared sublists; flattening a width of billions for the device would exhaust memory, so a
/// width past this raises instead.
const MAX_FIELD: i64 = 1 << 24;

// ---- entry points ----

fn lib_format(fmt: &Term, args: &Term) -> NResult {
    match format(fmt, args) {
        Ok(items) => Ok(Term::list(items)),
        Err(Bad) => Err(exception::badarg().into()),
    }
}

/// Where `:io` output goes: the device argument, or standard output without one.
enum Device {
    Out,
    Err,
}

fn device(d: Option<&Term>) -> Option<Device> {
    match d {
        None | Some(Term::Pid(_)) => Some(Device::Out),
        Some(Term::Atom(a)) => match a.name() {
            "standard_io" | "user" => Some(Device::Out),
            "standard_error" => Some(Device::Err),
            _ => None,
        },
        Some(_) => None,
    }
}

fn emit(c: &mut Ctx, dev: Device, bytes: &[u8]) {
    match dev {
        Device::Out => c.host.write_out(bytes),
        Device::Err => c.host.write_err(bytes),
    }
}

fn io_format(c: &mut Ctx, dev: Option<&Term>, fmt: &Term, args: &Term) -> NResult {
    let has_device = dev.is_some();
    let Some(target) = device(dev) else {
        return Err(arg_errors(&[(1, "the device does not exist".into())]).into());
    };
    let items = match format(fmt, args) {
        Ok(items) => items,
        Err(Bad) => return Err(io_error(has_device, fmt, args).into()),
    };
    // The standard devices are in Unicode mode, as Elixir sets them up: every character of
    // the result is one code point, written as UTF-8 (so a `~s` of UTF-8 bytes shows each
    // byte as its Latin-1 character, as on the BEAM).
    let mut cps = Vec::new();
    for t in &items {
        if flatten(t, &mut cps).is_err() {
            return Err(io_error(has_device, fmt, args).into());
        }
    }
    emit(c, target, &utf8(&cps));
    Ok(Term::OK)
}

fn put_chars(c: &mut Ctx, dev: Option<&Term>, data: &Term) -> NResult {
    let Some(target) = device(dev) else {
        return Err(arg_errors(&[(1, "the device does not exist".into())]).into());
    };
    let bytes = super::io::chardata(data)?;
    emit(c, target, &bytes);
    Ok(Term::OK)
}

/// UTF-8 for a list of code points; one that is no character (a surrogate, or out of
/// range) becomes U+FFFD rather than failing the write.
fn utf8(cps: &[i64]) -> Vec<u8> {
    let mut s = String::with_capacity(cps.len());
    for &c in cps {
        s.push(u32::try_from(c).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}'));
    }
    s.into_bytes()
}

// ---- errors ----

/// ArgumentError with Erlang's per-argument explanations, as Elixir renders them.
fn arg_errors(errs: &[(usize, String)]) -> Exception {
    let mut msg = String::from("errors were found at the given arguments:\n\n");
    for (n, why) in errs {
        let nth = match n {
            1 => "1st",
            2 => "2nd",
            3 => "3rd",
            _ => "4th",
        };
        msg.push_str(&format!("  * {nth} argument: {why}\n"));
    }
    exception::argument_error(&msg)
}

/// The error `:io.format` raises for a format it could not apply: OTP explains it by
/// checking the format string and the argument types as the compiler's format lint does.
fn io_error(has_device: bool, fmt: &Term, args: &Term) -> Exception {
    let off = usize::from(has_device);
    let arg_list = args.list_to_vec();
    let mut errs = Vec::new();
    match format_chars(fmt) {
        None => {
            errs.push((1 + off, "not a valid format string".to_string()));
            if arg_list.is_none() {
                errs.push((2 + off, "not a list".to_string()));
            }
        }
        Some(chars) => match arg_list {
            None => errs.push((2 + off, "not a list".to_string())),
            Some(list) => match lint(&chars) {
                Err(why) => errs.push((1 + off, format!("format string invalid ({why})"))),
                Ok(types) if types.len() != list.len() => errs.push((1 + off, "wrong number of arguments".into())),
                Ok(types) => {
                    let wrong: Vec<String> = types
                        .iter()
                        .zip(&list)
                        .enumerate()
                        .filter(|(_, (ty, a))| !ty.accepts(a))
                        .map(|(i, (ty, _))| format!("element {} must be of type {}", i + 1, ty.name()))
                        .collect();
                    if wrong.is_empty() {
                        errs.push((1 + off, "failed to format string".into()));
                    } else {
                        errs.push((2 + off, wrong.join("\n")));
                    }
                }
            },
        },
    }
    arg_errors(&errs)
}

/// The argument type a control sequence needs, for the error message.
#[derive(Clone, Copy)]
enum ArgType {
    Int,
    Float,
    Str,
    Any,
}

impl ArgType {
    fn name(self) -> &'static str {
        match self {
            ArgType::Int => "integer",
            ArgType::Float => "float",
            ArgType::Str => "string",
            ArgType::Any => "term",
        }
    }

    fn accepts(self, t: &Term) -> bool {
        match self {
            ArgType::Int => matches!(t, Term::Int(_) | Term::Big(_)),
            ArgType::Float => matches!(t, Term::Float(_)),
            ArgType::Str => match t {
                Term::Atom(_) | Term::Bin(_) => true,
                // What `unicode:characters_to_binary/1` takes without raising: nested
                // lists of integers and binaries.
                Term::Nil | Term::Cons(_) => {
                    let mut stack = vec![t];
                    while let Some(x) = stack.pop() {
                        match x {
                            Term::Int(_) | Term::Bin(_) | Term::Nil => {}
                            Term::Cons(c) => {
                                stack.push(&c.head);
                                stack.push(&c.tail);
                            }
                            _ => return false,
                        }
                    }
                    true
                }
                _ => false,
            },
            ArgType::Any => true,
        }
    }
}

/// The argument types a format string needs, or why it is malformed: OTP's
/// `erl_lint:check_format_string/1`, whose words the error message quotes.
fn lint(fmt: &[u32]) -> Result<Vec<ArgType>, String> {
    let ch = |c: u32| char::from_u32(c).map(String::from).unwrap_or_default();
    let is_digit = |c: Option<&u32>| c.is_some_and(|c| (0x30..=0x39).contains(c));
    let mut need = Vec::new();
    let mut i = 0;
    while i < fmt.len() {
        if fmt.get(i) != Some(&u32::from(b'~')) {
            i += 1;
            continue;
        }
        i += 1;
        let at = |i: usize| fmt.get(i).copied();
        // Field width.
        if at(i) == Some('-' as u32) && is_digit(fmt.get(i + 1)) {
            i += 1;
        }
        if is_digit(fmt.get(i)) {
            while is_digit(fmt.get(i)) {
                i += 1;
            }
        } else if at(i) == Some('*' as u32) {
            need.push(ArgType::Int);
            i += 1;
        } else if at(i) == Some('-' as u32) && at(i + 1) == Some('*' as u32) {
            need.push(ArgType::Int);
            i += 2;
        }
        // Precision.
        if at(i) == Some('.' as u32) {
            if is_digit(fmt.get(i + 1)) {
                i += 1;
                while is_digit(fmt.get(i)) {
                    i += 1;
                }
            } else if at(i + 1) == Some('*' as u32) {
                need.push(ArgType::Int);
                i += 2;
            } else {
                i += 1;
            }
            // Pad character.
            if at(i) == Some('.' as u32) {
                match at(i + 1) {
                    Some(c) if c == '*' as u32 => {
                        need.push(ArgType::Int);
                        i += 2;
                    }
                    Some(_) => i += 2,
                    // A lone `.` at the end is read as the control character.
                    None => {}
                }
            }
        }
        // Modifiers, read as `erl_lint` reads them (its errors name what it read).
        let ch_at = |i: usize| at(i).and_then(char::from_u32);
        let (c0, c1, c2) = match (ch_at(i), ch_at(i + 1), ch_at(i + 2)) {
            (Some('t'), Some('l'), c2) => (Some('l'), Some('t'), c2),
            other => other,
        };
        match (c0, c1, c2) {
            (Some('t'), Some(c), _) if "cspPwW".contains(c) => i += 1,
            (Some('t'), Some(c), _) => return Err(format!("invalid control ~t{c}")),
            (Some('l'), Some('p' | 'P'), _) => i += 1,
            (Some('l'), Some('t'), Some('p' | 'P')) => i += 2,
            (Some('l'), Some('t'), Some(c)) => return Err(format!("invalid control ~lt{c}")),
            (Some('l'), Some(c), _) => return Err(format!("invalid control ~l{c}")),
            _ => {}
        }
        let Some(c) = at(i) else { return Err("truncated".into()) };
        i += 1;
        match char::from_u32(c) {
            Some('~' | 'n') => {}
            Some('c' | 'b' | 'B') => need.push(ArgType::Int),
            Some('f' | 'e' | 'g') => need.push(ArgType::Float),
            Some('s') => need.push(ArgType::Str),
            Some('w' | 'p' | 'i' | '+' | '#') => need.push(ArgType::Any),
            Some('W' | 'P') => need.extend([ArgType::Any, ArgType::Int]),
            Some('x' | 'X') => need.extend([ArgType::Int, ArgType::Str]),
            _ => return Err(format!("invalid control ~{}", ch(c))),
        }
    }
    Ok(need)
}

// ---- scanning ----

/// The characters of a format: a flat list of code points, a binary (its bytes, each a
/// Latin-1 character, as OTP reads it) or an atom.
fn format_chars(fmt: &Term) -> Option<Vec<u32>> {
    match fmt {
        Term::Atom(a) => Some(a.name().chars().map(u32::from).collect()),
        Term::Bin(b) => Some(b.iter().map(|&x| u32::from(x)).collect()),
        Term::Nil | Term::Cons(_) => {
            let mut out = Vec::new();
            let mut it = fmt.list_iter();
            for x in it.by_ref() {
                match x {
                    Term::Int(i) => out.push(u32::try_from(*i).ok()?),
                    _ => return None,
                }
            }
            matches!(it.tail(), Term::Nil).then_some(out)
        }
        _ => None,
    }
}

/// One control sequence with its collected arguments.
struct Spec {
    width: Option<i64>,
    left: bool,
    prec: Option<i64>,
    pad: Term,
    unicode: bool,
    strings: bool,
    control: char,
    args: Vec<Term>,
}

enum Item {
    Char(u32),
    Spec(Spec),
}

/// Applies a format to its arguments: the elements of `io_lib:format`'s result.
fn format(fmt: &Term, args: &Term) -> Res<Vec<Term>> {
    let chars = format_chars(fmt).ok_or(Bad)?;
    let args = args.list_to_vec().ok_or(Bad)?;
    build(scan(&chars, args)?)
}

fn scan(fmt: &[u32], args: Vec<Term>) -> Res<Vec<Item>> {
    let mut args = args.into_iter();
    let mut items = Vec::new();
    let mut i = 0;
    let at = |i: usize| fmt.get(i).and_then(|&c| char::from_u32(c));
    while let Some(&c) = fmt.get(i) {
        i += 1;
        if c != '~' as u32 {
            items.push(Item::Char(c));
            continue;
        }
        // Field width: `-` for left adjustment, digits or `*` (the next argument).
        let minus = at(i) == Some('-');
        if minus {
            i += 1;
        }
        let mut width = field_value(fmt, &mut i, &mut args)?;
        if minus {
            width = Some(width.ok_or(Bad)?.checked_neg().ok_or(Bad)?);
        }
        let left = width.is_some_and(|w| w < 0);
        let width = width.map(|w| w.checked_abs().ok_or(Bad)).transpose()?;
        // Precision: `.` then digits or `*`.
        let mut prec = None;
        if at(i) == Some('.') {
            i += 1;
            prec = field_value(fmt, &mut i, &mut args)?;
            if prec.is_some_and(|p| p < 0) {
                return Err(Bad);
            }
        }
        // Pad character: a second `.` then the character, or `*` for the next argument.
        let mut pad = Term::Int(32);
        if let (Some('.'), Some(&p)) = (at(i), fmt.get(i + 1)) {
            pad = if p == '*' as u32 { args.next().ok_or(Bad)? } else { Term::Int(i64::from(p)) };
            i += 2;
        }
        let (mut unicode, mut strings) = (false, true);
        loop {
            match at(i) {
                Some('t') => unicode = true,
                Some('l') => strings = false,
                _ => break,
            }
            i += 1;
        }
        let control = at(i).ok_or(Bad)?;
        i += 1;
        let count = match control {
            '~' | 'n' => 0,
            'w' | 'p' | 's' | 'e' | 'f' | 'g' | 'b' | 'B' | '+' | '#' | 'c' | 'i' => 1,
            'W' | 'P' | 'x' | 'X' => 2,
            _ => return Err(Bad),
        };
        let mut taken = Vec::with_capacity(count);
        for _ in 0..count {
            taken.push(args.next().ok_or(Bad)?);
        }
        // `~p`'s width is only the line length, which no padding fills.
        let padded = !matches!(control, 'p' | 'P');
        if width.is_some_and(|w| w > MAX_FIELD && padded) || prec.is_some_and(|p| p > MAX_FIELD) {
            return Err(Bad);
        }
        items.push(Item::Spec(Spec { width, left, prec, pad, unicode, strings, control, args: taken }));
    }
    // Every argument must be used.
    if args.next().is_some() {
        return Err(Bad);
    }
    Ok(items)
}

fn field_value(fmt: &[u32], i: &mut usize, args: &mut impl Iterator<Item = Term>) -> Res<Option<i64>> {
    match fmt.get(*i) {
        Some(&c) if c == '*' as u32 => {
            *i += 1;
            match args.next() {
                Some(Term::Int(n)) => Ok(Some(n)),
                // A width past the 64-bit range is as good as the largest one.
                Some(Term::Big(b)) => Ok(Some(if b.sign() == num_bigint::Sign::Minus { i64::MIN + 1 } else { i64::MAX })),
                _ => Err(Bad),
            }
        }
        Some(&c) if (0x30..=0x39).contains(&c) => {
            let mut n: i64 = 0;
            while let Some(&d) = fmt.get(*i).filter(|d| (0x30..=0x39).contains(*d)) {
                n = n.checked_mul(10).and_then(|n| n.checked_add(i64::from(d - 0x30))).ok_or(Bad)?;
                *i += 1;
            }
            Ok(Some(n))
        }
        _ => Ok(None),
    }
}

// ---- building ----

fn build(items: Vec<Item>) -> Res<Vec<Term>> {
    let mut out = Vec::new();
    // The column the next character lands in, which `~p` starts its layout from.
    let mut col: i64 = 0;
    for item in items {
        match item {
            Item::Char(c) => {
                col = advance(col, i64::from(c));
                out.push(Term::Int(i64::from(c)));
            }
            Item::Spec(s) => match control_small(&s)? {
                Some(t) => {
                    let mut cps = Vec::new();
                    flatten(&t, &mut cps)?;
                    for c in cps {
                        col = advance(col, c);
                        out.push(Term::Int(c));
                    }
                }
                None => {
                    let t = control_limited(&s, col)?;
                    let mut cps = Vec::new();
                    flatten(&t, &mut cps)?;
                    col = cps.iter().fold(col, |col, &c| advance(col, c));
                    out.push(t);
                }
            },
        }
    }
    Ok(out)
}

/// The column after writing `c` at `col`: a newline returns to 0, a tab stops at the next
/// multiple of 8.
fn advance(col: i64, c: i64) -> i64 {
    match c {
        10 => 0,
        9 => (col + 8) / 8 * 8,
        _ => col + 1,
    }
}

/// The sequences whose text does not depend on the column (everything but `~s`, `~w`, `~p`
/// and their variants); `None` for those.
fn control_small(s: &Spec) -> Res<Option<Term>> {
    let (f, left, p, pad) = (s.width, s.left, s.prec, &s.pad);
    let a0 = s.args.first();
    let t = match (s.control, a0) {
        ('s', Some(Term::Atom(a))) => {
            let chars = charlist(a.name());
            if !s.unicode && a.name().chars().any(|c| c as u32 > 255) {
                return Err(Bad);
            }
            string(chars, f, left, p, pad)?
        }
        ('e', Some(Term::Float(x))) => fwrite_e(*x, f, left, p, pad)?,
        ('f', Some(Term::Float(x))) => fwrite_f(*x, f, left, p, pad)?,
        ('g', Some(Term::Float(x))) => fwrite_g(*x, f, left, p, pad)?,
        ('b' | 'B', Some(n @ (Term::Int(_) | Term::Big(_)))) => {
            let digits = int_digits(n, base(p)?, s.control == 'b');
            term(digits, f, left, None, pad)?
        }
        ('x' | 'X', Some(n @ (Term::Int(_) | Term::Big(_)))) => {
            let prefix = match s.args.get(1) {
                Some(Term::Atom(a)) => charlist(a.name()),
                Some(l) if deep_char_list(l) => l.clone(),
                _ => return Err(Bad),
            };
            prefixed(n, prefix, base(p)?, s.control == 'x', f, left, pad)?
        }
        ('+' | '#', Some(n @ (Term::Int(_) | Term::Big(_)))) => {
            let b = base(p)?;
            let prefix = Term::list(vec![charlist(&b.to_string()), Term::Int('#' as i64)]);
            prefixed(n, prefix, b, s.control == '+', f, left, pad)?
        }
        ('c', Some(Term::Int(c))) => char_field(Term::Int(if s.unicode { *c } else { *c & 255 }), f, left, p, pad)?,
        ('c', Some(Term::Big(c))) if !s.unicode => {
            let low = num_traits::ToPrimitive::to_i64(&(&**c & num_bigint::BigInt::from(255))).unwrap_or(0);
            char_field(Term::Int(low), f, left, p, pad)?
        }
        ('~', None) => char_field(Term::Int('~' as i64), f, left, p, pad)?,
        ('n', None) => match (f, left) {
            (None, _) => Term::list(vec![Term::Int(10)]),
            (Some(f), false) => chars(&Term::Int(10), f),
            (Some(_), true) => return Err(Bad),
        },
        ('i', Some(_)) => Term::Nil,
        _ => return Ok(None),
    };
    Ok(Some(t))
}

fn control_limited(s: &Spec, col: i64) -> Res<Term> {
    let (f, left, p, pad) = (s.width, s.left, s.prec, &s.pad);
    match (s.control, s.args.first(), s.args.get(1)) {
        ('s', Some(a), _) => {
            let l = if s.unicode { cdata_to_chars(a)? } else { iolist_to_chars(a)? };
            string(l, f, left, p, pad)
        }
        ('w', Some(a), _) => term(charlist(&write(a, -1, s.unicode)), f, left, p, pad),
        ('W', Some(a), Some(d @ (Term::Int(_) | Term::Big(_)))) => term(charlist(&write(a, depth(d), s.unicode)), f, left, p, pad),
        ('p', Some(a), _) => print_field(a, -1, s, col),
        ('P', Some(a), Some(d @ (Term::Int(_) | Term::Big(_)))) => print_field(a, depth(d), s, col),
        _ => Err(Bad),
    }
}

/// A depth limit: negative (and so unlimited) is -1, and one past 64 bits is as good as the
/// largest.
fn depth(d: &Term) -> i64 {
    match d {
        Term::Int(d) if *d < 0 => -1,
        Term::Int(d) => *d,
        Term::Big(b) if b.sign() == num_bigint::Sign::Minus => -1,
        _ => i64::MAX,
    }
}

/// `~p`: the field width is the line length (80 without one), the precision the column
/// the term starts in (the current one without one); there is no padding, and left
/// adjustment is an error, as in OTP.
fn print_field(a: &Term, depth: i64, s: &Spec, col: i64) -> Res<Term> {
    if s.left {
        return Err(Bad);
    }
    let ll = s.width.unwrap_or(80);
    let column = s.prec.unwrap_or(col + 1);
    Ok(charlist(&print(a, depth, column, ll, s.unicode, s.strings)))
}

// ---- fields, padding and characters ----

/// A character list of the code points of `s`.
fn charlist(s: &str) -> Term {
    Term::list(s.chars().map(|c| Term::Int(i64::from(u32::from(c)))).collect())
}

/// `n` copies of `c`, nested as OTP's `chars/2` nests them (halves shared), which is the
/// shape a program inspecting `io_lib:format`'s result sees.
fn chars(c: &Term, n: i64) -> Term {
    match n {
        i64::MIN..=0 => Term::Nil,
        1 => Term::list(vec![c.clone()]),
        2 => Term::list(vec![c.clone(), c.clone()]),
        3 => Term::list(vec![c.clone(), c.clone(), c.clone()]),
        _ => {
            let half = chars(c, n >> 1);
            if n & 1 == 0 { Term::cons(half.clone(), half) } else { Term::cons(c.clone(), Term::cons(half.clone(), half)) }
        }
    }
}

/// Pads `data` with `pad` on the right (`left` adjustment) or the left.
fn adjust(data: Term, pad: Term, left: bool) -> Term {
    match pad {
        Term::Nil => data,
        pad if left => Term::cons(data, pad),
        pad => Term::cons(pad, data),
    }
}

/// The code points of a deep character list (binaries count as their bytes).
fn flatten(t: &Term, out: &mut Vec<i64>) -> Res<()> {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            Term::Int(c) => out.push(*c),
            Term::Nil => {}
            Term::Bin(b) => out.extend(b.iter().map(|&x| i64::from(x))),
            Term::Cons(c) => {
                stack.push(&c.tail);
                stack.push(&c.head);
            }
            _ => return Err(Bad),
        }
    }
    Ok(())
}

/// `io_lib:chars_length/1`: the number of characters, or of grapheme clusters when some
/// character is past Latin-1 (OTP falls back to `string:length/1` then).
fn chars_length(t: &Term) -> Res<i64> {
    let mut cps = Vec::new();
    flatten(t, &mut cps)?;
    if cps.iter().all(|c| (0..=255).contains(c)) {
        return Ok(cps.len() as i64);
    }
    Ok(graphemes(&cps).len() as i64)
}

/// The code points split into grapheme clusters (each code point that is no character on
/// its own).
fn graphemes(cps: &[i64]) -> Vec<Vec<i64>> {
    let text: Option<String> = cps.iter().map(|&c| u32::try_from(c).ok().and_then(char::from_u32)).collect();
    match text {
        Some(s) => s.graphemes(true).map(|g| g.chars().map(|c| i64::from(u32::from(c))).collect()).collect(),
        None => cps.iter().map(|&c| vec![c]).collect(),
    }
}

/// The first `n` characters (grapheme clusters, as `string:slice/3` counts) of a deep list,
/// flat.
fn flat_trunc(t: &Term, n: i64) -> Res<Term> {
    let mut cps = Vec::new();
    flatten(t, &mut cps)?;
    let kept: Vec<Term> = graphemes(&cps).into_iter().take(usize::try_from(n).unwrap_or(0)).flatten().map(Term::Int).collect();
    Ok(Term::list(kept))
}

/// `~s` text in its field: truncated to the precision, padded to the width.
fn string(s: Term, f: Option<i64>, left: bool, p: Option<i64>, pad: &Term) -> Res<Term> {
    match (f, p) {
        (None, None) => Ok(s),
        (Some(f), None) => {
            let n = chars_length(&s)?;
            string_field(s, f, left, n, pad)
        }
        (None, Some(p)) => {
            let n = chars_length(&s)?;
            string_field(s, p, true, n, pad)
        }
        (Some(f), Some(p)) if f > p => {
            let n = chars_length(&s)?;
            let body = match n.cmp(&p) {
                std::cmp::Ordering::Greater => flat_trunc(&s, p)?,
                std::cmp::Ordering::Less => Term::cons(s, chars(pad, p - n)),
                std::cmp::Ordering::Equal => s,
            };
            Ok(adjust(body, chars(pad, f - p), left))
        }
        (Some(f), Some(p)) if f == p => {
            let n = chars_length(&s)?;
            string_field(s, f, left, n, pad)
        }
        _ => Err(Bad),
    }
}

fn string_field(s: Term, f: i64, left: bool, n: i64, pad: &Term) -> Res<Term> {
    match n.cmp(&f) {
        std::cmp::Ordering::Greater => flat_trunc(&s, f),
        std::cmp::Ordering::Less => Ok(adjust(s, chars(pad, f - n), left)),
        std::cmp::Ordering::Equal => Ok(s),
    }
}

/// Term text in its field: padded to the width, or all `*` when it does not fit.
fn term(t: Term, f: Option<i64>, left: bool, p: Option<i64>, pad: &Term) -> Res<Term> {
    let f = match (f, p) {
        (None, None) => return Ok(t),
        (None, Some(p)) => p,
        (Some(f), _) => f,
    };
    let l = chars_length(&t)?;
    let p = l.min(p.map_or(f, |p| p.min(f)));
    if l > p {
        Ok(adjust(chars(&Term::Int('*' as i64), p), chars(pad, f - p), left))
    } else {
        Ok(adjust(t, chars(pad, f - l), left))
    }
}

/// `~c`: the character repeated to the width (or precision), padded beyond the precision.
fn char_field(c: Term, f: Option<i64>, left: bool, p: Option<i64>, pad: &Term) -> Res<Term> {
    match (f, p) {
        (None, None) => Ok(Term::list(vec![c])),
        (Some(n), None) | (None, Some(n)) => Ok(chars(&c, n)),
        (Some(f), Some(p)) if f >= p => Ok(adjust(chars(&c, p), chars(pad, f - p), left)),
        _ => Err(Bad),
    }
}

/// `~s` of a Latin-1 iolist: binaries become their bytes; the list's nesting is kept.
fn iolist_to_chars(t: &Term) -> Res<Term> {
    convert_chars(t, &|c| (0..=255).contains(&c), false)
}

/// `~ts` of chardata: UTF-8 binaries become their code points (bytes when not UTF-8).
fn cdata_to_chars(t: &Term) -> Res<Term> {
    convert_chars(t, &|c| c >= 0, true)
}

fn convert_chars(t: &Term, ok: &dyn Fn(i64) -> bool, utf8: bool) -> Res<Term> {
    let bin = |b: &[u8]| match std::str::from_utf8(b) {
        Ok(s) if utf8 => charlist(s),
        _ => Term::list(b.iter().map(|&x| Term::Int(i64::from(x))).collect()),
    };
    match t {
        Term::Bin(b) => return Ok(bin(b)),
        Term::Nil => return Ok(Term::Nil),
        Term::Cons(_) => {}
        _ => return Err(Bad),
    }
    // Walk the spine iteratively; only nested heads recurse (on a grown stack if deep).
    let mut heads = Vec::new();
    let mut it = t.list_iter();
    for h in it.by_ref() {
        heads.push(match h {
            Term::Int(c) if ok(*c) => h.clone(),
            Term::Int(_) => return Err(Bad),
            other => stacker::maybe_grow(64 * 1024, 1024 * 1024, || convert_chars(other, ok, utf8))?,
        });
    }
    let tail = match it.tail() {
        Term::Nil => Term::Nil,
        Term::Bin(b) => bin(b),
        _ => return Err(Bad),
    };
    Ok(Term::list_with_tail(heads, tail))
}

/// `io_lib:deep_char_list/1`: a prefix for `~x` must be a (deep) list of characters.
fn deep_char_list(t: &Term) -> bool {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            Term::Nil => {}
            Term::Cons(c) => {
                match &c.head {
                    Term::Int(x) if *x >= 0 => {}
                    h @ (Term::Cons(_) | Term::Nil) => stack.push(h),
                    _ => return false,
                }
                stack.push(&c.tail);
            }
            _ => return false,
        }
    }
    true
}

// ---- integers ----

fn base(p: Option<i64>) -> Res<u32> {
    match p {
        None => Ok(10),
        Some(b @ 2..=36) => Ok(b as u32),
        Some(_) => Err(Bad),
    }
}

/// The digits of `n`'s magnitude in `base` (upper case unless `lower`), and its sign.
fn digits(n: &Term, base: u32, lower: bool) -> (bool, String) {
    let (neg, mut s) = match n {
        Term::Int(i) => (*i < 0, magnitude_digits(i128::from(*i).unsigned_abs(), base)),
        Term::Big(b) => (b.sign() == num_bigint::Sign::Minus, b.magnitude().to_str_radix(base).to_uppercase()),
        _ => (false, String::new()),
    };
    if lower {
        s = s.to_lowercase();
    }
    (neg, s)
}

fn magnitude_digits(mut m: u128, base: u32) -> String {
    let mut out = Vec::new();
    loop {
        let d = (m % u128::from(base)) as u32;
        out.push(char::from_digit(d, base).map(|c| c.to_ascii_uppercase()).unwrap_or('?'));
        m /= u128::from(base);
        if m == 0 {
            break;
        }
    }
    out.iter().rev().collect()
}

fn int_digits(n: &Term, base: u32, lower: bool) -> Term {
    let (neg, s) = digits(n, base, lower);
    if neg { charlist(&format!("-{s}")) } else { charlist(&s) }
}

fn prefixed(n: &Term, prefix: Term, base: u32, lower: bool, f: Option<i64>, left: bool, pad: &Term) -> Res<Term> {
    let (neg, s) = digits(n, base, lower);
    let body = Term::cons(prefix, charlist(&s));
    let body = if neg { Term::cons(Term::Int('-' as i64), body) } else { body };
    term(body, f, left, None, pad)
}

// ---- floats ----

/// The 21 significant digits of `|x|` that C's `%.20e` prints (what `float_to_list/1`
/// gives), and the exponent of the digit after the first: `x = 0.d1d2… × 10^e`.
fn float_data(x: f64) -> (Vec<u8>, i64) {
    let s = format!("{:.20e}", x.abs());
    let (mantissa, exp) = s.split_once('e').unwrap_or((s.as_str(), "0"));
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    (digits, exp.parse::<i64>().unwrap_or(0) + 1)
}

/// `int` digits, a point, `dec` decimals, rounded half up on the next digit alone (as
/// `io_lib_format` rounds the 21 digits it has); and whether rounding carried out of the
/// first digit.
fn float_man(ds: &[u8], int: usize, dec: usize) -> (String, bool) {
    let total = int + dec;
    let mut kept: Vec<u8> = (0..total).map(|i| ds.get(i).copied().unwrap_or(b'0')).collect();
    let mut carry = ds.get(total).is_some_and(|&d| d >= b'5');
    for d in kept.iter_mut().rev() {
        if !carry {
            break;
        }
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            carry = false;
        }
    }
    let mut s = String::with_capacity(total + 1);
    for (i, d) in kept.iter().enumerate() {
        if i == int {
            s.push('.');
        }
        s.push(*d as char);
    }
    if kept.len() == int {
        s.push('.');
    }
    (s, carry)
}

fn sign(x: f64) -> &'static str {
    if x.is_sign_negative() { "-" } else { "" }
}

fn float_e(x: f64, p: i64) -> String {
    let (ds, e) = float_data(x);
    let (man, carry) = float_man(&ds, 1, usize::try_from(p - 1).unwrap_or(0));
    let (man, e) = if carry { (format!("1{}", man.get(1..).unwrap_or("")), e) } else { (man, e - 1) };
    let exp = if e >= 0 { format!("e+{e}") } else { format!("e{e}") };
    format!("{}{man}{exp}", sign(x))
}

fn float_f(x: f64, p: i64) -> String {
    let (mut ds, mut e) = float_data(x);
    if e <= 0 {
        let mut padded = vec![b'0'; usize::try_from(1 - e).unwrap_or(0)];
        padded.extend(ds);
        ds = padded;
        e = 1;
    }
    let (man, carry) = float_man(&ds, usize::try_from(e).unwrap_or(1), usize::try_from(p).unwrap_or(0));
    format!("{}{}{man}", sign(x), if carry { "1" } else { "" })
}

fn fwrite_e(x: f64, f: Option<i64>, left: bool, p: Option<i64>, pad: &Term) -> Res<Term> {
    let p = p.unwrap_or(6);
    if p < 2 {
        return Err(Bad);
    }
    let text = charlist(&float_e(x, p));
    match f {
        None => Ok(text),
        Some(f) => term(text, Some(f), left, Some(f), pad),
    }
}

fn fwrite_f(x: f64, f: Option<i64>, left: bool, p: Option<i64>, pad: &Term) -> Res<Term> {
    let p = p.unwrap_or(6);
    if p < 1 {
        return Err(Bad);
    }
    let text = charlist(&float_f(x, p));
    match f {
        None => Ok(text),
        Some(f) => term(text, Some(f), left, Some(f), pad),
    }
}

/// `~g`: `~f` for 0.1 <= |x| < 10000 when the precision (significant digits) covers the
/// integer part, `~e` otherwise.
fn fwrite_g(x: f64, f: Option<i64>, left: bool, p: Option<i64>, pad: &Term) -> Res<Term> {
    let p = p.unwrap_or(6);
    if p < 1 {
        return Err(Bad);
    }
    let a = x.abs();
    let e: Option<i64> = [(1.0e-1, -2), (1.0e0, -1), (1.0e1, 0), (1.0e2, 1), (1.0e3, 2), (1.0e4, 3)]
        .iter()
        .find(|(limit, _)| a < *limit)
        .map(|&(_, e)| e);
    match e {
        Some(e) if (p <= 1 && e == -1) || (p - 1 > e && e >= -1) => fwrite_f(x, f, left, Some(p - 1 - e), pad),
        _ if p <= 1 => fwrite_e(x, f, left, Some(2), pad),
        _ => fwrite_e(x, f, left, Some(p), pad),
    }
}

// ---- Erlang term syntax (`io_lib:write`, `~w`) ----

const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond", "div", "end", "fun", "if",
    "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor",
];

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '@' || ('ß'..='ÿ').contains(&c) && c != '÷' || ('À'..='Þ').contains(&c) && c != '×'
}

/// An atom as Erlang writes it: quoted unless it is a lower-case name and no reserved word.
fn atom_text(a: Atom, unicode: bool) -> String {
    let name = a.name();
    let mut cs = name.chars();
    let plain = match cs.next() {
        Some(c) if c.is_ascii_lowercase() || ('ß'..='ÿ').contains(&c) && c != '÷' => cs.all(name_char),
        _ => false,
    };
    if plain && !RESERVED.contains(&name) {
        return name.to_string();
    }
    let mut out = String::from("'");
    for c in name.chars() {
        push_escaped(&mut out, i64::from(u32::from(c)), '\'', unicode);
    }
    out.push('\'');
    out
}

/// One character inside quotes `q`, escaped as `io_lib:write_string` escapes it (Latin-1
/// output writes characters past 255 as `\x{…}`).
fn push_escaped(out: &mut String, c: i64, q: char, unicode: bool) {
    let ch = u32::try_from(c).ok().and_then(char::from_u32);
    match ch {
        Some(x) if x == q || x == '\\' => {
            out.push('\\');
            out.push(x);
        }
        Some(x @ ' '..='~') => out.push(x),
        Some(x) if ('\u{a0}'..='\u{ff}').contains(&x) || unicode && x >= '\u{a0}' => out.push(x),
        Some('\n') => out.push_str("\\n"),
        Some('\r') => out.push_str("\\r"),
        Some('\t') => out.push_str("\\t"),
        Some('\u{0b}') => out.push_str("\\v"),
        Some('\u{08}') => out.push_str("\\b"),
        Some('\u{0c}') => out.push_str("\\f"),
        Some('\u{1b}') => out.push_str("\\e"),
        Some('\u{7f}') => out.push_str("\\d"),
        _ if (0..0xa0).contains(&c) => out.push_str(&format!("\\{}{}{}", c >> 6, (c >> 3) & 7, c & 7)),
        _ => out.push_str(&format!("\\x{{{c:X}}}")),
    }
}

fn quoted(cps: &[i64], unicode: bool) -> String {
    let mut out = String::from("\"");
    for &c in cps {
        push_escaped(&mut out, c, '"', unicode);
    }
    out.push('"');
    out
}

/// How the BEAM writes a fun: script funs are `erl_eval`'s.
fn fun_text(f: &Closure) -> String {
    match f {
        Closure::Export { module, name, arity, .. } => format!("fun {}:{}/{}", atom_text(*module, true), atom_text(*name, true), arity),
        Closure::Lambda { code, .. } => match code.module {
            Some(m) if m != Atom::NIL => format!("#Fun<{}.{}.{}>", atom_text(m, true), code.index, crate::term::inspect::fun_uniq(m)),
            _ => format!("#Fun<erl_eval.{}.{}>", code.index, crate::term::inspect::fun_uniq(Atom::NIL)),
        },
    }
}

/// Terms with no inner structure to lay out.
fn atomic_text(t: &Term) -> String {
    match t {
        Term::Int(i) => i.to_string(),
        Term::Big(b) => b.to_string(),
        Term::Float(x) => crate::term::inspect::fwrite_g(*x),
        Term::Atom(a) => atom_text(*a, false),
        Term::Pid(p) => format!("<0.{}.0>", p.0),
        Term::Ref(r) => format!("#Ref<0.0.0.{r}>"),
        Term::Fun(f) => fun_text(f),
        _ => String::new(),
    }
}

/// `io_lib:write/2`: one line, `depth` levels deep (`-1` for all).
fn write(t: &Term, depth: i64, unicode: bool) -> String {
    let mut out = String::new();
    write_into(t, depth.max(-1), unicode, &mut out);
    out
}

fn write_into(t: &Term, d: i64, uni: bool, out: &mut String) {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || write_level(t, d, uni, out));
}

fn write_level(t: &Term, d: i64, uni: bool, out: &mut String) {
    if d == 0 {
        out.push_str("...");
        return;
    }
    match t {
        Term::Atom(a) => out.push_str(&atom_text(*a, uni)),
        Term::Bin(b) => {
            out.push_str("<<");
            out.push_str(&binary_parts(b, d).join(","));
            out.push_str(">>");
        }
        Term::Nil => out.push_str("[]"),
        Term::Tuple(items) if items.is_empty() => out.push_str("{}"),
        Term::Cons(c) => {
            if d == 1 {
                out.push_str("[...]");
                return;
            }
            out.push('[');
            write_into(&c.head, d - 1, uni, out);
            let mut rest = &c.tail;
            let mut d = d - 1;
            loop {
                match rest {
                    Term::Nil => break,
                    _ if d == 1 => {
                        out.push_str("|...");
                        break;
                    }
                    Term::Cons(c) => {
                        out.push(',');
                        write_into(&c.head, d - 1, uni, out);
                        rest = &c.tail;
                        d -= 1;
                    }
                    other => {
                        out.push('|');
                        write_into(other, d - 1, uni, out);
                        break;
                    }
                }
            }
            out.push(']');
        }
        Term::Tuple(items) => {
            if d == 1 {
                out.push_str("{...}");
                return;
            }
            out.push('{');
            let mut d = d - 1;
            for (i, e) in items.iter().enumerate() {
                if i > 0 {
                    if d == 1 {
                        out.push_str(",...");
                        break;
                    }
                    out.push(',');
                    d -= 1;
                }
                write_into(e, d, uni, out);
            }
            out.push('}');
        }
        Term::Map(m) => {
            // OTP 25 writes a map cut at depth 1 as `#{}`, and marks the cut after the
            // entries depth allows with `,...` even when no entry was left out.
            if m.iter().next().is_none() || d == 1 {
                out.push_str("#{}");
                return;
            }
            out.push_str("#{");
            let d0 = d - 1;
            let mut left = d0;
            let mut cut = false;
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    if left == 1 {
                        cut = true;
                        break;
                    }
                    out.push(',');
                    left -= 1;
                }
                write_into(k, d0, uni, out);
                out.push_str(" => ");
                write_into(v, d0, uni, out);
            }
            if cut || left == 1 {
                out.push_str(",...");
            }
            out.push('}');
        }
        other => out.push_str(&atomic_text(other)),
    }
}

/// The byte texts of a binary for `<<…>>`, cut with `...` where the depth runs out.
fn binary_parts(b: &[u8], d: i64) -> Vec<String> {
    let mut parts = Vec::new();
    let mut d = d;
    for (i, byte) in b.iter().enumerate() {
        if d == 1 {
            parts.push("...".to_string());
            break;
        }
        parts.push(byte.to_string());
        if i + 1 < b.len() {
            d -= 1;
        }
    }
    parts
}

// ---- the pretty printer (`io_lib_pretty`, `~p`) ----

/// A term measured for layout: what `io_lib_pretty:print_length/7` computes.
struct Node {
    kind: Kind,
    /// The length of the term written on one line.
    len: i64,
}

enum Kind {
    /// Text with no inner line breaks: atomic terms, strings, printable binaries, `[]`.
    Leaf(String),
    /// A binary written as bytes, which may wrap between them.
    Bin(Vec<String>),
    List(Seq),
    Tuple(bool, Seq),
    Map(Seq),
    Pair(Box<Node>, Box<Node>),
}

struct Seq {
    items: Vec<Node>,
    tail: Tail,
}

enum Tail {
    End,
    /// Cut by the depth limit: `...`.
    Dots,
    /// An improper list's tail.
    Node(Box<Node>),
}

impl Node {
    fn leaf(text: String) -> Node {
        let len = text.chars().count() as i64;
        Node { kind: Kind::Leaf(text), len }
    }

    /// Whether it is written as is, never broken over lines.
    fn atomic(&self) -> bool {
        matches!(self.kind, Kind::Leaf(_))
    }

    fn atomic_pair(&self) -> bool {
        matches!(&self.kind, Kind::Pair(k, v) if k.atomic() && v.atomic())
    }
}

/// The length of a sequence of `items` and its tail, after `open` bracket characters,
/// with one separator between neighbours.
fn seq_len(seq: &Seq, open: i64) -> i64 {
    let mut len = open;
    for (i, n) in seq.items.iter().enumerate() {
        len += n.len + i64::from(i > 0);
    }
    let sep = i64::from(!seq.items.is_empty());
    match &seq.tail {
        Tail::End => len,
        Tail::Dots => len + sep + 3,
        Tail::Node(n) => len + sep + n.len,
    }
}

/// Latin-1 printable characters (what `io_lib:printable_latin1_list/1` accepts; the
/// BEAM's default printable range is Latin-1 even for `~tp`).
fn printable(c: i64) -> bool {
    matches!(c, 32..=126 | 160..=255 | 8..=13 | 27)
}

fn measure(t: &Term, d: i64, uni: bool, strings: bool) -> Node {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || measure_level(t, d, uni, strings))
}

fn measure_level(t: &Term, d: i64, uni: bool, strings: bool) -> Node {
    match t {
        Term::Nil => Node::leaf("[]".into()),
        Term::Tuple(items) if items.is_empty() => Node::leaf("{}".into()),
        Term::Map(m) if m.iter().next().is_none() => Node::leaf("#{}".into()),
        Term::Atom(a) => Node::leaf(atom_text(*a, uni)),
        Term::Cons(_) => {
            if strings && d != 1 && let Some(cps) = printable_list(t) {
                return Node::leaf(quoted(&cps, uni));
            }
            let mut items = Vec::new();
            let mut d = d;
            let mut rest = t;
            let tail = loop {
                match rest {
                    Term::Nil => break Tail::End,
                    _ if d == 1 => break Tail::Dots,
                    Term::Cons(c) => {
                        items.push(measure(&c.head, d - 1, uni, strings));
                        rest = &c.tail;
                        d -= 1;
                    }
                    other => break Tail::Node(Box::new(measure(other, d - 1, uni, strings))),
                }
            };
            let seq = Seq { items, tail };
            let len = seq_len(&seq, 2);
            Node { kind: Kind::List(seq), len }
        }
        Term::Tuple(elems) => {
            if d == 1 {
                return Node::leaf("{...}".into());
            }
            let mut items = Vec::new();
            let mut tail = Tail::End;
            let mut d = d;
            for e in elems.iter() {
                if d == 1 {
                    tail = Tail::Dots;
                    break;
                }
                items.push(measure(e, d - 1, uni, strings));
                d -= 1;
            }
            let tagged = matches!(elems.first(), Some(Term::Atom(_))) && elems.len() > 1;
            let seq = Seq { items, tail };
            let len = seq_len(&seq, 2);
            Node { kind: Kind::Tuple(tagged, seq), len }
        }
        Term::Map(m) => {
            if d == 1 {
                return Node::leaf("#{...}".into());
            }
            let d0 = d - 1;
            let mut items = Vec::new();
            let mut tail = Tail::End;
            let mut left = d;
            for (k, v) in m.iter() {
                if left == 1 {
                    tail = Tail::Dots;
                    break;
                }
                let k = measure(k, d0, uni, strings);
                let v = measure(v, d0, uni, strings);
                let len = k.len + 4 + v.len;
                items.push(Node { kind: Kind::Pair(Box::new(k), Box::new(v)), len });
                left -= 1;
            }
            let seq = Seq { items, tail };
            let len = seq_len(&seq, 3);
            Node { kind: Kind::Map(seq), len }
        }
        Term::Bin(b) if b.is_empty() => Node::leaf("<<>>".into()),
        Term::Bin(_) if d == 1 => Node::leaf("<<...>>".into()),
        Term::Bin(b) => measure_binary(b, d, uni, strings),
        other => Node::leaf(atomic_text(other)),
    }
}

/// The code points of a flat, proper list of printable characters.
fn printable_list(t: &Term) -> Option<Vec<i64>> {
    let mut cps = Vec::new();
    let mut it = t.list_iter();
    for x in it.by_ref() {
        match x {
            Term::Int(c) if printable(*c) => cps.push(*c),
            _ => return None,
        }
    }
    matches!(it.tail(), Term::Nil).then_some(cps)
}

/// A binary under `~p`: a string when its bytes (or, under `~tp`, its UTF-8 characters)
/// are printable, else its bytes; a depth limit keeps a prefix of either.
fn measure_binary(b: &[u8], d: i64, uni: bool, strings: bool) -> Node {
    let d1 = d - 1;
    if strings {
        let limit = if d1 >= 0 { d1.saturating_mul(4).min(b.len() as i64) } else { b.len() as i64 };
        if let Some(node) = printable_binary(b, limit, d1, uni) {
            return node;
        }
    }
    let parts = binary_parts(b, d);
    let len = 4 + parts.iter().map(|p| p.len() as i64).sum::<i64>() + (parts.len() as i64 - 1).max(0);
    Node { kind: Kind::Bin(parts), len }
}

fn bytes_cps(b: &[u8]) -> Vec<i64> {
    b.iter().map(|&x| i64::from(x)).collect()
}

fn printable_binary(b: &[u8], limit: i64, d: i64, uni: bool) -> Option<Node> {
    if limit == 0 {
        return None;
    }
    if uni && let Some(node) = printable_utf8(b, limit, d) {
        return node;
    }
    // How many of the first `limit` bytes are printable: all of the binary, or up to the
    // first that is not (with `n` of the limit left), or the limit reached (`n` = 0).
    let mut n = limit;
    let mut all = true;
    for &byte in b {
        if n == 0 {
            all = false;
            break;
        }
        if !printable(i64::from(byte)) {
            all = false;
            break;
        }
        n -= 1;
    }
    if all {
        let s = quoted(&bytes_cps(b), false);
        return Some(Node::leaf(format!("<<{s}>>")));
    }
    if d > 0 && limit - n >= d {
        let prefix = b.get(..usize::try_from(limit - n).unwrap_or(0)).unwrap_or_default();
        let s = quoted(&bytes_cps(prefix), false);
        return Some(Node::leaf(format!("<<{s}...>>")));
    }
    None
}

/// `~tp` of a binary: `None` when its first `limit` characters are not UTF-8 (OTP 25 then
/// reads it as Latin-1), `Some(None)` when it is not printable.
fn printable_utf8(b: &[u8], limit: i64, d: i64) -> Option<Option<Node>> {
    let mut rest = b;
    let mut n = limit;
    while n > 0 && !rest.is_empty() {
        rest = rest.get(utf8_len(rest)?..)?;
        n -= 1;
    }
    let mut i = limit;
    let mut consumed = 0usize;
    let mut cps = Vec::new();
    let mut rest = b;
    while i > 0 {
        let Some(c) = utf8_len(rest).and_then(|len| std::str::from_utf8(rest.get(..len)?).ok()?.chars().next()) else { break };
        if !printable(i64::from(u32::from(c))) {
            break;
        }
        cps.push(i64::from(u32::from(c)));
        consumed += c.len_utf8();
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
        i -= 1;
    }
    let ascii = consumed == cps.len();
    if rest.is_empty() {
        return Some(Some(if ascii {
            Node::leaf(format!("<<{}>>", quoted(&cps, false)))
        } else {
            Node::leaf(format!("<<{}/utf8>>", quoted(&cps, true)))
        }));
    }
    if d > 0 && limit - i >= d {
        let s = quoted(&cps, true);
        return Some(Some(if ascii { Node::leaf(format!("<<{s}...>>")) } else { Node::leaf(format!("<<{s}/utf8...>>")) }));
    }
    Some(None)
}

/// The length of the UTF-8 sequence at the start of `b`, if it is a valid one.
fn utf8_len(b: &[u8]) -> Option<usize> {
    let n = match b.first()? {
        0..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    std::str::from_utf8(b.get(..n)?).ok().map(|_| n)
}

/// `io_lib_pretty:print/2`: `t` laid out from column `col` in lines of `ll` characters.
fn print(t: &Term, depth: i64, col: i64, ll: i64, uni: bool, strings: bool) -> String {
    if depth == 0 {
        return "...".into();
    }
    let depth = depth.max(-1);
    let col = col.max(1);
    match t {
        Term::Atom(a) => atom_text(*a, uni),
        Term::Tuple(_) | Term::Nil | Term::Cons(_) | Term::Map(_) | Term::Bin(_) => {
            let node = measure(t, depth, uni, strings);
            let mut out = String::new();
            if ll == 0 || node.len < ll - col {
                flat(&node, &mut out);
                return out;
            }
            let mut pp = Pp { ll, m: node.len, tind: 1 };
            pp.tind = [-1, 4].into_iter().find(|&i| Pp { tind: i, ..pp }.cind(&node, col, i, 0, 0).is_ok()).unwrap_or(1);
            pp.pp(&node, col, col - 1, 0, 0, &mut out);
            out
        }
        other => write(other, -1, uni),
    }
}

/// Writes a measured term on one line.
fn flat(n: &Node, out: &mut String) {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match &n.kind {
        Kind::Leaf(s) => out.push_str(s),
        Kind::Bin(parts) => {
            out.push_str("<<");
            out.push_str(&parts.join(","));
            out.push_str(">>");
        }
        Kind::List(seq) => {
            out.push('[');
            flat_seq(seq, '|', out);
            out.push(']');
        }
        Kind::Tuple(_, seq) => {
            out.push('{');
            flat_seq(seq, ',', out);
            out.push('}');
        }
        Kind::Map(seq) => {
            out.push_str("#{");
            flat_seq(seq, ',', out);
            out.push('}');
        }
        Kind::Pair(k, v) => {
            flat(k, out);
            out.push_str(" => ");
            flat(v, out);
        }
    })
}

fn flat_seq(seq: &Seq, sep: char, out: &mut String) {
    for (i, n) in seq.items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        flat(n, out);
    }
    match &seq.tail {
        Tail::End => {}
        Tail::Dots if seq.items.is_empty() => out.push_str("..."),
        Tail::Dots => {
            out.push(sep);
            out.push_str("...");
        }
        Tail::Node(n) => {
            out.push(sep);
            flat(n, out);
        }
    }
}

fn spaces(out: &mut String, n: i64) {
    for _ in 0..n.max(0) {
        out.push(' ');
    }
}

/// 0 when more elements follow, else one more closing bracket to leave room for.
fn last_depth(rest: &[Node], ld: i64) -> i64 {
    if rest.is_empty() { ld + 1 } else { 0 }
}

/// The pretty printer's parameters: the line length, the length of the whole term (no
/// line may need more), and the indentation of a tagged tuple's elements (-1: after the
/// tag).
#[derive(Clone, Copy)]
struct Pp {
    ll: i64,
    m: i64,
    tind: i64,
}

/// The layout would indent past the middle of the line.
struct NoGood;

impl Pp {
    fn fits(&self, len: i64, col: i64, ld: i64, w: i64) -> bool {
        len < self.ll - col - ld && len + w + ld <= self.m
    }

    /// Whether an element of length `len` still fits on the current line after a comma.
    fn fits_tail(&self, len: i64, col: i64, ld1: i64, w: i64) -> bool {
        let elen = 1 + len;
        if ld1 == 0 { elen + 1 < self.ll - col && w + elen < self.m } else { elen < self.ll - col - ld1 && w + elen + ld1 <= self.m }
    }

    fn pp(&self, n: &Node, col: i64, ind: i64, ld: i64, w: i64, out: &mut String) {
        if self.fits(n.len, col, ld, w) {
            flat(n, out);
            return;
        }
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match &n.kind {
            Kind::List(seq) => {
                out.push('[');
                self.pp_list(&seq.items, &seq.tail, col + 1, ind + 1, ld, '|', w + 1, out);
                out.push(']');
            }
            Kind::Tuple(true, seq) => {
                out.push('{');
                self.pp_tag_tuple(seq, col, ind, ld, w + 1, out);
                out.push('}');
            }
            Kind::Tuple(false, seq) => {
                out.push('{');
                self.pp_list(&seq.items, &seq.tail, col + 1, ind + 1, ld, ',', w + 1, out);
                out.push('}');
            }
            Kind::Map(seq) => {
                out.push_str("#{");
                self.pp_map(seq, col + 2, ind + 2, ld, w + 1, out);
                out.push('}');
            }
            Kind::Bin(parts) => self.pp_binary(parts, col + 2, ind + 2, ld, w, out),
            Kind::Leaf(_) | Kind::Pair(..) => flat(n, out),
        })
    }

    fn pp_tag_tuple(&self, seq: &Seq, col: i64, ind: i64, ld: i64, w: i64, out: &mut String) {
        let Some((tag, rest)) = seq.items.split_first() else {
            out.push_str("...");
            return;
        };
        let tag_ind = tag.len + 2;
        let tcol = col + tag_ind;
        flat(tag, out);
        if self.tind > 0 && tag_ind > self.tind {
            self.pp_tail(rest, &seq.tail, col + self.tind, tcol, ind + self.tind, ld, ',', w + tag.len, out);
        } else {
            out.push(',');
            self.pp_list(rest, &seq.tail, tcol, ind + tag_ind, ld, ',', w + tag.len + 1, out);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_list(&self, items: &[Node], tail: &Tail, col0: i64, ind: i64, ld: i64, sep: char, w: i64, out: &mut String) {
        let Some((first, rest)) = items.split_first() else {
            out.push_str("...");
            return;
        };
        let we = self.pp_element(first, col0, ind, last_depth(rest, ld), w, out);
        self.pp_tail(rest, tail, col0, col0 + we, ind, ld, sep, w + we, out);
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_tail(&self, items: &[Node], tail: &Tail, col0: i64, col: i64, ind: i64, ld: i64, sep: char, w: i64, out: &mut String) {
        let (mut col, mut w) = (col, w);
        for (i, e) in items.iter().enumerate() {
            let ld1 = last_depth(items.get(i + 1..).unwrap_or_default(), ld);
            if e.atomic() && self.fits_tail(e.len, col, ld1, w) {
                out.push(',');
                flat(e, out);
                col += 1 + e.len;
                w += 1 + e.len;
            } else {
                out.push_str(",\n");
                spaces(out, ind);
                let we = self.pp_element(e, col0, ind, ld1, 0, out);
                col = col0 + we;
                w = we;
            }
        }
        match tail {
            Tail::End => {}
            Tail::Dots => {
                out.push(sep);
                out.push_str("...");
            }
            Tail::Node(e) => {
                out.push(sep);
                if e.atomic() && e.len + 1 < self.ll - col - (ld + 1) && e.len + 1 + w + (ld + 1) <= self.m {
                    flat(e, out);
                } else {
                    out.push('\n');
                    spaces(out, ind);
                    self.pp(e, col0, ind, ld + 1, 0, out);
                }
            }
        }
    }

    /// Writes one element; its width, or the line length when what follows must start a
    /// new line.
    fn pp_element(&self, e: &Node, col: i64, ind: i64, ld: i64, w: i64, out: &mut String) -> i64 {
        if e.atomic() && self.fits(e.len, col, ld, w) {
            flat(e, out);
            e.len
        } else {
            self.pp(e, col, ind, ld, w, out);
            self.ll
        }
    }

    fn pp_map(&self, seq: &Seq, col: i64, ind: i64, ld: i64, w: i64, out: &mut String) {
        let Some((first, rest)) = seq.items.split_first() else {
            if matches!(seq.tail, Tail::Dots) {
                out.push_str("...");
            }
            return;
        };
        let pw = self.pp_pair(first, col, ind, last_depth(rest, ld), w, out);
        let (mut c, mut w) = (col + pw, pw);
        for (i, p) in rest.iter().enumerate() {
            let ld1 = last_depth(rest.get(i + 1..).unwrap_or_default(), ld);
            if p.atomic_pair() && self.fits_tail(p.len, c, ld1, w) {
                out.push(',');
                flat(p, out);
                c += 1 + p.len;
                w += 1 + p.len;
            } else {
                out.push_str(",\n");
                spaces(out, ind);
                let pw = self.pp_pair(p, col, ind, ld1, 0, out);
                c = col + pw;
                w = pw;
            }
        }
        if matches!(seq.tail, Tail::Dots) {
            out.push_str(",...");
        }
    }

    fn pp_pair(&self, p: &Node, col: i64, ind: i64, ld: i64, w: i64, out: &mut String) -> i64 {
        if self.fits(p.len, col, ld, w) {
            flat(p, out);
            return if p.atomic_pair() { p.len } else { self.ll };
        }
        let Kind::Pair(k, v) = &p.kind else {
            flat(p, out);
            return self.ll;
        };
        let i = if self.tind > 0 { self.tind } else { 4 };
        self.pp(k, col, ind, ld, w, out);
        out.push_str(" =>\n");
        spaces(out, ind + i);
        self.pp(v, col + i, ind + i, ld, 0, out);
        self.ll
    }

    /// A binary's bytes, wrapped where the next one would pass the line's end.
    fn pp_binary(&self, parts: &[String], col: i64, ind: i64, ld: i64, w: i64, out: &mut String) {
        let n0 = ((self.ll - col).min(self.m - 4 - w) - ld).max(8);
        let mut n = n0;
        out.push_str("<<");
        let Some((last, init)) = parts.split_last() else {
            out.push_str(">>");
            return;
        };
        for part in init {
            let len = part.len() as i64 + 1;
            if n - len < 0 {
                out.push('\n');
                spaces(out, ind);
                n = n0 - len;
            } else {
                n -= len;
            }
            out.push_str(part);
            out.push(',');
        }
        if last.len() as i64 > n {
            out.push('\n');
            spaces(out, ind);
        }
        out.push_str(last);
        out.push_str(">>");
    }

    // The indentation check: `Err` when laying the term out with this tagged-tuple
    // indentation would start elements past the middle of the line.

    fn cind(&self, n: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        if self.fits(n.len, col, ld, w) {
            return Ok(());
        }
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match &n.kind {
            Kind::List(seq) | Kind::Tuple(false, seq) => self.cind_list(&seq.items, &seq.tail, col + 1, ind, ld, w + 1),
            Kind::Tuple(true, seq) => self.cind_tag_tuple(seq, col, ind, ld, w + 1),
            Kind::Map(seq) => self.cind_map(seq, col + 2, ind, ld, w + 2),
            _ => Ok(()),
        })
    }

    fn cind_tag_tuple(&self, seq: &Seq, col: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let Some((tag, rest)) = seq.items.split_first() else { return Ok(()) };
        let tag_ind = tag.len + 2;
        let tcol = col + tag_ind;
        if ind > 0 && tag_ind > ind {
            let col1 = col + ind;
            if self.m + col1 <= self.ll || col1 <= self.ll / 2 {
                self.cind_tail(rest, &seq.tail, col1, tcol, ind, ld, w + tag.len)
            } else {
                Err(NoGood)
            }
        } else if self.m + tcol < self.ll || tcol < self.ll / 2 {
            self.cind_list(rest, &seq.tail, tcol, ind, ld, w + tag.len + 1)
        } else {
            Err(NoGood)
        }
    }

    fn cind_map(&self, seq: &Seq, col: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let Some((first, rest)) = seq.items.split_first() else { return Ok(()) };
        let pw = self.cind_pair(first, col, ind, last_depth(rest, ld), w)?;
        let (mut c, mut w) = (col + pw, w + pw);
        for (i, p) in rest.iter().enumerate() {
            let ld1 = last_depth(rest.get(i + 1..).unwrap_or_default(), ld);
            if p.atomic_pair() && self.fits_tail(p.len, c, ld1, w) {
                c += 1 + p.len;
                w += 1 + p.len;
            } else {
                let pw = self.cind_pair(p, col, ind, ld1, 0)?;
                c = col + pw;
                w = pw;
            }
        }
        Ok(())
    }

    fn cind_pair(&self, p: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Result<i64, NoGood> {
        if self.fits(p.len, col, ld, w) {
            return Ok(if p.atomic_pair() { p.len } else { self.ll });
        }
        if let Kind::Pair(k, v) = &p.kind {
            self.cind(k, col, ind, ld, w)?;
            let i = if ind > 0 { ind } else { 4 };
            self.cind(v, col + i, ind, ld, 0)?;
        }
        Ok(self.ll)
    }

    fn cind_list(&self, items: &[Node], tail: &Tail, col0: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let Some((first, rest)) = items.split_first() else { return Ok(()) };
        let we = self.cind_element(first, col0, ind, last_depth(rest, ld), w)?;
        self.cind_tail(rest, tail, col0, col0 + we, ind, ld, w + we)
    }

    #[allow(clippy::too_many_arguments)]
    fn cind_tail(&self, items: &[Node], tail: &Tail, col0: i64, col: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let (mut col, mut w) = (col, w);
        for (i, e) in items.iter().enumerate() {
            let ld1 = last_depth(items.get(i + 1..).unwrap_or_default(), ld);
            if e.atomic() && self.fits_tail(e.len, col, ld1, w) {
                col += 1 + e.len;
                w += 1 + e.len;
            } else {
                let we = self.cind_element(e, col0, ind, ld1, 0)?;
                col = col0 + we;
                w = we;
            }
        }
        match tail {
            Tail::Node(e) if !(e.atomic() && e.len + 1 < self.ll - col - (ld + 1) && e.len + 1 + w + (ld + 1) <= self.m) => {
                self.cind(e, col, ind, ld + 1, 0)
            }
            _ => Ok(()),
        }
    }

    fn cind_element(&self, e: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Result<i64, NoGood> {
        if e.atomic() && self.fits(e.len, col, ld, w) {
            return Ok(e.len);
        }
        self.cind(e, col, ind, ld, w)?;
        Ok(self.ll)
    }
}
