//! Binary segments (`<<n::integer-little-size(16), c::utf8, rest::binary>>`): their type
//! specifications, packed into one integer for the bytecode, and reading and writing them.
//!
//! The compiler parses a segment's `::` text once and stores the packed spec as a constant;
//! the VM unpacks it to match (`Op::MatchSegment`) or build (`Kernel.__bitstring__/2`) a
//! binary. A size may be a number, a variable or an expression (`size(n * 8)`, which the
//! parser keeps beside the spec text). vial's binaries are whole bytes, so every size must
//! come to a multiple of eight bits: a pattern whose size does not simply fails to match,
//! construction raises. Integer fields narrower than a byte are handled by the compiler in
//! groups that fill whole bytes (`<<version::4, ihl::4>>`; see `sub_byte_group`).

use std::sync::Arc;

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use crate::term::bytes::{window, Bytes};
use crate::term::Term;

/// The widest integer field construction writes. An integer field is written out byte by
/// byte, so without a limit `<<1::size(n)>>` with a huge `n` would exhaust memory; a
/// megabyte is far beyond any real protocol field.
const MAX_INT_FIELD_BYTES: usize = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Float,
    Binary,
    Utf8,
    Utf16,
    Utf32,
}

/// Where a segment's size comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SizeExpr {
    /// No size written: 8 bits for an integer, 64 for a float, the rest for a binary.
    Default,
    Lit(u32),
    /// `size(n)` with a variable: the compiler pushes its value just before the segment.
    Var(String),
    /// `size(n * 8)`: an expression the parser kept beside the spec (written `size(@)` in
    /// the text); the compiler pushes its value, as for a variable.
    Expr,
}

impl SizeExpr {
    /// Whether the size is computed at run time and pushed before the segment.
    pub fn dynamic(&self) -> bool {
        matches!(self, SizeExpr::Var(_) | SizeExpr::Expr)
    }
}

/// A segment's type as written after `::`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub kind: Kind,
    pub signed: bool,
    pub little: bool,
    pub size: SizeExpr,
    /// Bits per unit of `size`; `None` is the kind's default (1, or 8 for binaries).
    pub unit: Option<u8>,
}

impl Spec {
    pub const BYTE: Spec = Spec { kind: Kind::Integer, signed: false, little: false, size: SizeExpr::Default, unit: None };

    pub const BINARY: Spec = Spec { kind: Kind::Binary, signed: false, little: false, size: SizeExpr::Default, unit: None };

    /// Parses the text after `::`: type and modifier names joined by `-`, a bare number
    /// (`n::16`), `size(x)` and `unit(n)`.
    pub fn parse(text: &str) -> Result<Spec, String> {
        let mut spec = Spec::BYTE;
        let mut kind = None;
        for part in text.split('-').map(str::trim) {
            let set = |k: Kind, kind: &mut Option<Kind>| match kind {
                Some(old) if *old != k => Err(format!("conflicting type specifications `{}` and `{}`", name(*old), name(k))),
                _ => {
                    *kind = Some(k);
                    Ok(())
                }
            };
            match part {
                "integer" => set(Kind::Integer, &mut kind)?,
                "float" => set(Kind::Float, &mut kind)?,
                "binary" | "bytes" | "bitstring" | "bits" => set(Kind::Binary, &mut kind)?,
                "utf8" => set(Kind::Utf8, &mut kind)?,
                "utf16" => set(Kind::Utf16, &mut kind)?,
                "utf32" => set(Kind::Utf32, &mut kind)?,
                "signed" => spec.signed = true,
                "unsigned" => spec.signed = false,
                "little" => spec.little = true,
                "big" => spec.little = false,
                "native" => spec.little = cfg!(target_endian = "little"),
                _ => {
                    if let Ok(n) = part.parse::<u32>() {
                        spec.size = SizeExpr::Lit(n);
                    } else if let Some(inner) = call_arg(part, "size") {
                        spec.size = match inner.parse::<u32>() {
                            Ok(n) => SizeExpr::Lit(n),
                            Err(_) if is_var(inner) => SizeExpr::Var(inner.to_string()),
                            Err(_) if inner == "@" => SizeExpr::Expr,
                            Err(_) => return Err(format!("unsupported size `{inner}`: use an integer or a variable")),
                        };
                    } else if let Some(inner) = call_arg(part, "unit") {
                        spec.unit = Some(inner.parse::<u8>().map_err(|_| format!("invalid unit `{inner}`"))?);
                    } else {
                        return Err(format!("unknown type specification `{part}`"));
                    }
                }
            }
        }
        spec.kind = kind.unwrap_or(Kind::Integer);
        if matches!(spec.kind, Kind::Utf8 | Kind::Utf16 | Kind::Utf32) && spec.size != SizeExpr::Default {
            return Err("a utf segment cannot have a size".into());
        }
        Ok(spec)
    }

