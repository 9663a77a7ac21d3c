import Foundation

/// The one thread that writes: it owns the write session and commits every batch of queued requests.
enum StoreWriter {
    /// Starts the writer thread with `session`, which from then on belongs to that thread alone.
    static func start(session: WriteSession, queue: WriteQueue, replies: DispatchQueue) {
        // The session crosses to the new thread once, before that thread runs, and is never touched here again.
        let handoff = Handoff(session: session)
        let thread = Thread {
            run(handoff.session, queue: queue, replies: replies)
        }
        thread.name = "hearth-store-writer"
        thread.start()
    }

    private static func run(_ session: WriteSession, queue: WriteQueue, replies: DispatchQueue) {
        while let requests = queue.take() {
            let started = DispatchTime.now().uptimeNanoseconds
            let (outcomes, eventsChange) = session.commit(requests)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            queue.committed(seconds: seconds, eventsChange: eventsChange)
            // Callers are answered on another queue, so that waking event loops never delays the next commit.
            let answers = Answers(list: Array(zip(requests, outcomes)))
            replies.async {
                for (request, outcome) in answers.list { request.answer(outcome) }
            }
        }
    }

    /// Moves the session into the thread's closure.
    private struct Handoff: @unchecked Sendable {
        let session: WriteSession
    }

    /// Outcomes handed from the writer to the reply queue. The errors in them are the store's own
    /// (all Sendable), so crossing threads is safe.
    private struct Answers: @unchecked Sendable {
        var list: [(WriteRequest, Result<WriteOutcome, Error>)]
    }
}
