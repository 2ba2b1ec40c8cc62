import Foundation

/// One render that worked: the report's files by name (`report.html`, `charts/by-form.svg`).
public struct PreviewRender: Sendable, Equatable, Codable {
    public var files: [String: Data]
    public var finished: Date

    public init(files: [String: Data], finished: Date = Date()) {
        self.files = files
        self.finished = finished
    }

    /// The same content: every file but the manifest, which records when it was made.
    func sameContent(as other: PreviewRender) -> Bool {
        files.filter { $0.key != "manifest.json" } == other.files.filter { $0.key != "manifest.json" }
    }
}

/// What the preview serves, shared by the render loop (which publishes) and the
/// server (which reads and waits). Each change of what a page would show raises
/// the version; the pages' script waits for it to change.
public final class PreviewState: @unchecked Sendable {
    public struct Snapshot: Sendable {
        /// 0 until the first render has finished.
        public var version: Int
        /// The last render that worked, if any.
        public var render: PreviewRender?
        /// The error of the last render, if it failed.
        public var error: String?
        /// The report's title, for pages without a render.
        public var title: String
    }

    private let lock = NSLock()
    private var current: Snapshot

    public init(title: String) {
        current = Snapshot(version: 0, render: nil, error: nil, title: title)
    }

    public var snapshot: Snapshot { lock.withLock { current } }

    /// A render that worked replaces the last one and clears the error. Returns whether
    /// the page changed (and with it the version).
    @discardableResult
    public func publish(_ render: PreviewRender) -> Bool {
        lock.withLock {
            let same = current.version > 0 && current.error == nil && current.render.map { $0.sameContent(as: render) } == true
            current.render = render
            current.error = nil
            if !same { current.version += 1 }
            return !same
        }
    }

    /// A render that failed keeps the last one that worked and shows `error`. Returns
    /// whether the page changed.
    @discardableResult
    public func publish(error: String) -> Bool {
        lock.withLock {
            let same = current.version > 0 && current.error == error
            current.error = error
            if !same { current.version += 1 }
            return !same
        }
    }

    /// The version once it is no longer `since`, or the same after `timeout` seconds.
    public func version(after since: Int, timeout: Double) async -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let version = snapshot.version
            if version != since || Date() >= deadline || Task.isCancelled { return version }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
    }
}