    /// The spec as one integer: a constant for the op or the construction native. A
    /// variable size packs as "given on the stack".
    pub fn pack(&self) -> i64 {
        let kind = self.kind as i64;
        let (mode, n) = match &self.size {
            SizeExpr::Default => (0, 0),
            SizeExpr::Lit(n) => (1, *n as i64),
            SizeExpr::Var(_) | SizeExpr::Expr => (2, 0),
        };
        kind | (self.signed as i64) << 3 | (self.little as i64) << 4 | mode << 5 | (self.unit.unwrap_or(0) as i64) << 8 | n << 16
    }
}

fn name(k: Kind) -> &'static str {
    match k {
        Kind::Integer => "integer",
        Kind::Float => "float",
        Kind::Binary => "binary",
        Kind::Utf8 => "utf8",
        Kind::Utf16 => "utf16",
        Kind::Utf32 => "utf32",
    }
}

fn call_arg<'a>(part: &'a str, f: &str) -> Option<&'a str> {
    part.strip_prefix(f)?.trim().strip_prefix('(')?.strip_suffix(')').map(str::trim)
}

fn is_var(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c == '_' || c.is_ascii_lowercase()) && cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// A packed spec, as the VM reads it.
#[derive(Clone, Copy, Debug)]
pub struct Packed {
    pub kind: Kind,
    signed: bool,
    little: bool,
    /// 0: default size; 1: `size` below; 2: the size is an operand on the stack.
    mode: u8,
    unit: u8,
    size: u32,
}

impl Packed {
    pub fn unpack(x: i64) -> Packed {
        let kind = match x & 7 {
            1 => Kind::Float,
            2 => Kind::Binary,
            3 => Kind::Utf8,
            4 => Kind::Utf16,
            5 => Kind::Utf32,
            _ => Kind::Integer,
        };
        Packed {
            kind,
            signed: x >> 3 & 1 == 1,
            little: x >> 4 & 1 == 1,
            mode: (x >> 5 & 3) as u8,
            unit: (x >> 8 & 0xff) as u8,
            size: (x >> 16 & 0xffff_ffff) as u32,
        }
    }

    /// Whether the size is an operand the caller pushed.
    pub fn dynamic(&self) -> bool {
        self.mode == 2
    }

    /// The segment's length in bytes, given the dynamic size if there is one; `Ok(None)` for
    /// an unsized binary (the rest). `Err` when the size is negative, not an integer, or
    /// not whole bytes.
    fn byte_len(&self, dynamic: Option<&Term>) -> Result<Option<usize>, ()> {
        let size: i64 = match (self.mode, dynamic) {
            (2, Some(Term::Int(n))) => *n,
            (2, _) => return Err(()),
            (1, _) => self.size as i64,
            _ => match self.kind {
                Kind::Integer => 8,
                Kind::Float => 64,
                _ => return Ok(None),
            },
        };
        let unit = match (self.unit, self.kind) {
            (0, Kind::Binary) => 8,
            (0, _) => 1,
            (u, _) => u as i64,
        };
        let bits = size.checked_mul(unit).filter(|b| *b >= 0).ok_or(())?;
        if bits % 8 != 0 {
            return Err(());
        }
        usize::try_from(bits / 8).map(Some).map_err(|_| ())
    }

