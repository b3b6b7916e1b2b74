//! Debug helper: prints the parse of a file (or stdin) as an s-expression, or the syntax error.
use std::io::Read;

fn main() {
    let mut src = String::new();
    match std::env::args().nth(1) {
        Some(path) => src = std::fs::read_to_string(path).unwrap_or_default(),
        None => {
            let _ = std::io::stdin().read_to_string(&mut src);
        }
    }
    match vial::syntax::parse(&src) {
        Ok(e) => println!("{}", vial::syntax::sexp(&e)),
        Err(e) => println!("{:?}", miette::Report::new(e).with_source_code(src)),
    }
}
