//! Fuzz target: any byte string through lex → parse → compile must yield bytecode or a
//! diagnostic, never a panic, an abort or a stack overflow. It goes through
//! `vial::with_compiler_stack`, the same large-stack path the CLI and the shell use.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        vial::with_compiler_stack(|| {
            if let Ok(ast) = vial::syntax::parse(src) {
                let _ = vial::compiler::compile_script(&ast, src, "fuzz.exs");
            }
        });
    }
});