    /// Matches the segment at the front of `b`: its value and the bytes it took, or `None`
    /// when `b` does not start with such a segment.
    pub fn take(&self, b: &Arc<Bytes>, dynamic: Option<&Term>) -> Option<(Term, usize)> {
        let len = self.byte_len(dynamic).ok()?;
        let bytes: &[u8] = b;
        match self.kind {
            Kind::Integer => {
                let n = len?;
                let field = bytes.get(..n)?;
                Some((self.read_int(field), n))
            }
            Kind::Float => {
                let n = len?;
                let field = bytes.get(..n)?;
                let f = match n {
                    8 => f64::from_bits(u64::from_be_bytes(self.order::<8>(field)?)),
                    4 => f32::from_bits(u32::from_be_bytes(self.order::<4>(field)?)) as f64,
                    _ => return None,
                };
                f.is_finite().then_some((Term::Float(f), n))
            }
            Kind::Binary => {
                let n = len.unwrap_or(bytes.len());
                (n <= bytes.len()).then(|| (Term::Bin(window(b, 0, n)), n))
            }
            Kind::Utf8 => {
                let w = utf8_width(*bytes.first()?)?;
                let c = std::str::from_utf8(bytes.get(..w)?).ok()?.chars().next()?;
                Some((Term::Int(c as i64), w))
            }
            Kind::Utf16 => {
                let unit = |i: usize| -> Option<u16> { Some(u16::from_be_bytes(self.order::<2>(bytes.get(i..i + 2)?)?)) };
                let first = unit(0)?;
                let (c, n) = match first {
                    0xD800..=0xDBFF => {
                        let second = unit(2)?;
                        let c = char::decode_utf16([first, second]).next()?.ok()?;
                        (c, 4)
                    }
                    _ => (char::from_u32(first as u32)?, 2),
                };
                Some((Term::Int(c as i64), n))
            }
            Kind::Utf32 => {
                let c = u32::from_be_bytes(self.order::<4>(bytes.get(..4)?)?);
                Some((Term::Int(char::from_u32(c)? as i64), 4))
            }
        }
    }

    /// `field` as an array in big-endian order.
    fn order<const N: usize>(&self, field: &[u8]) -> Option<[u8; N]> {
        let mut a: [u8; N] = field.try_into().ok()?;
        if self.little {
            a.reverse();
        }
        Some(a)
    }

    fn read_int(&self, field: &[u8]) -> Term {
        // Fields that fit a small integer (all but unsigned 8-byte ones) are read without a
        // big integer: a byte-walking loop reads one per byte.
        let n = field.len();
        if n > 0 && (n < 8 || (n == 8 && self.signed)) {
            let byte = |k: usize| field.get(if self.little { n - 1 - k } else { k }).copied().unwrap_or(0);
            let mut x: u64 = 0;
            for k in 0..n {
                x = (x << 8) | byte(k) as u64;
            }
            let unused = 64 - 8 * n as u32;
            let v = if self.signed { ((x << unused) as i64) >> unused } else { x as i64 };
            return Term::Int(v);
        }
        let mut be = field.to_vec();
        if self.little {
            be.reverse();
        }
        let n = if self.signed { BigInt::from_signed_bytes_be(&be) } else { BigInt::from_bytes_be(Sign::Plus, &be) };
        if be.is_empty() {
            return Term::Int(0);
        }
        Term::from_bigint(n)
    }

