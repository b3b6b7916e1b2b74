//! `inspect/1` and `to_string/1`: printing terms byte-for-byte as Elixir 1.14 does.
//!
//! Terms are first turned into a document of the [`algebra`] module (mirroring the `Inspect`
//! protocol implementations of Elixir 1.14), which is then laid out for a line width.
//! Which width applies depends on the entry point, as in Elixir:
//!
//! * `Kernel.inspect/1` and string interpolation of `inspect(x)`: never break lines
//!   ([`inspect`], or [`inspect_with`] with `pretty: false`);
//! * `Kernel.inspect/2` with `pretty: true`: break at `width` ([`inspect_with`]);
//! * `IO.inspect/2`: always breaks at `width` (80), pretty or not ([`io_inspect`]);
//! * the iex result printer: `pretty: true`, width 80 when piped ([`InspectOpts::pretty`]).
//!
//! Term building recurses once per level of container nesting, so it is capped at
//! [`MAX_DEPTH`] levels (deeper levels print as `...`); long lists are iterated.

#[path = "algebra.rs"]
mod algebra;
#[path = "float.rs"]
mod float;
#[cfg(test)]
#[path = "inspect_tests.rs"]
mod tests;

use std::sync::Arc;

use algebra::{Arena, BreakKind, Doc};

pub use float::{format_float, fwrite_g};

use super::{Atom, Closure, MapT, Term};

/// Nesting depth beyond which containers print as `...`. With the default `limit` of 50
/// Elixir itself stops at depth 50 (each level consumes one unit of the limit); the cap only
/// matters for `limit: :infinity` and keeps the builder's recursion well inside a thread stack.
pub const MAX_DEPTH: usize = 256;

/// `usize::MAX` stands for Elixir's `:infinity` in [`InspectOpts::width`], [`InspectOpts::limit`]
/// and [`InspectOpts::printable_limit`].
pub const INFINITY: usize = usize::MAX;

/// Returns the field names of a struct module in definition order (what
/// `Mod.__info__(:struct)` lists, `__exception__` included for exceptions, `__struct__`
/// excluded), or `None` if the module defines no struct.
pub type StructFields = Arc<dyn Fn(Atom) -> Option<Vec<Atom>> + Send + Sync>;

/// The resolver every `InspectOpts::default()` starts with, set once at start-up by whoever
/// holds the loaded modules (the term layer knows nothing of the code table).
static DEFAULT_STRUCT_FIELDS: std::sync::OnceLock<StructFields> = std::sync::OnceLock::new();

/// Installs the resolver that tells `inspect` each struct's field order.
pub fn set_struct_fields(resolve: StructFields) {
    let _ = DEFAULT_STRUCT_FIELDS.set(resolve);
}

/// `:charlists` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charlists {
    /// Lists of printable ASCII code points print as `'abc'` (the default).
    Infer,
    AsLists,
    AsCharlists,
}

/// `:binaries` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binaries {
    /// Printable UTF-8 binaries print as strings, others as `<<...>>` (the default).
    Infer,
    AsBinaries,
    AsStrings,
}

/// `:base` option: how integers are written. Any base but decimal also prints binaries in
/// `<<...>>` form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    Decimal,
    Binary,
    Octal,
    Hex,
}

/// The options of Elixir's `Inspect.Opts` that vial supports.
#[derive(Clone)]
pub struct InspectOpts {
    /// Line width (Elixir default 80; [`INFINITY`] never breaks). Used by [`inspect_with`]
    /// only when `pretty` is set, and always by [`io_inspect`].
    pub width: usize,
    /// How many items of a list, tuple, map or binary to show before `...` (default 50).
    /// Nested containers inherit the limit minus the items shown before them, as in Elixir.
    pub limit: usize,
    /// `false` for `inspect/1` semantics (no line breaking in [`inspect_with`]).
    pub pretty: bool,
    /// How many characters of a printable string or charlist to show (default 4096).
    pub printable_limit: usize,
    pub charlists: Charlists,
    pub binaries: Binaries,
    pub base: Base,
    /// `false` prints structs as plain maps (`%{__struct__: Foo, ...}`).
    pub structs: bool,
    /// Where the runtime tells the printer which modules define structs and in which order
    /// their fields were declared. Elixir prints a map with `__struct__: Mod` as `%Mod{...}`
    /// only if `Mod` defines a struct with exactly those keys, fields in declaration order.
    /// Built-in exceptions and `Range` are known without it. When `None`, any map whose
    /// `__struct__` is an atom and whose keys are all atoms prints as a struct, fields in key
    /// order.
    pub struct_fields: Option<StructFields>,
}

