//! Pattern compilation: a pattern becomes a sequence of `Match*` ops that consume the
//! subject on top of the stack and jump to a failure label on mismatch.
//!
//! Variables are bound as the match proceeds; a variable that occurs twice in one pattern
//! is bound at its first occurrence and compared (`MatchLocal`) at the others.

use super::{CResult, CompileError, Compiler, Label};
use crate::bitstring::{Kind, SizeExpr, Spec};
use crate::bytecode::Op;
use crate::syntax::ast::{BinOp, Expr, ExprKind, Segment, UnOp};
use crate::term::{Atom, Term};

impl Compiler<'_> {
    /// `<<a, b, rest::binary>>`, `<<"prefix", rest::binary>>`, `<<n::16, c::utf8, …>>`:
    /// segments are taken off the front one at a time; an unsized final `::binary` takes the
    /// rest, otherwise the binary must end with the last segment. A plain byte and a string
    /// literal have ops of their own (`MatchByte`, `MatchPrefix`); any other type is a
    /// `MatchSegment` with its packed spec (see `bitstring.rs`).
    fn bitstring_pattern(
        &mut self,
        segments: &[Segment],
        sp: crate::syntax::ast::Span,
        fails: &mut Vec<Label>,
        bound: &mut Vec<(String, u16)>,
    ) -> CResult {
        let mut skip = 0;
        for (i, segment) in segments.iter().enumerate() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if let Some(fields) = sub_byte_group(segments.get(i..).unwrap_or(&[])) {
                skip = fields.len() - 1;
                self.sub_byte_pattern(segments.get(i..i + fields.len()).unwrap_or(&[]), &fields, fails, bound)?;
                continue;
            }
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
                    match &spec.size {
                        SizeExpr::Var(name) => {
                            // The size may be bound earlier in this same pattern or outside it.
                            let slot = bound.iter().find(|(n, _)| n == name).map(|(_, s)| *s).or_else(|| self.lookup(name));
                            let slot = slot.ok_or_else(|| {
                                CompileError::new(seg.span, format!("undefined variable \"{name}\" in binary size"), "used as a size here")
                                    .help(format!("bind `{name}` before this segment, in the pattern or outside it"))
                            })?;
                            self.emit(Op::Load(slot), seg.span);
                        }
                        SizeExpr::Expr => self.size_in_pattern(segment, bound)?,
                        _ => {}
                    }
                    let k = self.constant(Term::Int(spec.pack()));
                    fails.push(self.emit_jump(Op::MatchSegment { k, dynamic: spec.size.dynamic(), fail: 0 }, seg.span));
                    self.pattern_with(seg, fails, bound)?;
                }
            }
        }
        let k = self.constant(Term::str(""));
        fails.push(self.emit_jump(Op::MatchConst { k, fail: 0 }, sp));
        Ok(())
    }

    /// Matches a group of sub-byte fields: one unsigned integer of the group's width, then
    /// each field cut out of it with shifts and a mask and matched against its pattern.
    fn sub_byte_pattern(&mut self, group: &[Segment], fields: &[(u32, bool)], fails: &mut Vec<Label>, bound: &mut Vec<(String, u16)>) -> CResult {
        let total: u32 = fields.iter().map(|(bits, _)| bits).sum();
        let sp = group.first().map_or(crate::syntax::ast::Span::new(0, 0), |s| s.value.span);
        let spec = Spec { size: SizeExpr::Lit(total), ..Spec::BYTE };
        let k = self.constant(Term::Int(spec.pack()));
        fails.push(self.emit_jump(Op::MatchSegment { k, dynamic: false, fail: 0 }, sp));
        let whole = self.new_slot(sp)?;
        self.emit(Op::Store(whole), sp);
        let mut shift = total;
        for (segment, (bits, signed)) in group.iter().zip(fields) {
            shift -= bits;
            let (pat, _) = segment_parts(segment);
            let value = bit_field(Expr::new(ExprKind::Var(SUB_BYTE_WHOLE.into()), pat.span), shift, *bits, *signed, pat.span);
            self.push_scope();
            self.bind_var(SUB_BYTE_WHOLE, whole);
            let compiled = self.expr(&value, false);
            self.pop_scope();
            compiled?;
            self.pattern_with(pat, fails, bound)?;
        }
        Ok(())
    }

    /// Pushes the value of a `size(expr)`, where the variables bound earlier in the same
    /// pattern are visible (`<<n, body::binary-size(n * 2)>>`).
    fn size_in_pattern(&mut self, segment: &Segment, bound: &[(String, u16)]) -> CResult {
        let Some(size) = &segment.size else {
            return Err(CompileError::new(segment.value.span, "invalid binary segment size", "this segment"));
        };
        self.push_scope();
        for (name, slot) in bound {
            self.bind_var(name, *slot);
        }
        let compiled = self.expr(size, false);
        self.pop_scope();
        compiled
    }

    /// Whether a construction segment is a whole binary (`x::binary`, `x::bytes`, no size).
    pub(super) fn is_unsized_binary(&self, segment: &Segment) -> bool {
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
pub(super) fn segment_parts(segment: &Segment) -> (&Expr, Option<String>) {
    match &segment.value.kind {
        ExprKind::BinOp(BinOp::Type, v, t) => (&**v, Some(crate::syntax::sexp(t))),
        _ => (&segment.value, segment.spec.clone()),
    }
}

/// Integer fields smaller than a byte (`<<version::4, ihl::4>>`, `<<flag::1, n::15>>`)
/// are read and written in groups that together fill whole bytes: vial's binaries are
/// whole bytes, and a packet header's bit fields always add up to them. For the group
/// starting at `segments[0]`, when that segment is not a whole number of bytes: each
/// field's width in bits and signedness, or `None` when there is no such group (then
/// the segment fails to match or to build, as before).
pub(super) fn sub_byte_group(segments: &[Segment]) -> Option<Vec<(u32, bool)>> {
    let mut fields = Vec::new();
    let mut total = 0u32;
    for segment in segments {
        let (value, text) = segment_parts(segment);
        let spec = match text.as_deref() {
            Some(t) => Spec::parse(t).ok()?,
            None if matches!(value.kind, ExprKind::Str(_)) => return None,
            None => Spec::BYTE,
        };
        let unit = u32::from(spec.unit.unwrap_or(1));
        let bits = match (spec.kind, &spec.size, spec.little, &value.kind) {
            (Kind::Integer, SizeExpr::Lit(n), false, kind) if !matches!(kind, ExprKind::Str(_)) => n.checked_mul(unit)?,
            (Kind::Integer, SizeExpr::Default, false, kind) if !matches!(kind, ExprKind::Str(_)) => 8,
            _ => return None,
        };
        // The first field is what starts a group; a field is cut out of a small integer.
        if (fields.is_empty() && bits % 8 == 0) || bits > MAX_SUB_BYTE_FIELD {
            return None;
        }
        fields.push((bits, spec.signed));
        total = total.checked_add(bits)?;
        if total % 8 == 0 {
            return Some(fields);
        }
    }
    None
}

/// The widest field a sub-byte group holds: each is cut out with a mask that must be a small
/// integer. Real bit fields are a few bits wide.
const MAX_SUB_BYTE_FIELD: u32 = 62;

/// Builds a sub-byte group's fields into one integer of the group's width, first field in
/// the high bits: `<<v::3, n::5>>` is `<<(v &&& 7) <<< 5 ||| (n &&& 31)::8>>`.
pub(super) fn join_bit_fields(group: &[Segment], fields: &[(u32, bool)]) -> Segment {
    let sp = group.first().map_or(crate::syntax::ast::Span::new(0, 0), |s| s.value.span);
    let total: u32 = fields.iter().map(|(bits, _)| bits).sum();
    let mut shift = total;
    let mut joined: Option<Expr> = None;
    for (segment, (bits, _)) in group.iter().zip(fields) {
        shift -= bits;
        let (value, _) = segment_parts(segment);
        let int = |n: i64| Expr::new(ExprKind::Int(n), value.span);
        let masked = bitwise("band", vec![value.clone(), int((1i64 << bits) - 1)], value.span);
        let placed = if shift == 0 { masked } else { bitwise("bsl", vec![masked, int(i64::from(shift))], value.span) };
        joined = Some(match joined {
            None => placed,
            Some(high) => bitwise("bor", vec![high, placed], value.span),
        });
    }
    let value = joined.unwrap_or_else(|| Expr::new(ExprKind::Int(0), sp));
    Segment { value, spec: Some(format!("size({total})")), size: None }
}

/// The name a sub-byte group's whole integer has while its fields are cut out of it; not a
/// name a program can write.
const SUB_BYTE_WHOLE: &str = "bits@";

/// `Bitwise` applied to `args`, as an expression to compile.
pub(super) fn bitwise(name: &str, args: Vec<Expr>, sp: crate::syntax::ast::Span) -> Expr {
    super::special::remote_call(ExprKind::Alias("Bitwise".into()), name, args, sp)
}

/// The `bits`-wide field `shift` bits from the low end of `whole`, sign-extended if `signed`.
fn bit_field(whole: Expr, shift: u32, bits: u32, signed: bool, sp: crate::syntax::ast::Span) -> Expr {
    let int = |n: i64| Expr::new(ExprKind::Int(n), sp);
    let shifted = if shift == 0 { whole } else { bitwise("bsr", vec![whole, int(i64::from(shift))], sp) };
    let mask = int(if bits >= 63 { i64::MAX } else { (1i64 << bits) - 1 });
    let field = bitwise("band", vec![shifted, mask], sp);
    if !signed || bits == 0 || bits >= 63 {
        return field;
    }
    // Two's complement: a field whose top bit is set stands for itself minus 2^bits.
    let top = bitwise("bsr", vec![field.clone(), int(i64::from(bits - 1))], sp);
    let correction = bitwise("bsl", vec![top, int(i64::from(bits))], sp);
    Expr::new(ExprKind::BinOp(BinOp::Sub, Box::new(field), Box::new(correction)), sp)
}
