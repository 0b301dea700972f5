//! The house style in force on this thread while a chart is laid out and drawn: the theme's
//! type scale and font set. Layout measures text in many small functions; rather than thread
//! the theme through each, [`scoped`] sets it for the span of one chart (and restores the
//! previous one after, even on a panic).

use std::cell::Cell;

use crate::spec::theme::{Theme, TypeScale};

thread_local! {
    static SCALE: Cell<TypeScale> = const { Cell::new(TypeScale::HOUSE) };
}

/// The type scale in force: the theme's inside [`scoped`], the house scale outside.
pub fn current() -> TypeScale {
    SCALE.with(Cell::get)
}

/// Runs `f` with `theme`'s type scale and fonts in force on this thread.
pub fn scoped<R>(theme: &Theme, f: impl FnOnce() -> R) -> R {
    struct Restore(TypeScale);
    impl Drop for Restore {
        fn drop(&mut self) {
            SCALE.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SCALE.with(|s| s.replace(theme.text)));
    crate::fonts::scoped(&theme.fonts, f)
}