impl std::fmt::Debug for InspectOpts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InspectOpts")
            .field("width", &self.width)
            .field("limit", &self.limit)
            .field("pretty", &self.pretty)
            .field("printable_limit", &self.printable_limit)
            .field("charlists", &self.charlists)
            .field("binaries", &self.binaries)
            .field("base", &self.base)
            .field("structs", &self.structs)
            .field("struct_fields", &self.struct_fields.is_some())
            .finish()
    }
}

impl Default for InspectOpts {
    fn default() -> Self {
        InspectOpts {
            width: 80,
            limit: 50,
            pretty: false,
            printable_limit: 4096,
            charlists: Charlists::Infer,
            binaries: Binaries::Infer,
            base: Base::Decimal,
            structs: true,
            struct_fields: DEFAULT_STRUCT_FIELDS.get().cloned(),
        }
    }
}

impl InspectOpts {
    /// The options iex prints results with (`pretty: true`, width 80).
    pub fn pretty() -> Self {
        InspectOpts { pretty: true, ..InspectOpts::default() }
    }
}

/// `Kernel.inspect/1`: one line, whatever the length.
pub fn inspect(t: &Term) -> String {
    inspect_with(t, &InspectOpts::default())
}

/// `Kernel.inspect/2`: breaks lines at `opts.width` only when `opts.pretty` is set.
pub fn inspect_with(t: &Term, opts: &InspectOpts) -> String {
    let width = if opts.pretty { opts.width } else { INFINITY };
    format_term(t, opts, width)
}

/// The text `IO.inspect/2` writes (without the label and trailing newline): always laid out
/// for `opts.width`, whether or not `pretty` is set.
pub fn io_inspect(t: &Term, opts: &InspectOpts) -> String {
    format_term(t, opts, opts.width)
}

/// Lays `t` out for an explicit `width` ([`INFINITY`] for a single line).
pub fn format_term(t: &Term, opts: &InspectOpts, width: usize) -> String {
    let mut b = Builder { arena: Arena::new(), opts, charlists: opts.charlists };
    let doc = b.doc(t, Limit::from(opts.limit), 0);
    let root = b.arena.group(doc);
    b.arena.render(root, if width == INFINITY { None } else { Some(width) })
}

/// An `inspect` limit; `None` is `:infinity`.
#[derive(Clone, Copy, Debug)]
struct Limit(Option<usize>);

impl Limit {
    fn from(n: usize) -> Limit {
        Limit(if n == INFINITY { None } else { Some(n) })
    }
    fn is_zero(self) -> bool {
        self.0 == Some(0)
    }
    fn dec(self) -> Limit {
        Limit(self.0.map(|n| n.saturating_sub(1)))
    }
}

/// How `container_doc` separates elements.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// Flex if every element is plain text, else strict (lists).
    Maybe,
    Flex,
    Strict,
}

struct Builder<'o> {
    arena: Arena,
    opts: &'o InspectOpts,
    /// `opts.charlists`, except inside a `MapSet`, whose elements print as plain lists.
    charlists: Charlists,
}

