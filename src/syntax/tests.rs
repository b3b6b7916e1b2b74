//! Parser tests: AST shapes (as s-expressions), error reporting, and robustness.
use super::*;

fn p(src: &str) -> String {
    match parse(src) {
        Ok(e) => match &e.kind {
            ast::ExprKind::Block(items) if items.len() == 1 => sexp(&items[0]),
            _ => sexp(&e),
        },
        Err(e) => panic!("parse error for {src:?}: {e} {:?}", e),
    }
}

#[test]
fn smoke() {
    assert_eq!(p("1 + 2 * 3"), "(+ 1 (* 2 3))");
}
