//! Ctrl-C (SIGINT) and SIGTERM never leave a temporary output behind.
//!
//! `archive` writes every output to a hidden temporary file or folder beside the target and
//! renames it into place; a `Drop` guard removes it on any error, but a signal ends the process
//! without running destructors. So `archive` [`track`]s each temporary path while it exists, and
//! [`install`] (called once by the command line, before any other thread starts) blocks the two
//! signals in every thread and waits for them on one thread of its own with `sigwait`: no code
//! runs in a signal handler. On a signal that thread waits for the writing step under way
//! ([`step`]), stops any other from starting, removes what is tracked — or, for the
//! previous output moved aside by `--force`, puts it back when the new one is not in place yet —
//! and then ends the process by the same signal, so the shell sees an interrupted command.

#![allow(unsafe_code)] // libc signal calls, each with a SAFETY comment (clippy denies one without).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Held by the writer for each step that changes the file system (a file written, a rename)
/// and by the clean-up, which takes it for good: so the clean-up waits for the step under way
/// and no step starts after it (a folder being filled is not recreated behind it).
static WRITING: Mutex<()> = Mutex::new(());

/// Holds off a signal's clean-up while the caller changes the file system; hold it for one
/// short step (one file, one rename), never two at once (it is not reentrant).
pub fn step() -> std::sync::MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Temporary paths that exist now, each with the output to restore it to (for a previous
/// output moved aside) or `None` (remove it).
static TRACKED: Mutex<Vec<(PathBuf, Option<PathBuf>)>> = Mutex::new(Vec::new());

fn tracked() -> std::sync::MutexGuard<'static, Vec<(PathBuf, Option<PathBuf>)>> {
    TRACKED.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Declares that `path` exists and must not survive a signal. With `restore_to`, `path` is a
/// previous output moved aside: on a signal it goes back to `restore_to` unless something is
/// there already.
pub fn track(path: &Path, restore_to: Option<&Path>) {
    tracked().push((path.to_path_buf(), restore_to.map(Path::to_path_buf)));
}

/// Declares that `path` is gone (removed, or renamed into place).
pub fn untrack(path: &Path) {
    tracked().retain(|(p, _)| p != path);
}

/// Removes (or restores) everything tracked, newest first. The lock is kept, so that nothing
/// is tracked meanwhile: the process ends right after.
fn clean_up() {
    std::mem::forget(step());
    let mut list = tracked();
    clean(std::mem::take(&mut *list));
}

fn clean(mut list: Vec<(PathBuf, Option<PathBuf>)>) {
    while let Some((path, restore_to)) = list.pop() {
        if let Some(out) = restore_to
            && std::fs::symlink_metadata(&out).is_err()
        {
            let _ = std::fs::rename(&path, &out);
            continue;
        }
        // Another thread may still be writing into a temporary folder: try a few times.
        for _ in 0..5 {
            let gone = match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => std::fs::remove_dir_all(&path).is_ok(),
                Ok(_) => std::fs::remove_file(&path).is_ok(),
                Err(_) => true,
            };
            if gone {
                break;
            }
        }
    }
}

/// Blocks SIGINT and SIGTERM in the calling thread (and so in every thread it starts later)
/// and starts the thread that waits for them. Call once, before other threads start.
#[cfg(unix)]
pub fn install() {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: plain libc calls on a local, initialised signal set; no handler is installed.
        let set = unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGINT);
            libc::sigaddset(&mut set, libc::SIGTERM);
            if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
                return;
            }
            set
        };
        let spawned = std::thread::Builder::new()
            .name("applinkc-signals".into())
            .spawn(move || {
                let mut signal: libc::c_int = 0;
                // SAFETY: `set` is a valid signal set and `signal` a valid out-pointer.
                if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
                    return;
                }
                clean_up();
                // End the process by the same signal (exit status "killed by SIGINT"): restore
                // the default action, unblock it in this thread, raise it.
                // SAFETY: plain libc calls; `set` is valid.
                unsafe {
                    libc::signal(signal, libc::SIG_DFL);
                    libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
                    libc::raise(signal);
                }
                std::process::exit(128 + signal);
            });
        if spawned.is_err() {
            // No waiter: let the signals act as before rather than be ignored.
            // SAFETY: as above.
            unsafe {
                libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            }
        }
    });
}

/// Elsewhere the signals keep their default action (a temporary output may remain).
#[cfg(not(unix))]
pub fn install() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_up_removes_temporaries_and_restores_a_moved_output() {
        let dir = tempfile::tempdir().unwrap();
        let temp = dir.path().join(".out.tmp");
        std::fs::create_dir_all(temp.join("a/b")).unwrap();
        std::fs::write(temp.join("a/b/c.xml"), "x").unwrap();
        let old = dir.path().join(".out.old");
        std::fs::write(&old, "previous").unwrap();
        let out = dir.path().join("out");
        // The global list is shared with other tests: only look at these paths in it.
        track(&temp, None);
        assert!(tracked().iter().any(|(p, _)| p == &temp));
        untrack(&temp);
        assert!(!tracked().iter().any(|(p, _)| p == &temp));
        // A moved output goes back when nothing replaced it; temporaries are removed.
        clean(vec![(old.clone(), Some(out.clone())), (temp.clone(), None)]);
        assert!(!temp.exists());
        assert!(!old.exists());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
        // A moved output whose replacement is in place is removed.
        std::fs::write(&old, "older").unwrap();
        clean(vec![(old.clone(), Some(out.clone()))]);
        assert!(!old.exists());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
    }
}