impl Builder<'_> {
    fn text(&mut self, s: impl Into<Box<str>>) -> Doc {
        self.arena.text(s)
    }

    fn doc(&mut self, t: &Term, limit: Limit, depth: usize) -> Doc {
        if depth > MAX_DEPTH {
            return self.text("...");
        }
        match t {
            Term::Int(i) => {
                let s = self.int_text(&num_bigint::BigInt::from(*i));
                self.text(s)
            }
            Term::Big(b) => {
                let s = self.int_text(b);
                self.text(s)
            }
            Term::Float(f) => self.text(format_float(*f)),
            Term::Atom(a) => self.text(inspect_atom(*a)),
            Term::Bin(b) => self.binary(b, limit),
            Term::Nil => self.text("[]"),
            Term::Cons(_) => self.list(t, limit, depth),
            Term::Tuple(items) => {
                if items.is_empty() {
                    return self.text("{}");
                }
                self.container("{", "}", Breaks::Flex, limit, items.iter(), None, depth, |b, x, l| {
                    b.doc(x, l, depth + 1)
                })
            }
            Term::Map(m) => self.map(m, limit, depth),
            Term::Fun(c) => self.text(inspect_fun(c)),
            Term::Pid(p) => self.text(format!("#PID<0.{}.0>", p.0)),
            Term::Ref(r) => self.text(format!("#Reference<0.0.0.{r}>")),
        }
    }

    fn int_text(&self, i: &num_bigint::BigInt) -> String {
        let (radix, prefix) = match self.opts.base {
            Base::Decimal => return i.to_string(),
            Base::Binary => (2, "0b"),
            Base::Octal => (8, "0o"),
            Base::Hex => (16, "0x"),
        };
        let digits = i.magnitude().to_str_radix(radix).to_uppercase();
        let sign = if i.sign() == num_bigint::Sign::Minus { "-" } else { "" };
        format!("{sign}{prefix}{digits}")
    }

    fn binary(&mut self, bytes: &[u8], limit: Limit) -> Doc {
        let opts = self.opts;
        let as_string = opts.base == Base::Decimal
            && (opts.binaries == Binaries::AsStrings
                || (opts.binaries == Binaries::Infer && string_printable(bytes, opts.printable_limit)));
        if as_string {
            let (escaped, rest) = escape(bytes, b'"', Limit::from(opts.printable_limit));
            let suffix = if rest { " <> ..." } else { "" };
            return self.text(format!("\"{escaped}\"{suffix}"));
        }
        if bytes.is_empty() {
            return self.text("<<>>");
        }
        // Elixir's `each_bit`: `h,` flex-glued to the rest, `...` once the limit runs out.
        let shown = match limit.0 {
            Some(n) => bytes.len().min(n),
            None => bytes.len(),
        };
        let mut acc = if shown < bytes.len() {
            self.text("...")
        } else {
            let last = bytes.get(shown.wrapping_sub(1)).copied().unwrap_or(0);
            let s = self.int_text(&last.into());
            self.text(s)
        };
        let pairs = if shown < bytes.len() { shown } else { shown.saturating_sub(1) };
        for &byte in bytes.iter().take(pairs).rev() {
            let s = self.int_text(&byte.into());
            let d = self.text(format!("{s},"));
            acc = self.arena.glue(d, " ", BreakKind::Flex, acc);
        }
        let open = self.text("<<");
        let inner = self.arena.nest(acc, 2);
        let close = self.text(">>");
        let all = self.arena.concat_all(&[open, inner, close]);
        self.arena.group(all)
    }

    fn list(&mut self, t: &Term, limit: Limit, depth: usize) -> Doc {
        let opts = self.opts;
        let charlist = self.charlists == Charlists::AsCharlists
            || (self.charlists == Charlists::Infer && list_ascii_printable(t, opts.printable_limit));
        if charlist {
            return self.charlist(t);
        }
        let iter = t.list_iter();
        if is_keyword(t) {
            return self.container("[", "]", Breaks::Strict, limit, iter, None, depth, |b, x, l| {
                b.keyword_entry(x, l, depth)
            });
        }
        let mut probe = t.list_iter();
        probe.by_ref().for_each(drop);
        let tail = match probe.tail() {
            Term::Nil => None,
            other => Some(other),
        };
        self.container("[", "]", Breaks::Maybe, limit, iter, tail, depth, |b, x, l| b.doc(x, l, depth + 1))
    }

    fn charlist(&mut self, t: &Term) -> Doc {
        // Elements that are not code points (only possible with `charlists: :as_charlists`)
        // are skipped rather than failing the whole inspect.
        let mut s = String::new();
        for x in t.list_iter() {
            if let Some(c) = as_char(x) {
                s.push(c);
            }
        }
        let (escaped, rest) = escape(s.as_bytes(), b'\'', Limit::from(self.opts.printable_limit));
        let suffix = if rest { " ++ ..." } else { "" };
        self.text(format!("'{escaped}'{suffix}"))
    }

    /// `key: value` for keyword lists, maps with atom keys and struct fields.
    fn keyword_entry(&mut self, entry: &Term, limit: Limit, depth: usize) -> Doc {
        match entry {
            Term::Tuple(kv) if kv.len() == 2 => match (kv.first(), kv.get(1)) {
                (Some(Term::Atom(k)), Some(v)) => self.key_value(*k, v, limit, depth),
                _ => self.doc(entry, limit, depth + 1),
            },
            _ => self.doc(entry, limit, depth + 1),
        }
    }

    fn key_value(&mut self, key: Atom, value: &Term, limit: Limit, depth: usize) -> Doc {
        let k = self.text(format!("{} ", inspect_atom_key(key)));
        let v = self.doc(value, limit, depth + 1);
        self.arena.concat(k, v)
    }

    fn map(&mut self, m: &MapT, limit: Limit, depth: usize) -> Doc {
        if self.opts.structs
            && let Some(Term::Atom(module)) = m.get(&Term::Atom(Atom::STRUCT))
            && let Some(d) = self.structure(*module, m, limit, depth)
        {
            return d;
        }
        self.plain_map(m, "%{", limit, depth)
    }

    fn plain_map(&mut self, m: &MapT, open: &str, limit: Limit, depth: usize) -> Doc {
        if m.is_empty() {
            return self.text(format!("{open}}}"));
        }
        let keyword = m.keys().all(|k| matches!(k, Term::Atom(a) if !a.name().starts_with("Elixir.")));
        self.container(open, "}", Breaks::Strict, limit, m.iter(), None, depth, |b, (k, v), l| {
            match k {
                Term::Atom(a) if keyword => b.key_value(*a, v, l, depth),
                _ => {
                    let kd = b.doc(k, l, depth + 1);
                    let arrow = b.text(" => ");
                    let vd = b.doc(v, l, depth + 1);
                    b.arena.concat_all(&[kd, arrow, vd])
                }
            }
        })
    }

    /// A struct, or `None` when Elixir would print the map as a plain map.
    fn structure(&mut self, module: Atom, m: &MapT, limit: Limit, depth: usize) -> Option<Doc> {
        if module == Atom::ELIXIR_RANGE {
            return self.range(m, depth);
        }
        if module.name() == "Elixir.Regex"
            && let (Some(Term::Bin(src)), Some(Term::Bin(opts))) = (m.get(&Term::Atom(Atom::intern("source"))), m.get(&Term::Atom(Atom::intern("opts"))))
        {
            // `~r/src/opts`, a `/` in the source escaped.
            let src = String::from_utf8_lossy(src).replace('/', "\\/");
            return Some(self.text(format!("~r/{src}/{}", String::from_utf8_lossy(opts))));
        }
        if module == Atom::ELIXIR_MAP_SET
            && let Some(Term::Map(set)) = m.get(&Term::Atom(Atom::MAP))
        {
            return Some(self.map_set(set, limit, depth));
        }
        let fields: Vec<Atom> = match builtin_struct_fields(module.name()) {
            Some(names) => names.iter().map(|n| Atom::intern(n)).collect(),
            None => match &self.opts.struct_fields {
                Some(resolve) => resolve(module)?,
                None => {
                    let mut fields = Vec::with_capacity(m.len());
                    for k in m.keys() {
                        match k {
                            Term::Atom(a) if *a != Atom::STRUCT => fields.push(*a),
                            Term::Atom(_) => {}
                            _ => return None,
                        }
                    }
                    fields
                }
            },
        };
        // The map must have exactly the struct's keys, else Elixir prints it as a map.
        let same_keys = m.len() == fields.len() + 1 && fields.iter().all(|f| m.contains_key(&Term::Atom(*f)));
        if !same_keys {
            return None;
        }
        let open = format!("%{}{{", inspect_atom(module));
        let shown: Vec<(Atom, &Term)> = fields
            .iter()
            .filter(|f| **f != Atom::EXCEPTION && **f != Atom::STRUCT)
            .filter_map(|f| m.get(&Term::Atom(*f)).map(|v| (*f, v)))
            .collect();
        if shown.is_empty() {
            return Some(self.text(format!("{open}}}")));
        }
        Some(self.container(&open, "}", Breaks::Strict, limit, shown.into_iter(), None, depth, |b, (k, v), l| {
            b.key_value(k, v, l, depth)
        }))
    }

    /// `MapSet.new([...])`, as `Inspect.MapSet` prints it: the elements (the keys of the
    /// set's map) as a list, with charlists shown as lists of integers at any depth, so
    /// that `MapSet.new([?a])` reads back as what it is. The list is not nested under the
    /// `MapSet.new(` prefix: its continuation lines are indented by one column.
    fn map_set(&mut self, set: &MapT, limit: Limit, depth: usize) -> Doc {
        let elements = Term::list(set.keys().cloned().collect());
        let saved = std::mem::replace(&mut self.charlists, Charlists::AsLists);
        let list = self.doc(&elements, limit, depth + 1);
        self.charlists = saved;
        let open = self.text("MapSet.new(");
        let close = self.text(")");
        self.arena.concat_all(&[open, list, close])
    }

    /// `first..last` or `first..last//step`, as `Inspect.Range` prints it.
    fn range(&mut self, m: &MapT, depth: usize) -> Option<Doc> {
        let first = m.get(&Term::Atom(Atom::FIRST))?;
        let last = m.get(&Term::Atom(Atom::LAST))?;
        // Ranges built before `step` existed default to 1 or -1.
        let implied;
        let step = match m.get(&Term::Atom(Atom::STEP)) {
            Some(s) => s,
            None => {
                implied = Term::Int(if first <= last { 1 } else { -1 });
                &implied
            }
        };
        // Operands keep the caller's limit, as `to_doc(first, opts)` does.
        let limit = Limit::from(self.opts.limit);
        let f = self.doc(first, limit, depth + 1);
        let dots = self.text("..");
        let l = self.doc(last, limit, depth + 1);
        let mut parts = vec![f, dots, l];
        let unit = matches!(step, Term::Int(1)) && last >= first;
        if !unit {
            let slashes = self.text("//");
            let s = self.doc(step, limit, depth + 1);
            parts.push(slashes);
            parts.push(s);
        }
        Some(self.arena.concat_all(&parts))
    }

    /// Elixir's `container_doc/6`.
    #[allow(clippy::too_many_arguments)]
    fn container<E>(
        &mut self,
        left: &str,
        right: &str,
        breaks: Breaks,
        mut limit: Limit,
        items: impl Iterator<Item = E>,
        improper_tail: Option<&Term>,
        depth: usize,
        mut f: impl FnMut(&mut Self, E, Limit) -> Doc,
    ) -> Doc {
        let mut simple = breaks == Breaks::Maybe;
        let mut docs: Vec<Doc> = Vec::new();
        let mut items = items.peekable();
        while let Some(item) = items.next() {
            if limit.is_zero() {
                docs.push(self.text("..."));
                break;
            }
            limit = limit.dec();
            let d = f(self, item, limit);
            match improper_tail {
                Some(tail) if items.peek().is_none() => {
                    let t = self.doc(tail, limit, depth + 1);
                    simple = simple && self.arena.is_simple(d) && self.arena.is_simple(t);
                    docs.push(self.join(d, t, simple, " |"));
                }
                _ => {
                    simple = simple && self.arena.is_simple(d);
                    docs.push(d);
                }
            }
        }
        let flex = simple || breaks == Breaks::Flex;
        let mut rev = docs.into_iter().rev();
        let Some(mut body) = rev.next() else {
            return self.text(format!("{left}{right}"));
        };
        for d in rev {
            body = self.join(d, body, flex, ",");
        }
        let open = self.text(left);
        let close = self.text(right);
        if flex {
            let inner = self.arena.nest(body, 1);
            let all = self.arena.concat_all(&[open, inner, close]);
            self.arena.group(all)
        } else {
            let head = self.arena.glue(open, "", BreakKind::Strict, body);
            let nested = self.arena.nest(head, 2);
            let all = self.arena.glue(nested, "", BreakKind::Strict, close);
            self.arena.group(all)
        }
    }

    fn join(&mut self, left: Doc, right: Doc, flex: bool, sep: &str) -> Doc {
        let sep = self.text(sep);
        let l = self.arena.concat(left, sep);
        let kind = if flex { BreakKind::Flex } else { BreakKind::Strict };
        self.arena.glue(l, " ", kind, right)
    }
}

