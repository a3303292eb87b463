import Foundation

/// The process's standard streams: made safe to use at start, and standard output checked at the end.
enum StandardStreams {
    /// Run first: a closed stdin, stdout or stderr is opened on /dev/null (stdout read-only, so
    /// every write to it fails and is reported, rather than a file the run opens taking its
    /// number); SIGPIPE is ignored so that a closed pipe is a write error, not a silent death; and
    /// SIGINT, SIGTERM and SIGHUP are unblocked (a parent may have blocked them), so that Ctrl-C or
    /// a batch system's time limit stops a run.
    static func prepare() {
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stopSignals, signalNumber) }
        sigprocmask(SIG_UNBLOCK, &stopSignals, nil)
        for (descriptor, flags) in [(STDIN_FILENO, O_RDONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_WRONLY)]
        where fcntl(descriptor, F_GETFD) == -1 {
            let opened = open("/dev/null", flags)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// Flushes what `print` buffered for stdout; throws when any of it could not be written (after
    /// a failed write, the C library keeps the unwritten text buffered, so this flush fails too).
    static func finishStandardOutput() throws {
        errno = 0
        guard fflush(nil) == 0 else {
            let reason = errno == 0 ? "write error" : String(cString: strerror(errno))
            throw CommandFailure("cannot write the results to standard output: \(reason)")
        }
    }
}
