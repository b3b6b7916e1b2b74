//! AST constructors used by the grammar's actions, kept out of the `.lalrpop` file so they are
//! ordinary, checked, testable Rust.

use lalrpop_util::ParseError;

use super::ast::{BinOp, Body, Clause, DoBlock, Expr, ExprKind, Segment, Span, UnOp};
use super::lexer::Tok;
use super::SyntaxError;

pub type PErr = ParseError<usize, Tok, SyntaxError>;

/// One entry of a section body before grouping: a plain expression or `heads -> body`.
#[derive(Debug)]
pub enum StabItem {
    Expr(Expr),
    Clause(Vec<Expr>, Option<Expr>, Span),
}

pub fn sp(lo: usize, hi: usize) -> Span {
    Span::new(lo, hi)
}

pub fn mk(kind: ExprKind, lo: usize, hi: usize) -> Expr {
    Expr::new(kind, sp(lo, hi))
}

pub fn block(items: Vec<Expr>, lo: usize, hi: usize) -> Expr {
    mk(ExprKind::Block(items), lo, hi)
}

/// `(a)` is just `a`; `(a; b)` is a block.
pub fn paren(mut items: Vec<Expr>, lo: usize, hi: usize) -> Expr {
    if items.len() == 1 {
        if let Some(e) = items.pop() {
            return e;
        }
    }
    block(items, lo, hi)
}

/// A parenthesised group: `(a)`, a block `(a; b)`, or clauses `(x -> a; y -> b)`.
pub fn paren_items(items: Vec<StabItem>, lo: usize, hi: usize) -> Result<Expr, PErr> {
    if items.iter().any(|i| matches!(i, StabItem::Clause(..))) {
        return Ok(mk(ExprKind::Stab(clauses(items)?), lo, hi));
    }
    let exprs = items
        .into_iter()
        .filter_map(|i| match i {
            StabItem::Expr(e) => Some(e),
            StabItem::Clause(..) => None,
        })
        .collect();
    Ok(paren(exprs, lo, hi))
}

/// `a &&& b`, `a ||| b`, `a <<< b`, `a >>> b`: calls to the `Bitwise` function of that name,
/// which is what the operators are in Elixir (after `import Bitwise`).
pub fn bitwise(name: &str, l: Expr, r: Expr) -> Expr {
    let span = sp(l.span.start as usize, r.span.end as usize);
    bitwise_call(name, vec![l, r], span)
}

/// `~~~x`: `Bitwise.bnot(x)`.
pub fn bitwise_not(e: Expr, lo: usize) -> Expr {
    let span = sp(lo, e.span.end as usize);
    bitwise_call("bnot", vec![e], span)
}

fn bitwise_call(name: &str, args: Vec<Expr>, span: Span) -> Expr {
    let target = Expr::new(ExprKind::Alias("Bitwise".into()), span);
    Expr::new(ExprKind::Remote { target: Box::new(target), name: name.into(), args, do_block: None }, span)
}

pub fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
    let span = l.span.to(r.span);
    Expr::new(ExprKind::BinOp(op, Box::new(l), Box::new(r)), span)
}

pub fn matchop(l: Expr, r: Expr) -> Expr {
    let span = l.span.to(r.span);
    Expr::new(ExprKind::Match(Box::new(l), Box::new(r)), span)
}

/// Unary operators; `-` on a number literal folds into a negative literal, as Elixir does.
pub fn unary(op: Tok, e: Expr, lo: usize) -> Expr {
    let span = sp(lo, e.span.end as usize);
    let kind = match op {
        Tok::Minus => match e.kind {
            ExprKind::Int(n) if n != i64::MIN => ExprKind::Int(-n),
            ExprKind::Float(f) => ExprKind::Float(-f),
            ExprKind::BigInt(b) => {
                let neg = -b;
                match i64::try_from(&neg) {
                    Ok(n) => ExprKind::Int(n),
                    Err(_) => ExprKind::BigInt(neg),
                }
            }
            kind => ExprKind::UnOp(UnOp::Neg, Box::new(Expr::new(kind, e.span))),
        },
        Tok::Plus => ExprKind::UnOp(UnOp::Plus, Box::new(e)),
        Tok::Bang => ExprKind::UnOp(UnOp::Bang, Box::new(e)),
        Tok::Caret => ExprKind::Pin(Box::new(e)),
        _ => ExprKind::UnOp(UnOp::Not, Box::new(e)),
    };
    Expr::new(kind, span)
}