/// Field lists (`__info__(:struct)` order) of the structs Elixir itself defines that the
/// runtime raises or builds, so they print right without a resolver.
fn builtin_struct_fields(module: &str) -> Option<&'static [&'static str]> {
    const E: &str = "__exception__";
    Some(match module {
        "Elixir.RuntimeError"
        | "Elixir.ArgumentError"
        | "Elixir.ArithmeticError"
        | "Elixir.SystemLimitError"
        | "Elixir.Enum.EmptyError" => &[E, "message"],
        "Elixir.MatchError"
        | "Elixir.CaseClauseError"
        | "Elixir.WithClauseError"
        | "Elixir.BadFunctionError"
        | "Elixir.BadMapError"
        | "Elixir.TryClauseError" => &[E, "term"],
        "Elixir.CondClauseError" => &[E],
        "Elixir.FunctionClauseError" => &[E, "module", "function", "arity", "kind", "args", "clauses"],
        "Elixir.UndefinedFunctionError" => &[E, "module", "function", "arity", "reason", "message"],
        "Elixir.BadArityError" => &[E, "function", "args"],
        "Elixir.KeyError" => &[E, "key", "term", "message"],
        "Elixir.Protocol.UndefinedError" => &[E, "protocol", "value", "description"],
        "Elixir.BadBooleanError" => &[E, "term", "operator"],
        "Elixir.ErlangError" => &[E, "original", "reason"],
        "Elixir.ReceiveClauseError" => &[E, "term"],
        _ => return None,
    })
}

