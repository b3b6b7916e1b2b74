//! Pattern compilation: a pattern becomes a sequence of `Match*` ops that consume the
//! subject on top of the stack and jump to a failure label on mismatch.
//!
//! Variables are bound as the match proceeds; a variable that occurs twice in one pattern
//! is bound at its first occurrence and compared (`MatchLocal`) at the others.

use super::{CResult, CompileError, Compiler, Label};
use crate::bitstring::{Kind, SizeExpr, Spec};
use crate::bytecode::Op;
use crate::syntax::ast::{BinOp, Expr, ExprKind, UnOp};
use crate::term::{Atom, Term};

impl Compiler<'_> {
    /// `<<a, b, rest::binary>>`, `<<"prefix", rest::binary>>`, `<<n::16, c::utf8, …>>`:
    /// segments are taken off the front one at a time; an unsized final `::binary` takes the
    /// rest, otherwise the binary must end with the last segment. A plain byte and a string
    /// literal have ops of their own (`MatchByte`, `MatchPrefix`); any other type is a
    /// `MatchSegment` with its packed spec (see `bitstring.rs`).
    fn bitstring_pattern(
        &mut self,
        segments: &[(Expr, Option<String>)],
        sp: crate::syntax::ast::Span,
        fails: &mut Vec<Label>,
        bound: &mut Vec<(String, u16)>,
    ) -> CResult {
        for (i, segment) in segments.iter().enumerate() {
            let last = i + 1 == segments.len();
            let (seg, spec) = segment_parts(segment);
            let spec = self.segment_spec(seg, spec.as_deref())?;
            match (&seg.kind, &spec.kind, &spec.size) {
                (ExprKind::Str(p), Kind::Binary | Kind::Utf8, SizeExpr::Default) => {
                    let k = self.constant(Term::str(p));
                    fails.push(self.emit_jump(Op::MatchPrefix { k, fail: 0 }, seg.span));
                }
                (ExprKind::Str(_), _, _) => {
                    return Err(CompileError::new(seg.span, "unsupported binary pattern segment", "a string literal here")
                        .help("a string literal in a binary pattern matches as `::binary` or `::utf8`"));
                }
                (_, Kind::Binary, SizeExpr::Default) => {
                    if !last {
                        return Err(CompileError::new(seg.span, "a binary field without size is only allowed at the end of a binary pattern", "this segment")
                            .help("give it a size (`x::binary-size(4)`), or move it to the end"));
                    }
                    self.pattern_with(seg, fails, bound)?;
                    return Ok(());
                }
                _ if spec == Spec::BYTE || spec == Spec { size: SizeExpr::Lit(8), ..Spec::BYTE } => {
                    fails.push(self.emit_jump(Op::MatchByte { fail: 0 }, seg.span));
                    self.pattern_with(seg, fails, bound)?;
                }
                _ => {
                    if let SizeExpr::Var(name) = &spec.size {
                        // The size may be bound earlier in this same pattern or outside it.
                        let slot = bound.iter().find(|(n, _)| n == name).map(|(_, s)| *s).or_else(|| self.lookup(name));
                        let slot = slot.ok_or_else(|| {
                            CompileError::new(seg.span, format!("undefined variable \"{name}\" in binary size"), "used as a size here")
                                .help(format!("bind `{name}` before this segment, in the pattern or outside it"))
                        })?;
                        self.emit(Op::Load(slot), seg.span);
                    }
                    let k = self.constant(Term::Int(spec.pack()));
                    fails.push(self.emit_jump(Op::MatchSegment { k, dynamic: matches!(spec.size, SizeExpr::Var(_)), fail: 0 }, seg.span));
                    self.pattern_with(seg, fails, bound)?;
                }
            }
        }
        let k = self.constant(Term::str(""));
        fails.push(self.emit_jump(Op::MatchConst { k, fail: 0 }, sp));
        Ok(())
    }

    /// Whether a construction segment is a whole binary (`x::binary`, `x::bytes`, no size).
    pub(super) fn is_unsized_binary(&self, segment: &(Expr, Option<String>)) -> bool {
        let (seg, text) = segment_parts(segment);
        text.is_some() && matches!(self.segment_spec(seg, text.as_deref()), Ok(Spec { kind: Kind::Binary, size: SizeExpr::Default, unit: None, .. }))
    }

    /// A segment's `::` type, parsed; a string literal without one is a binary, anything
    /// else an integer byte.
    pub(super) fn segment_spec(&self, seg: &Expr, text: Option<&str>) -> CResult<Spec> {
        match text {
            None if matches!(seg.kind, ExprKind::Str(_)) => Ok(Spec::BINARY),
            None => Ok(Spec::BYTE),
            Some(t) => Spec::parse(t).map_err(|m| {
                CompileError::new(seg.span, format!("invalid binary segment type: {m}"), "this segment").help(
                    "types: integer, float, binary (bytes), utf8, utf16, utf32; modifiers: signed, unsigned, big, little, size(n), unit(n)",
                )
            }),
        }
    }

    /// Compiles `pat` against the value on top of the stack, returning the variables it
    /// binds (name, slot) for the caller to put in scope.
    pub(super) fn pattern(&mut self, pat: &Expr, fails: &mut Vec<Label>) -> CResult<Vec<(String, u16)>> {
        let mut bound = Vec::new();
        self.pattern_with(pat, fails, &mut bound)?;
        Ok(bound)
    }

    /// A list or tuple element's pattern. `_` there is stored into a scratch local rather
    /// than popped, so that the element ops stay a run of stores the peephole can fuse
    /// (`[_ | t]`, `{_, v}`).
    fn element_pattern(&mut self, pat: &Expr, fails: &mut Vec<Label>, bound: &mut Vec<(String, u16)>) -> CResult {
        match &pat.kind {
            ExprKind::Var(name) if name == "_" => {
                let slot = self.new_slot(pat.span)?;
                self.emit(Op::Store(slot), pat.span);
                Ok(())
            }
            _ => self.pattern_with(pat, fails, bound),
        }
    }

    /// As `pattern`, sharing `bound` with sibling patterns (function arguments).
    pub(super) fn pattern_with(&mut self, pat: &Expr, fails: &mut Vec<Label>, bound: &mut Vec<(String, u16)>) -> CResult {
        let sp = pat.span;
        match &pat.kind {
            ExprKind::Var(name) => {
                if name == "_" {
                    self.emit(Op::Pop, sp);
                } else if let Some((_, slot)) = bound.iter().find(|(n, _)| n == name) {
                    let slot = *slot;
                    fails.push(self.emit_jump(Op::MatchLocal { slot, fail: 0 }, sp));
                } else {
                    let slot = self.new_slot(sp)?;
                    self.emit(Op::Store(slot), sp);
                    if !name.starts_with('_') {
                        bound.push((name.clone(), slot));
                    }
                }
            }
            ExprKind::Pin(inner) => {
                let ExprKind::Var(name) = &inner.kind else {
                    return Err(CompileError::new(sp, "invalid pin", "`^` must be followed by a variable"));
                };
                let slot = self.lookup(name).ok_or_else(|| {
                    CompileError::new(sp, format!("undefined variable ^{name}"), "pinned here")
                        .help(format!("`^{name}` needs `{name}` to be bound before the pattern"))
                })?;
                fails.push(self.emit_jump(Op::MatchLocal { slot, fail: 0 }, sp));
            }
            ExprKind::Match(a, b) => {
                // `{:ok, _} = x` inside a pattern: both sides match the same value.
                self.emit(Op::Dup, sp);
                self.pattern_with(a, fails, bound)?;
                self.pattern_with(b, fails, bound)?;
            }
            ExprKind::Tuple(items) => {
                fails.push(self.emit_jump(Op::MatchTuple { arity: items.len() as u32, fail: 0 }, sp));
                for it in items {
                    self.element_pattern(it, fails, bound)?;
                }
            }
            ExprKind::List(items, tail) => {
                // An element that is itself a pattern (`[{k, v} | rest]`) is stored first and
                // matched after the tail, from its local: each step is then a plain
                // `MatchCons, Store, Store` and `Load, MatchTuple, Store...`, which the
                // peephole fuses into in-place local matches.
                let mut nested = Vec::new();
                for it in items {
                    fails.push(self.emit_jump(Op::MatchCons { fail: 0 }, sp));
                    if matches!(it.kind, ExprKind::Var(_)) {
                        self.element_pattern(it, fails, bound)?;
                    } else {
                        let slot = self.new_slot(it.span)?;
                        self.emit(Op::Store(slot), it.span);
                        nested.push((slot, it));
                    }
                }
                match tail {
                    Some(t) => self.pattern_with(t, fails, bound)?,
                    None => fails.push(self.emit_jump(Op::MatchNil { fail: 0 }, sp)),
                }
                for (slot, it) in nested {
                    self.emit(Op::Load(slot), it.span);
                    self.pattern_with(it, fails, bound)?;
                }
            }
            ExprKind::Map(pairs) | ExprKind::Struct(_, None, pairs) => {
                fails.push(self.emit_jump(Op::MatchMap { fail: 0 }, sp));
                if let ExprKind::Struct(name, _, _) = &pat.kind {
                    let m = if name == "__MODULE__" { self.module.name.unwrap_or(Atom::NIL) } else { self.resolve_alias(name) };
                    let k = self.constant(Term::Atom(Atom::STRUCT));
                    fails.push(self.emit_jump(Op::MatchMapKey { k, fail: 0 }, sp));
                    let v = self.constant(Term::Atom(m));
                    fails.push(self.emit_jump(Op::MatchConst { k: v, fail: 0 }, sp));
                }
                for (key, value) in pairs {
                    match self.const_value(key) {
                        Some(kt) => {
                            let k = self.constant(kt);
                            fails.push(self.emit_jump(Op::MatchMapKey { k, fail: 0 }, key.span));
                        }
                        None => {
                            // A pinned key: `%{^k => v}`.
                            let ExprKind::Pin(inner) = &key.kind else {
                                return Err(CompileError::new(key.span, "invalid map key in pattern", "keys in patterns must be literals or pinned")
                                    .help("use a literal key, or `^var` to match a bound value"));
                            };
                            self.expr(inner, false)?;
                            fails.push(self.emit_jump(Op::MatchMapKeyDyn { fail: 0 }, key.span));
                        }
                    }
                    self.pattern_with(value, fails, bound)?;
                }
                self.emit(Op::Pop, sp);
            }
            ExprKind::Bitstring(segments) => self.bitstring_pattern(segments, sp, fails, bound)?,
            ExprKind::BinOp(BinOp::Range, first, last) => {
                // `first..last` matches a `%Range{}` with those bounds.
                let key = |k: &str| Expr::new(ExprKind::Atom(k.into()), sp);
                let as_struct = Expr::new(
                    ExprKind::Struct("Range".into(), None, vec![(key("first"), (**first).clone()), (key("last"), (**last).clone())]),
                    sp,
                );
                self.pattern_with(&as_struct, fails, bound)?;
            }
            ExprKind::BinOp(BinOp::Concat, prefix, rest) => {
                let p = match &prefix.kind {
                    ExprKind::Str(s) => s.clone(),
                    _ => {
                        return Err(CompileError::new(prefix.span, "invalid `<>` pattern", "the left side must be a string literal")
                            .help("write `\"prefix\" <> rest`"));
                    }
                };
                let k = self.constant(Term::str(&p));
                fails.push(self.emit_jump(Op::MatchPrefix { k, fail: 0 }, sp));
                self.pattern_with(rest, fails, bound)?;
            }
            ExprKind::UnOp(UnOp::Neg, _)
            | ExprKind::Int(_)
            | ExprKind::BigInt(_)
            | ExprKind::Float(_)
            | ExprKind::Atom(_)
            | ExprKind::Str(_)
            | ExprKind::Alias(_)
            | ExprKind::Charlist(_) => {
                let t = match &pat.kind {
                    ExprKind::Charlist(s) => Term::list(s.chars().map(|c| Term::Int(c as i64)).collect()),
                    _ => self.const_value(pat).ok_or_else(|| CompileError::new(sp, "invalid pattern", "not a literal"))?,
                };
                let k = self.constant(t);
                fails.push(self.emit_jump(Op::MatchConst { k, fail: 0 }, sp));
            }
            ExprKind::ModuleAttr(_) | ExprKind::AttrRead(_) => {
                // `__MODULE__` and `@attr` in a pattern match their (constant) value.
                self.expr(pat, false)?;
                let slot = self.new_slot(sp)?;
                self.emit(Op::Store(slot), sp);
                fails.push(self.emit_jump(Op::MatchLocal { slot, fail: 0 }, sp));
            }
            ExprKind::BinOp(BinOp::When, ..) => {
                return Err(CompileError::new(sp, "unexpected `when` in a pattern", "guard here")
                    .help("guards go after the whole pattern: `{a, b} when a > b ->`"));
            }
            _ => {
                return Err(CompileError::new(sp, "invalid pattern", "this cannot be matched against")
                    .help("patterns are made of literals, variables, `^pinned` variables, tuples, lists, maps and `\"prefix\" <> rest`"));
            }
        }
        Ok(())
    }
}

/// A bitstring segment's value and its `::` type text. The parser may leave `x::binary` as
/// a type operator inside the value rather than as the segment's spec.
pub(super) fn segment_parts((seg, text): &(Expr, Option<String>)) -> (&Expr, Option<String>) {
    match &seg.kind {
        ExprKind::BinOp(BinOp::Type, v, t) => (&**v, Some(crate::syntax::sexp(t))),
        _ => (seg, text.clone()),
    }
}