    /// Appends the segment for `v` to `out`. On failure, the reason in the words of
    /// Elixir's "construction of binary failed" message (after the segment's type).
    pub fn put(&self, out: &mut Vec<u8>, v: &Term, dynamic: Option<&Term>) -> Result<(), String> {
        let shown = || crate::term::inspect::inspect(v);
        let len = self.byte_len(dynamic).map_err(|_| match dynamic {
            Some(s) => format!("size {} is not a whole number of bytes", crate::term::inspect::inspect(s)),
            None => "the size is not a whole number of bytes".to_string(),
        })?;
        match self.kind {
            Kind::Integer => {
                let n = len.unwrap_or(1);
                if n > MAX_INT_FIELD_BYTES {
                    return Err(format!("the size is larger than {} bytes", MAX_INT_FIELD_BYTES));
                }
                if let Term::Int(i) = v {
                    // Two's complement truncated or sign-extended to the field, as the BEAM
                    // does, with no big integer for the commonest segment.
                    let bytes = i.to_be_bytes();
                    let fill = if *i < 0 { 0xff } else { 0 };
                    let start = out.len();
                    out.extend(std::iter::repeat_n(fill, n.saturating_sub(8)));
                    out.extend_from_slice(bytes.get(8 - n.min(8)..).unwrap_or(&[]));
                    if self.little {
                        if let Some(field) = out.get_mut(start..) {
                            field.reverse();
                        }
                    }
                    return Ok(());
                }
                let big = match v {
                    Term::Int(i) => BigInt::from(*i),
                    Term::Big(b) => (**b).clone(),
                    _ => return Err(format!("expected an integer but got: {}", shown())),
                };
                // Two's complement truncated to the field, as the BEAM does.
                let mut be = big.to_signed_bytes_be();
                let fill = if big.sign() == Sign::Minus { 0xff } else { 0 };
                if be.len() < n {
                    let mut padded = vec![fill; n - be.len()];
                    padded.extend_from_slice(&be);
                    be = padded;
                } else {
                    be.drain(..be.len() - n);
                }
                if self.little {
                    be.reverse();
                }
                out.extend_from_slice(&be);
            }
            Kind::Float => {
                let f = match v {
                    Term::Float(f) => *f,
                    Term::Int(i) => *i as f64,
                    // A number past the float range has no float to write (the BEAM has no
                    // infinities).
                    Term::Big(b) => b.to_f64().filter(|f| f.is_finite()).ok_or_else(|| format!("the value {} is outside the range expressible as a float", shown()))?,
                    _ => return Err(format!("expected a float or an integer but got: {}", shown())),
                };
                let mut be = match len {
                    Some(8) => f.to_be_bytes().to_vec(),
                    Some(4) => (f as f32).to_be_bytes().to_vec(),
                    _ => return Err("floats must be 32 or 64 bits".into()),
                };
                if self.little {
                    be.reverse();
                }
                out.extend_from_slice(&be);
            }
            Kind::Binary => {
                let Term::Bin(b) = v else {
                    return Err(format!("expected a binary but got: {}", shown()));
                };
                match len {
                    None => out.extend_from_slice(b),
                    Some(n) => match b.get(..n) {
                        Some(field) => out.extend_from_slice(field),
                        None => return Err(format!("the value {} is shorter than the size of the segment", shown())),
                    },
                }
            }
            Kind::Utf8 | Kind::Utf16 | Kind::Utf32 => {
                let c = match v {
                    Term::Int(i) => u32::try_from(*i).ok().and_then(char::from_u32),
                    _ => None,
                };
                let Some(c) = c else {
                    return Err(format!("expected a non-negative integer encodable as {} but got: {}", name(self.kind), shown()));
                };
                match self.kind {
                    Kind::Utf8 => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                    Kind::Utf16 => {
                        for u in c.encode_utf16(&mut [0; 2]) {
                            let b = if self.little { u.to_le_bytes() } else { u.to_be_bytes() };
                            out.extend_from_slice(&b);
                        }
                    }
                    _ => {
                        let u = c as u32;
                        out.extend_from_slice(&if self.little { u.to_le_bytes() } else { u.to_be_bytes() });
                    }
                }
            }
        }
        Ok(())
    }

    /// The type named in construction errors.
    pub fn type_name(&self) -> &'static str {
        name(self.kind)
    }
}