/// `Inspect.List.keyword?/1`: a proper list of `{atom, _}` pairs whose keys are not aliases.
fn is_keyword(t: &Term) -> bool {
    let mut iter = t.list_iter();
    let all_pairs = iter.by_ref().all(|x| match x {
        Term::Tuple(kv) if kv.len() == 2 => {
            matches!(kv.first(), Some(Term::Atom(a)) if !a.name().starts_with("Elixir."))
        }
        _ => false,
    });
    all_pairs && matches!(iter.tail(), Term::Nil)
}

fn as_char(t: &Term) -> Option<char> {
    match t {
        Term::Int(i) => u32::try_from(*i).ok().and_then(char::from_u32),
        _ => None,
    }
}

/// `List.ascii_printable?/2`: only the first `limit` elements are examined.
fn list_ascii_printable(t: &Term, limit: usize) -> bool {
    let mut cur = t;
    let mut seen = 0usize;
    loop {
        if seen == limit {
            return true;
        }
        match cur {
            Term::Nil => return true,
            Term::Cons(c) => {
                let ok = matches!(c.head, Term::Int(i) if (7..=13).contains(&i) || i == 27 || (32..=126).contains(&i));
                if !ok {
                    return false;
                }
                seen += 1;
                cur = &c.tail;
            }
            _ => return false,
        }
    }
}