/// `&name/arity` and `&Mod.name/arity` become `CaptureNamed`; anything else is a `Capture`
/// whose body holds `&1`-style arguments.
pub fn capture(e: Expr, lo: usize, hi: usize) -> Expr {
    let span = sp(lo, hi);
    if let ExprKind::BinOp(BinOp::Div, target, arity) = &e.kind {
        if let ExprKind::Int(n) = arity.kind {
            if let Ok(arity) = u32::try_from(n) {
                match &target.kind {
                    ExprKind::Var(name) => {
                        return Expr::new(ExprKind::CaptureNamed { module: None, name: name.clone(), arity }, span);
                    }
                    ExprKind::Call { name, args, do_block: None } if args.is_empty() => {
                        return Expr::new(ExprKind::CaptureNamed { module: None, name: name.clone(), arity }, span);
                    }
                    ExprKind::Remote { target: m, name, args, do_block: None } if args.is_empty() => {
                        return Expr::new(
                            ExprKind::CaptureNamed { module: Some(m.clone()), name: name.clone(), arity },
                            span,
                        );
                    }
                    ExprKind::Field(m, name) => {
                        return Expr::new(
                            ExprKind::CaptureNamed { module: Some(m.clone()), name: name.clone(), arity },
                            span,
                        );
                    }
                    _ => {}
                }
            }
        }
    }
    Expr::new(ExprKind::Capture(Box::new(e)), span)
}

/// `Mod.name` is a zero-argument remote call; `expr.name` on anything else is a field read.
pub fn field_or_remote(t: Expr, name: String, hi: usize) -> Expr {
    let span = sp(t.span.start as usize, hi);
    match t.kind {
        ExprKind::Alias(_) | ExprKind::Atom(_) | ExprKind::ModuleAttr(_) => {
            Expr::new(ExprKind::Remote { target: Box::new(t), name, args: vec![], do_block: None }, span)
        }
        _ => Expr::new(ExprKind::Field(Box::new(t), name), span),
    }
}

pub fn remote(t: Expr, name: String, mut args: Vec<Expr>, mut do_block: Option<DoBlock>, hi: usize) -> Expr {
    let span = sp(t.span.start as usize, hi);
    if do_block.is_none() {
        do_block = keyword_stab_block(&mut args);
    }
    Expr::new(ExprKind::Remote { target: Box::new(t), name, args, do_block }, span)
}

pub fn call(name: String, mut args: Vec<Expr>, mut do_block: Option<DoBlock>, lo: usize, hi: usize) -> Expr {
    if do_block.is_none() {
        do_block = keyword_stab_block(&mut args);
    }
    mk(ExprKind::Call { name, args, do_block }, lo, hi)
}

/// The keywords that name do-block sections.
const SECTION_KEYWORDS: [&str; 5] = ["do", "else", "after", "rescue", "catch"];

/// `case x, do: (0 -> :zero; _ -> :other)` is `case x do 0 -> :zero; _ -> :other end`: when
/// the trailing keyword list ends with section keywords (`do:` first, then `else:`, `after:`…)
/// and one of them is parenthesised clauses, those keywords become the call's do-block, so
/// every construct that takes clauses from a do-block takes them from keywords as well.
/// Keywords before `do:` stay arguments (`for x <- xs, reduce: 0, do: (acc -> acc + x)`).
fn keyword_stab_block(args: &mut Vec<Expr>) -> Option<DoBlock> {
    fn key_of(pair: &Expr) -> Option<(&str, &Expr)> {
        let ExprKind::Tuple(kv) = &pair.kind else { return None };
        match kv.as_slice() {
            [Expr { kind: ExprKind::Atom(key), .. }, value] => Some((key.as_str(), value)),
            _ => None,
        }
    }
    let ExprKind::List(pairs, None) = &args.last()?.kind else { return None };
    if !pairs.iter().all(|p| key_of(p).is_some()) {
        return None;
    }
    let first = pairs.iter().position(|p| key_of(p).map(|(k, _)| k) == Some("do"))?;
    let tail = &pairs[first..];
    if !tail.iter().all(|p| key_of(p).is_some_and(|(k, _)| SECTION_KEYWORDS.contains(&k))) {
        return None;
    }
    if !tail.iter().any(|p| key_of(p).is_some_and(|(_, v)| matches!(v.kind, ExprKind::Stab(_)))) {
        return None;
    }
    let mut list = args.pop()?;
    let span = list.span;
    let ExprKind::List(items, _) = &mut list.kind else { return None };
    let moved: Vec<Expr> = items.drain(first..).collect();
    if !items.is_empty() {
        args.push(list);
    }
    let mut sections = Vec::with_capacity(moved.len());
    for pair in moved {
        let ExprKind::Tuple(mut kv) = pair.kind else { continue };
        let (Some(value), Some(Expr { kind: ExprKind::Atom(key), .. })) = (kv.pop(), kv.pop()) else { continue };
        let body = match value.kind {
            ExprKind::Stab(clauses) => Body::Clauses(clauses),
            kind => Body::Exprs(Expr::new(kind, value.span)),
        };
        sections.push((key, body));
    }
    Some(DoBlock { sections, span })
}