/// The length of the UTF-8 sequence a lead byte starts.
fn utf8_width(b: u8) -> Option<usize> {
    match b {
        0x00..=0x7f => Some(1),
        0xc2..=0xdf => Some(2),
        0xe0..=0xef => Some(3),
        0xf0..=0xf4 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bin(b: &[u8]) -> Arc<Bytes> {
        Arc::new(Bytes::Owned(b.to_vec()))
    }

    fn roundtrip(text: &str, v: Term) -> (Vec<u8>, Term) {
        let p = Packed::unpack(Spec::parse(text).unwrap_or_else(|e| panic!("{text}: {e}")).pack());
        let mut out = Vec::new();
        p.put(&mut out, &v, None).unwrap_or_else(|e| panic!("{text}: {e}"));
        let (back, n) = p.take(&bin(&out), None).unwrap_or_else(|| panic!("{text}: no match"));
        assert_eq!(n, out.len());
        (out, back)
    }

    #[test]
    fn specs_parse_as_elixir_reads_them() {
        let s = Spec::parse("integer-little-size(32)").unwrap();
        assert_eq!((s.kind, s.little, s.size), (Kind::Integer, true, SizeExpr::Lit(32)));
        assert_eq!(Spec::parse("binary-size(len)").unwrap().size, SizeExpr::Var("len".into()));
        assert_eq!(Spec::parse("16").unwrap().size, SizeExpr::Lit(16));
        assert_eq!(Spec::parse("binary-size(@)").unwrap().size, SizeExpr::Expr);
        assert!(SizeExpr::Expr.dynamic() && !SizeExpr::Lit(8).dynamic());
        assert_eq!(Spec::parse("bytes").unwrap().kind, Kind::Binary);
        assert!(Spec::parse("integer-float").is_err());
        assert!(Spec::parse("utf8-size(8)").is_err());
        assert!(Spec::parse("wat").is_err());
    }

    #[test]
    fn segments_read_back_what_they_wrote() {
        assert_eq!(roundtrip("size(16)", Term::Int(300)), (vec![1, 44], Term::Int(300)));
        assert_eq!(roundtrip("signed-little-16", Term::Int(-2)), (vec![254, 255], Term::Int(-2)));
        assert_eq!(roundtrip("utf8", Term::Int(0xe9)), ("é".as_bytes().to_vec(), Term::Int(0xe9)));
        assert_eq!(roundtrip("utf16", Term::Int(0x1F600)), (vec![0xd8, 0x3d, 0xde, 0x00], Term::Int(0x1F600)));
        assert_eq!(roundtrip("utf32-little", Term::Int(0x1F600)).0, vec![0, 0xf6, 1, 0]);
        assert_eq!(roundtrip("float-32", Term::Float(1.5)), (vec![63, 192, 0, 0], Term::Float(1.5)));
        // Unsigned fields wider than i64 come back as big integers.
        let (bytes, back) = roundtrip("size(72)", Term::Int(-1));
        assert_eq!(bytes, vec![0xff; 9]);
        assert_eq!(crate::term::inspect::inspect(&back), "4722366482869645213695");
    }

    #[test]
    fn bad_fields_fail_instead_of_panicking() {
        let p = |t: &str| Packed::unpack(Spec::parse(t).unwrap().pack());
        assert!(p("utf8").take(&bin(&[0xff, 0x41]), None).is_none());
        assert!(p("utf8").take(&bin(&[0xe2, 0x82]), None).is_none());
        assert!(p("size(32)").take(&bin(&[1, 2]), None).is_none());
        assert!(p("binary-size(n)").take(&bin(&[1, 2]), Some(&Term::Int(-1))).is_none());
        assert!(p("size(n)").take(&bin(&[1, 2]), Some(&Term::Int(3))).is_none());
        assert!(p("size(n)").take(&bin(&[1, 2]), Some(&Term::NIL_ATOM)).is_none());
        assert!(p("size(n)").take(&bin(&[1, 2]), Some(&Term::Int(i64::MAX))).is_none());
        let mut out = Vec::new();
        assert!(p("utf8").put(&mut out, &Term::Int(-1), None).is_err());
        assert!(p("utf8").put(&mut out, &Term::Int(0xD800), None).is_err());
        assert!(p("binary-size(3)").put(&mut out, &Term::str("ab"), None).is_err());
        assert!(p("integer").put(&mut out, &Term::str("ab"), None).is_err());
    }
}