/// `String.printable?/2`: valid UTF-8 made of printable characters, first `limit` chars only.
pub fn string_printable(bytes: &[u8], limit: usize) -> bool {
    let mut seen = 0usize;
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if seen == limit {
                return true;
            }
            let u = c as u32;
            let ok = (0x20..=0x7E).contains(&u)
                || matches!(c, '\n' | '\r' | '\t' | '\u{0B}' | '\u{08}' | '\u{0C}' | '\u{1B}' | '\u{7F}' | '\u{07}')
                || (0xA0..=0xD7FF).contains(&u)
                || (0xE000..=0xFFFD).contains(&u)
                || (0x10000..=0x10FFFF).contains(&u);
            if !ok {
                return false;
            }
            seen += 1;
        }
        if !chunk.invalid().is_empty() {
            return seen == limit;
        }
    }
    true
}

/// `Code.Identifier.escape/3`: escapes `bytes` for printing between `quote` characters,
/// stopping after `limit` characters; the flag says whether anything was left out.
fn escape(bytes: &[u8], quote: u8, limit: Limit) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len());
    let mut left = limit.0;
    for chunk in bytes.utf8_chunks() {
        let mut chars = chunk.valid().chars().peekable();
        while let Some(c) = chars.next() {
            if left == Some(0) {
                return (out, true);
            }
            left = left.map(|n| n - 1);
            if c as u32 == quote as u32 {
                out.push('\\');
                out.push(c);
            } else if c == '#' && chars.peek() == Some(&'{') {
                chars.next();
                out.push_str("\\#{");
            } else {
                escape_char(c, &mut out);
            }
        }
        for &b in chunk.invalid() {
            if left == Some(0) {
                return (out, true);
            }
            left = left.map(|n| n - 1);
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    (out, false)
}

fn escape_char(c: char, out: &mut String) {
    let u = c as u32;
    let named = match c {
        '\u{07}' => "\\a",
        '\u{08}' => "\\b",
        '\u{7F}' => "\\d",
        '\u{1B}' => "\\e",
        '\u{0C}' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\u{0B}' => "\\v",
        '\\' => "\\\\",
        '\0' => "\\0",
        '\u{FEFF}' => "\\uFEFF",
        _ => "",
    };
    if !named.is_empty() {
        out.push_str(named);
    } else if (0x20..=0x7E).contains(&u)
        || (0xA0..=0xD7FF).contains(&u)
        || (0xE000..=0xFFFD).contains(&u)
        || (0x10000..=0x10FFFF).contains(&u)
    {
        out.push(c);
    } else if u < 0x100 {
        out.push_str(&format!("\\x{u:02X}"));
    } else if u < 0x10000 {
        out.push_str(&format!("\\x{{{u:04X}}}"));
    } else {
        out.push_str(&format!("\\x{{{u:06X}}}"));
    }
}

/// `inspect(bytes, binaries: :as_strings)`: always a string literal, bytes that are not
/// UTF-8 escaped as `\xHH` (Base's "non-alphabet character found: \"\xC3\"").
pub fn inspect_as_string(bytes: &[u8]) -> String {
    let (escaped, _) = escape(bytes, b'"', Limit(None));
    format!("\"{escaped}\"")
}

/// `inspect` of a binary as a string literal, e.g. for error messages. Non-printable
/// content is escaped rather than switching to `<<...>>` form.
pub fn inspect_string(bytes: &[u8]) -> String {
    if string_printable(bytes, INFINITY) {
        let (escaped, _) = escape(bytes, b'"', Limit(None));
        format!("\"{escaped}\"")
    } else {
        let opts = InspectOpts { limit: INFINITY, ..InspectOpts::default() };
        format_term(&Term::bytes(bytes.to_vec()), &opts, INFINITY)
    }
}

/// How Elixir's parser would read an atom's text; decides quoting (`Macro.classify_atom`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum AtomClass {
    /// `Elixir.Foo.Bar`, printed `Foo.Bar`.
    Alias,
    /// `foo`, `foo?`, `_bar`.
    Identifier,
    /// Operators usable unquoted: `:+`, `:<>`.
    UnquotedOp,
    /// Operators that must be quoted: `:"::"`.
    QuotedOp,
    /// Unquoted but not callable: `:Foo`, `:foo@bar`, `:%{}`.
    NotCallable,
    /// Needs quotes: `:"foo bar"`.
    Other,
}