pub fn dot_call(t: Expr, args: Vec<Expr>, hi: usize) -> Expr {
    let span = sp(t.span.start as usize, hi);
    Expr::new(ExprKind::DotCall(Box::new(t), args), span)
}

pub fn access(t: Expr, k: Expr, hi: usize) -> Expr {
    let span = sp(t.span.start as usize, hi);
    Expr::new(ExprKind::Access(Box::new(t), Box::new(k)), span)
}

pub fn attr_def(name: String, value: Expr, lo: usize, hi: usize) -> Expr {
    mk(ExprKind::AttrDef(name, Box::new(value)), lo, hi)
}

/// `key: value` → `{:key, value}`.
pub fn kw_pair(key: String, value: Expr, lo: usize, hi: usize) -> Expr {
    let key_end = lo + key.len() + 1;
    let k = mk(ExprKind::Atom(key), lo, key_end.min(hi));
    mk(ExprKind::Tuple(vec![k, value]), lo, hi)
}

pub fn list(items: Vec<Expr>, tail: Option<Expr>, lo: usize, hi: usize) -> Expr {
    mk(ExprKind::List(items, tail.map(Box::new)), lo, hi)
}

/// Keyword pairs (as built by [`kw_pair`]) back into map `(key, value)` pairs.
pub fn kw_to_pairs(pairs: Vec<Expr>) -> Vec<(Expr, Expr)> {
    pairs
        .into_iter()
        .filter_map(|p| match p.kind {
            ExprKind::Tuple(mut kv) if kv.len() == 2 => {
                let v = kv.pop()?;
                let k = kv.pop()?;
                Some((k, v))
            }
            _ => None,
        })
        .collect()
}

pub fn map(body: (Option<Expr>, Vec<(Expr, Expr)>), lo: usize, hi: usize) -> Expr {
    match body {
        (None, pairs) => mk(ExprKind::Map(pairs), lo, hi),
        (Some(base), pairs) => mk(ExprKind::MapUpdate(Box::new(base), pairs), lo, hi),
    }
}

pub fn struct_lit(name: String, body: (Option<Expr>, Vec<(Expr, Expr)>), lo: usize, hi: usize) -> Expr {
    mk(ExprKind::Struct(name, body.0.map(Box::new), body.1), lo, hi)
}

/// `%mod{k: v}`, a struct whose module is a variable (meaningful in patterns): the map
/// `%{__struct__: mod, k: v}`, which matches any struct and binds its module.
pub fn struct_var(var: String, body: (Option<Expr>, Vec<(Expr, Expr)>), lo: usize, hi: usize) -> Expr {
    let key = mk(ExprKind::Atom("__struct__".into()), lo, hi);
    let mut pairs = vec![(key, mk(ExprKind::Var(var), lo, hi))];
    pairs.extend(body.1);
    map((body.0, pairs), lo, hi)
}

/// `<<a, b::binary, c::size(8)>>`: the type spec is kept as its source text.
pub fn bitstring(src: &str, items: Vec<Expr>, lo: usize, hi: usize) -> Expr {
    let segs = items
        .into_iter()
        .map(|e| match e.kind {
            ExprKind::BinOp(BinOp::Type, value, spec) => segment(src, *value, &spec),
            // A generator's last segment, `c::utf8 <- s`: the spec is the segment's, the
            // arrow stays around its value.
            ExprKind::BinOp(BinOp::Arrow, pat, source) => {
                let pat_span = pat.span;
                match pat.kind {
                    ExprKind::BinOp(BinOp::Type, value, spec) => {
                        segment(src, Expr::new(ExprKind::BinOp(BinOp::Arrow, value, source), e.span), &spec)
                    }
                    kind => plain_segment(Expr::new(ExprKind::BinOp(BinOp::Arrow, Box::new(Expr::new(kind, pat_span)), source), e.span)),
                }
            }
            kind => plain_segment(Expr::new(kind, e.span)),
        })
        .collect();
    mk(ExprKind::Bitstring(segs), lo, hi)
}

fn plain_segment(value: Expr) -> Segment {
    Segment { value, spec: None, size: None }
}

/// A segment with its `::` spec kept as source text. A `size(…)` holding an expression
/// (`size(n * 8)`, `binary-size(len - 2)`) keeps that expression, and the text shows
/// `size(@)` in its place, so that the text still splits at its `-` separators.
fn segment(src: &str, value: Expr, spec: &Expr) -> Segment {
    let (lo, hi) = (spec.span.start as usize, spec.span.end as usize);
    let mut text = src.get(lo..hi).unwrap_or("").to_string();
    let size = size_expression(spec);
    if let Some((call, _)) = &size {
        let (a, b) = (call.start as usize, call.end as usize);
        if let (Some(before), Some(after)) = (src.get(lo..a), src.get(b..hi)) {
            text = format!("{before}size(@){after}");
        }
    }
    Segment { value, spec: Some(text), size: size.map(|(_, e)| e) }
}

