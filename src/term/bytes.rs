//! A binary's bytes: owned, or a window onto an owned binary's bytes.
//!
//! Matching `<<c, rest::binary>>` leaves `rest` as a window onto the subject rather than a
//! copy of it, so a function that walks a binary byte by byte costs constant time per step,
//! not a copy of everything still ahead (which made an 800 KB walk take seconds). The BEAM
//! does the same with its sub-binaries.

use std::ops::Deref;
use std::sync::Arc;

/// A window at most this long is copied out of its parent rather than kept as a view. A
/// small copy costs about what the view's allocation costs, and it lets the parent, however
/// large, be freed once nothing else holds it (the BEAM copies binaries up to 64 bytes onto
/// the process heap for the same reason).
const COPY_MAX: usize = 64;

#[derive(Debug)]
pub enum Bytes {
    Owned(Vec<u8>),
    /// `of[start..end]`. **Invariant:** `of` is always `Owned`, so a window onto a window
    /// points at the bytes' owner and reading one is never more than one step away.
    Window { of: Arc<Bytes>, start: usize, end: usize },
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Window { of, start, end } => match &**of {
                Bytes::Owned(v) => v.get(*start..*end).unwrap_or_default(),
                Bytes::Window { .. } => &[],
            },
        }
    }
}

/// The bytes `b[start..end]` (clamped to `b`) as a binary of their own, sharing `b`'s
/// storage unless they are few.
pub fn window(b: &Arc<Bytes>, start: usize, end: usize) -> Arc<Bytes> {
    let len = b.len();
    let end = end.min(len);
    let start = start.min(end);
    if start == 0 && end == len {
        return b.clone();
    }
    if end - start <= COPY_MAX {
        return Arc::new(Bytes::Owned(b[start..end].to_vec()));
    }
    match &**b {
        Bytes::Owned(_) => Arc::new(Bytes::Window { of: b.clone(), start, end }),
        Bytes::Window { of, start: s0, .. } => Arc::new(Bytes::Window { of: of.clone(), start: s0 + start, end: s0 + end }),
    }
}

/// `b` without its first `n` bytes, as `window(b, n, len)`, but taking `b`: a window no one
/// else holds is narrowed where it lies, so walking a binary with `<<c, rest::binary>>`
/// allocates nothing per step.
pub fn after(mut b: Arc<Bytes>, n: usize) -> Arc<Bytes> {
    if let Some(Bytes::Window { start, end, .. }) = Arc::get_mut(&mut b) {
        *start = start.saturating_add(n).min(*end);
        return b;
    }
    let len = b.len();
    window(&b, n, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_narrows_an_unshared_window_in_place_and_copies_a_shared_one() {
        let owner: Arc<Bytes> = Arc::new(Bytes::Owned((0..=255u8).cycle().take(1000).collect()));
        let w = window(&owner, 10, 1000);
        let at = Arc::as_ptr(&w);
        let w = after(w, 5);
        assert_eq!(Arc::as_ptr(&w), at);
        assert_eq!(&w[..], &owner[15..1000]);
        let kept = w.clone();
        let w2 = after(w, 1);
        assert_ne!(Arc::as_ptr(&w2), at);
        assert_eq!(&w2[..], &owner[16..1000]);
        assert_eq!(&kept[..], &owner[15..1000]);
        assert!(after(w2, 5000).is_empty());
    }

    #[test]
    fn windows_of_windows_read_the_owner_and_small_ones_are_copied() {
        let owner: Arc<Bytes> = Arc::new(Bytes::Owned((0..=255u8).cycle().take(1000).collect()));
        let w1 = window(&owner, 100, 900);
        assert_eq!(&w1[..], &owner[100..900]);
        let w2 = window(&w1, 50, 700);
        assert_eq!(&w2[..], &owner[150..800]);
        assert!(matches!(&*w2, Bytes::Window { of, .. } if Arc::ptr_eq(of, &owner)));
        let small = window(&w2, 10, 20);
        assert_eq!(&small[..], &owner[160..170]);
        assert!(matches!(&*small, Bytes::Owned(_)));
        // Out-of-range bounds are clamped, never a panic.
        assert_eq!(window(&w2, 640, 5000).len(), 10);
        assert_eq!(window(&w2, 9000, 5000).len(), 0);
        assert!(Arc::ptr_eq(&window(&owner, 0, 1000), &owner));
    }
}