const NOT_CALLABLE: &[&str] = &["%", "%{}", "{}", "<<>>", "...", "..", ".", "..//", "->"];
const QUOTED_OPS: &[&str] = &["::", "^^^", "~~~", "<|>"];
const UNARY_OPS: &[&str] = &["&", "!", "^", "not", "+", "-", "~~~", "@"];
const BINARY_OPS: &[&str] = &[
    "<-", "\\\\", "when", "::", "|", "=", "||", "|||", "or", "&&", "&&&", "and", "==", "!=", "=~", "===", "!==",
    "<", "<=", ">=", ">", "|>", "<<<", ">>>", "<~", "~>", "<<~", "~>>", "<~>", "<|>", "in", "^^^", "++", "--",
    "..", "<>", "+++", "---", "+", "-", "*", "/", "**", ".",
];

fn classify(name: &str) -> AtomClass {
    if NOT_CALLABLE.contains(&name) {
        return AtomClass::NotCallable;
    }
    if QUOTED_OPS.contains(&name) {
        return AtomClass::QuotedOp;
    }
    if UNARY_OPS.contains(&name) || BINARY_OPS.contains(&name) {
        return AtomClass::UnquotedOp;
    }
    if is_alias(name) {
        return AtomClass::Alias;
    }
    tokenize_identifier(name)
}

/// `Elixir` followed by any number of `.Upper[A-Za-z0-9_]*` segments.
fn is_alias(name: &str) -> bool {
    let Some(mut rest) = name.strip_prefix("Elixir") else { return false };
    while !rest.is_empty() {
        let Some(seg) = rest.strip_prefix('.') else { return false };
        if !seg.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false;
        }
        let end = seg.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(seg.len());
        rest = seg.get(end..).unwrap_or("");
    }
    true
}

/// A simplified `String.Tokenizer.tokenize/1`: Unicode letters stand in for the ID_Start /
/// ID_Continue classes; NFC normalisation and mixed-script checks are not modelled.
fn tokenize_identifier(name: &str) -> AtomClass {
    let mut chars = name.chars();
    let Some(first) = chars.next() else { return AtomClass::Other };
    let identifier_kind = if first.is_ascii_uppercase() {
        false
    } else if first.is_ascii_lowercase() || first == '_' {
        true
    } else if !first.is_ascii() && first.is_alphabetic() {
        !first.is_uppercase()
    } else {
        return AtomClass::Other;
    };
    let mut has_at = false;
    let rest: Vec<char> = chars.collect();
    let mut i = 0;
    while let Some(&c) = rest.get(i) {
        if c == '?' || c == '!' {
            // Punctuation ends the identifier; anything after it is not part of a name.
            if i + 1 != rest.len() {
                return AtomClass::Other;
            }
        } else if c == '@' {
            has_at = true;
        } else if !(c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && c.is_alphanumeric())) {
            return AtomClass::Other;
        }
        i += 1;
    }
    if !identifier_kind || has_at { AtomClass::NotCallable } else { AtomClass::Identifier }
}

fn quoted(name: &str) -> String {
    escape(name.as_bytes(), b'"', Limit(None)).0
}

/// `inspect/1` of an atom: `:ok`, `:"with space"`, `true`, `IO` for `Elixir.IO`.
pub fn inspect_atom(a: Atom) -> String {
    if a == Atom::NIL || a == Atom::TRUE || a == Atom::FALSE {
        return a.name().to_string();
    }
    let name = a.name();
    match classify(name) {
        AtomClass::Alias => {
            if name == "Elixir" || name == "Elixir.Elixir" || name.starts_with("Elixir.Elixir.") {
                name.to_string()
            } else {
                name.strip_prefix("Elixir.").unwrap_or(name).to_string()
            }
        }
        AtomClass::QuotedOp | AtomClass::Other => format!(":\"{}\"", quoted(name)),
        _ => format!(":{name}"),
    }
}

