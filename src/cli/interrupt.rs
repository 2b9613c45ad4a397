//! Ctrl-C (SIGINT) and SIGTERM: remove this run's `.part` files and exit with 130, never
//! leaving a document with half its new outputs (see `vanban::output::interrupt`).
//!
//! The signal handler does the one thing a handler may safely do: write a byte to a pipe.
//! A thread waiting on the pipe does the clean-up.

#[cfg(unix)]
mod unix {
    use std::io::Read;
    use std::os::fd::IntoRawFd;
    use std::os::unix::net::UnixStream;
    use std::sync::atomic::{AtomicI32, Ordering};

    static WAKE: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn on_signal(_: libc::c_int) {
        let fd = WAKE.load(Ordering::Relaxed);
        if fd >= 0 {
            let byte = 1u8;
            // SAFETY: write(2) is async-signal-safe; the buffer is one byte on the stack.
            unsafe {
                libc::write(fd, (&byte as *const u8).cast(), 1);
            }
        }
    }

    pub fn install() {
        let Ok((mut read, write)) = UnixStream::pair() else {
            return;
        };
        WAKE.store(write.into_raw_fd(), Ordering::Relaxed);
        let spawned = std::thread::Builder::new()
            .name("ctrl-c".into())
            .spawn(move || {
                let mut b = [0u8];
                if read.read(&mut b).is_ok_and(|n| n == 1) {
                    let n = vanban::output::interrupt();
                    eprintln!(
                        "đã dừng (Ctrl-C): đã xoá {n} tệp tạm; các văn bản đã ghi xong vẫn giữ nguyên"
                    );
                    std::process::exit(130);
                }
            });
        if spawned.is_err() {
            return;
        }
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only loads an atomic and calls write(2).
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
    }
}

/// Install the handler (Unix; elsewhere the stale `.part` sweep of the next run cleans up).
pub fn install() {
    #[cfg(unix)]
    unix::install();
}