/// The `size(…)` call inside a segment spec and its argument, when that is an expression
/// rather than a number or a variable.
fn size_expression(spec: &Expr) -> Option<(Span, Expr)> {
    match &spec.kind {
        ExprKind::Call { name, args, .. } if name == "size" => match args.as_slice() {
            [arg] if !matches!(arg.kind, ExprKind::Int(_) | ExprKind::Var(_)) => Some((spec.span, arg.clone())),
            _ => None,
        },
        ExprKind::BinOp(BinOp::Sub, l, r) => size_expression(l).or_else(|| size_expression(r)),
        _ => None,
    }
}

fn user_err(span: Span, message: &str, label: &str, help: &str) -> PErr {
    ParseError::User {
        error: SyntaxError::new(span.start as usize, span.end as usize, message, label, help),
    }
}

/// Groups section items into a [`Body`]: plain expressions, or clauses whose bodies absorb
/// the plain expressions that follow them.
fn body(items: Option<Vec<StabItem>>, lo: usize, hi: usize) -> Result<Body, PErr> {
    let items = items.unwrap_or_default();
    if !items.iter().any(|i| matches!(i, StabItem::Clause(..))) {
        let exprs: Vec<Expr> = items
            .into_iter()
            .filter_map(|i| match i {
                StabItem::Expr(e) => Some(e),
                StabItem::Clause(..) => None,
            })
            .collect();
        let span = match (exprs.first(), exprs.last()) {
            (Some(a), Some(b)) => a.span.to(b.span),
            _ => sp(lo, hi),
        };
        return Ok(Body::Exprs(Expr::new(ExprKind::Block(exprs), span)));
    }
    Ok(Body::Clauses(clauses(items)?))
}

fn clauses(items: Vec<StabItem>) -> Result<Vec<Clause>, PErr> {
    let mut out: Vec<(Vec<Expr>, Option<Expr>, Vec<Expr>, Span)> = Vec::new();
    for item in items {
        match item {
            StabItem::Clause(heads, body, span) => {
                out.push((heads, None, body.into_iter().collect(), span));
            }
            StabItem::Expr(e) => match out.last_mut() {
                Some(last) => {
                    last.3 = last.3.to(e.span);
                    last.2.push(e);
                }
                None => {
                    return Err(user_err(
                        e.span,
                        "expression outside of any clause",
                        "this expression is not part of a `->` clause",
                        "in a block of `pattern -> body` clauses, every expression must follow a `->`",
                    ));
                }
            },
        }
    }
    Ok(out
        .into_iter()
        .map(|(mut args, _, body, span)| {
            let mut guard = None;
            if let Some(last) = args.pop() {
                match last.kind {
                    ExprKind::BinOp(BinOp::When, a, g) => {
                        args.push(*a);
                        guard = Some(*g);
                    }
                    kind => args.push(Expr::new(kind, last.span)),
                }
            }
            let bspan = match (body.first(), body.last()) {
                (Some(a), Some(b)) => a.span.to(b.span),
                _ => Span::new(span.end as usize, span.end as usize),
            };
            Clause { args, guard, body: Expr::new(ExprKind::Block(body), bspan), span }
        })
        .collect())
}

pub fn do_block(
    first: Option<Vec<StabItem>>,
    sections: Vec<(String, Option<Vec<StabItem>>, usize)>,
    lo: usize,
    hi: usize,
) -> Result<DoBlock, PErr> {
    let mut out = Vec::with_capacity(sections.len() + 1);
    let first_end = sections.first().map_or(hi, |s| s.2);
    out.push(("do".to_string(), body(first, lo, first_end)?));
    let n = sections.len();
    let starts: Vec<usize> = sections.iter().map(|s| s.2).collect();
    for (i, (name, items, start)) in sections.into_iter().enumerate() {
        let end = if i + 1 < n { starts.get(i + 1).copied().unwrap_or(hi) } else { hi };
        out.push((name, body(items, start, end)?));
    }
    Ok(DoBlock { sections: out, span: sp(lo, hi) })
}

pub fn fn_expr(items: Vec<StabItem>, lo: usize, hi: usize) -> Result<Expr, PErr> {
    if let Some(StabItem::Expr(e)) = items.first() {
        return Err(user_err(
            e.span,
            "`fn` without `->`",
            "expected `args ->` here",
            "an anonymous function looks like `fn x -> x * 2 end` (or `fn -> ... end`)",
        ));
    }
    Ok(mk(ExprKind::Fn(clauses(items)?), lo, hi))
}