/// An atom as a keyword key, colon included: `a:`, `"my key":`.
pub fn inspect_atom_key(a: Atom) -> String {
    let name = a.name();
    match classify(name) {
        AtomClass::Alias => format!("\"{name}\":"),
        AtomClass::QuotedOp | AtomClass::Other => format!("\"{}\":", quoted(name)),
        _ => format!("{name}:"),
    }
}

/// An atom as the function name of a remote call: `puts`, `+`, `"my fun"`.
pub fn inspect_atom_call(a: Atom) -> String {
    let name = a.name();
    match classify(name) {
        AtomClass::Identifier | AtomClass::UnquotedOp | AtomClass::QuotedOp => name.to_string(),
        AtomClass::NotCallable | AtomClass::Alias => format!("\"{name}\""),
        AtomClass::Other => format!("\"{}\"", quoted(name)),
    }
}

fn inspect_fun(c: &Closure) -> String {
    match c {
        Closure::Export { module, name, arity, .. } => {
            format!("&{}.{}/{}", inspect_atom(*module), inspect_atom_call(*name), arity)
        }
        Closure::Lambda { code, .. } => {
            let module = code.module.unwrap_or(Atom::NIL);
            if module == Atom::NIL {
                // Script funs are interpreted by erl_eval on the BEAM.
                return format!("#Function<{}.{}/{} in :erl_eval.expr/6>", code.index, fun_uniq(module), code.arity);
            }
            format!(
                "#Function<{}.{}/{} in {}.{}/{}>",
                code.index,
                fun_uniq(module),
                code.arity,
                inspect_atom(module),
                inspect_atom_call(code.parent.0),
                code.parent.1
            )
        }
    }
}

/// A stable stand-in for the BEAM's per-module fun checksum (FNV-1a of the module name).
pub(crate) fn fun_uniq(module: Atom) -> u32 {
    let hash = module.name().bytes().fold(0x811c_9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193));
    hash % 100_000_000
}

/// Why a term has no `to_string/1` text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharsError {
    /// The term's type does not implement `String.Chars` (tuples, maps, pids, refs, funs):
    /// Elixir raises `Protocol.UndefinedError`.
    NotImplemented,
    /// A list that is not valid chardata (a non-code-point integer or a non-list, non-binary
    /// element): Elixir raises `ArgumentError`.
    InvalidChardata,
}

/// `Kernel.to_string/1` (string interpolation) as raw bytes, since binaries need not be UTF-8.
pub fn to_chars(t: &Term) -> Result<Vec<u8>, CharsError> {
    match t {
        Term::Bin(b) => Ok(b.to_vec()),
        Term::Atom(a) if *a == Atom::NIL => Ok(Vec::new()),
        Term::Atom(a) => Ok(a.name().as_bytes().to_vec()),
        Term::Int(i) => Ok(i.to_string().into_bytes()),
        Term::Big(b) => Ok(b.to_string().into_bytes()),
        Term::Float(f) => Ok(fwrite_g(*f).into_bytes()),
        Term::Nil | Term::Cons(_) => chardata(t),
        _ => Err(CharsError::NotImplemented),
    }
}

/// `to_string/1` as text; `None` when Elixir would raise, or when the result is not UTF-8
/// (use [`to_chars`] to get those bytes).
pub fn to_string(t: &Term) -> Option<String> {
    to_chars(t).ok().and_then(|b| String::from_utf8(b).ok())
}

/// `List.to_string/1`: code points, binaries and nested lists (an improper tail may be a
/// binary). Nested lists are walked with an explicit stack.
fn chardata(t: &Term) -> Result<Vec<u8>, CharsError> {
    let mut out = Vec::new();
    let mut stack: Vec<&Term> = vec![t];
    while let Some(cur) = stack.pop() {
        match cur {
            Term::Nil => {}
            Term::Cons(c) => {
                // Only a binary may end an improper chardata list.
                if !matches!(c.tail, Term::Nil | Term::Cons(_) | Term::Bin(_)) {
                    return Err(CharsError::InvalidChardata);
                }
                stack.push(&c.tail);
                stack.push(&c.head);
            }
            Term::Bin(b) => out.extend_from_slice(b),
            Term::Int(_) => {
                let c = as_char(cur).ok_or(CharsError::InvalidChardata)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            _ => return Err(CharsError::InvalidChardata),
        }
    }
    Ok(out)
}
