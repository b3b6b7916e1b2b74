//! A Wadler/Lindig-style document algebra that lays documents out the way Elixir's
//! `Inspect.Algebra` does, so that pretty-printed terms break at exactly the same places.
//!
//! Documents live in an arena and are referred to by index: building and dropping a document
//! for a huge term never recurses, and the renderer walks the document with an explicit stack.
//! Only the parts of `Inspect.Algebra` that the term printer needs are provided: text,
//! concatenation, nesting (always mode), strict and flex breaks, and self-mode groups.

/// A document handle; only meaningful for the [`Arena`] that created it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc(u32);

/// How a break behaves when its enclosing group does not fit on the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// Becomes a newline whenever the enclosing group is broken (`break/1`).
    Strict,
    /// Re-decided at every occurrence: stays flat if the following text fits (`flex_break/1`).
    Flex,
}

#[derive(Debug)]
enum Node {
    Nil,
    Text(Box<str>),
    Cons(Doc, Doc),
    Nest(Doc, usize),
    Break(&'static str, BreakKind),
    Group(Doc),
}

/// Owns every node of the documents built for one rendering.
#[derive(Debug, Default)]
pub struct Arena {
    nodes: Vec<Node>,
    /// Parallel to `nodes`: whether the document is made only of text (Elixir's `simple?`),
    /// which decides whether a list may use flex breaks. Kept per node so the check is O(1).
    simple: Vec<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// One pending piece of work for the renderer: indentation, mode of the enclosing group, doc.
type Entry = (usize, Mode, Doc);

enum FitItem {
    Doc(Entry),
    /// Restores the "a break has been seen" flag when a nested group ends, as Elixir's
    /// `{:tail, b?, t}` marker does.
    Tail(bool),
}

impl Arena {
    pub fn new() -> Arena {
        Arena::default()
    }

    fn push(&mut self, node: Node, simple: bool) -> Doc {
        let id = Doc(self.nodes.len() as u32);
        self.nodes.push(node);
        self.simple.push(simple);
        id
    }

    fn node(&self, d: Doc) -> &Node {
        self.nodes.get(d.0 as usize).unwrap_or(&Node::Nil)
    }

    pub fn nil(&mut self) -> Doc {
        self.push(Node::Nil, true)
    }

    pub fn text(&mut self, s: impl Into<Box<str>>) -> Doc {
        self.push(Node::Text(s.into()), true)
    }

    pub fn concat(&mut self, a: Doc, b: Doc) -> Doc {
        let simple = self.is_simple(a) && self.is_simple(b);
        self.push(Node::Cons(a, b), simple)
    }

    pub fn concat_all(&mut self, docs: &[Doc]) -> Doc {
        let mut iter = docs.iter().rev();
        let Some(&last) = iter.next() else { return self.nil() };
        iter.fold(last, |acc, &d| self.concat(d, acc))
    }

    /// Indents the lines that breaks inside `d` start by `by` more columns.
    pub fn nest(&mut self, d: Doc, by: usize) -> Doc {
        if by == 0 {
            return d;
        }
        self.push(Node::Nest(d, by), false)
    }

    pub fn brk(&mut self, s: &'static str, kind: BreakKind) -> Doc {
        self.push(Node::Break(s, kind), false)
    }

    pub fn group(&mut self, d: Doc) -> Doc {
        self.push(Node::Group(d), false)
    }

    /// `a <break> b` with a strict (`glue/3`) or flex (`flex_glue/3`) break.
    pub fn glue(&mut self, a: Doc, s: &'static str, kind: BreakKind, b: Doc) -> Doc {
        let br = self.brk(s, kind);
        let rest = self.concat(br, b);
        self.concat(a, rest)
    }

    pub fn is_simple(&self, d: Doc) -> bool {
        self.simple.get(d.0 as usize).copied().unwrap_or(false)
    }

    /// Lays out `root` within `width` columns (`None` is `:infinity`: never break), exactly
    /// as `Inspect.Algebra.format/2` does. Widths are counted in bytes, like Elixir does for
    /// plain binaries.
    pub fn render(&self, root: Doc, width: Option<usize>) -> String {
        let mut out = String::new();
        let mut stack: Vec<Entry> = vec![(0, Mode::Flat, root)];
        let mut col = 0usize;
        while let Some((indent, mode, d)) = stack.pop() {
            match self.node(d) {
                Node::Nil => {}
                Node::Text(s) => {
                    out.push_str(s);
                    col += s.len();
                }
                Node::Cons(a, b) => {
                    stack.push((indent, mode, *b));
                    stack.push((indent, mode, *a));
                }
                Node::Nest(x, by) => stack.push((indent + by, mode, *x)),
                Node::Break(s, BreakKind::Flex) => {
                    col += s.len();
                    let flat = match width {
                        None => true,
                        Some(w) => mode == Mode::Flat || self.fits(w, col, true, Vec::new(), &stack),
                    };
                    if flat {
                        out.push_str(s);
                    } else {
                        newline(&mut out, indent);
                        col = indent;
                    }
                }
                Node::Break(s, BreakKind::Strict) => {
                    if mode == Mode::Break {
                        newline(&mut out, indent);
                        col = indent;
                    } else {
                        out.push_str(s);
                        col += s.len();
                    }
                }
                Node::Group(x) => {
                    let fits = match width {
                        None => true,
                        Some(w) => {
                            self.fits(w, col, false, vec![FitItem::Doc((indent, Mode::Flat, *x))], &[])
                        }
                    };
                    stack.push((indent, if fits { Mode::Flat } else { Mode::Break }, *x));
                }
            }
        }
        out
    }

    /// Elixir's `fits?/4`: whether the text up to the next possible newline stays within
    /// `w`. `seen_break` is false until a flat break has been passed; overflowing before any
    /// break does not count, since breaking could not have helped. `local` is examined first,
    /// then `rest` (the renderer's pending stack, top last).
    fn fits(&self, w: usize, mut col: usize, mut seen_break: bool, mut local: Vec<FitItem>, rest: &[Entry]) -> bool {
        let mut rest_top = rest.len();
        loop {
            if col > w && seen_break {
                return false;
            }
            let item = match local.pop() {
                Some(it) => it,
                None => {
                    if rest_top == 0 {
                        return true;
                    }
                    rest_top -= 1;
                    match rest.get(rest_top) {
                        Some(e) => FitItem::Doc(*e),
                        None => return true,
                    }
                }
            };
            let (indent, mode, d) = match item {
                FitItem::Tail(b) => {
                    seen_break = b;
                    continue;
                }
                FitItem::Doc(e) => e,
            };
            match self.node(d) {
                Node::Nil => {}
                Node::Text(s) => col += s.len(),
                Node::Break(s, _) => {
                    if mode == Mode::Break {
                        return true;
                    }
                    col += s.len();
                    seen_break = true;
                }
                Node::Group(x) => {
                    local.push(FitItem::Tail(seen_break));
                    local.push(FitItem::Doc((indent, Mode::Flat, *x)));
                }
                Node::Nest(x, by) => local.push(FitItem::Doc((indent + by, mode, *x))),
                Node::Cons(a, b) => {
                    local.push(FitItem::Doc((indent, mode, *b)));
                    local.push(FitItem::Doc((indent, mode, *a)));
                }
            }
        }
    }
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
}
