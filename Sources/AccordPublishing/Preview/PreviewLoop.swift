import AccordPreview
import Foundation

/// Renders the report, then polls its inputs and renders it again whenever one
/// changes, publishing each outcome (and sending it to the server); on a thread of its
/// own, one render at a time.
final class PreviewLoop: @unchecked Sendable {
    /// How often the inputs are polled.
    static let interval = 0.4

    private let renderer: PreviewRenderer
    private let state: PreviewState
    private let log: @Sendable (String) -> Void
    private let send: (PreviewUpdate) -> Void
    private let condition = NSCondition()
    private var stopped = false
    private var renders = 0

    init(renderer: PreviewRenderer, state: PreviewState, log: @escaping @Sendable (String) -> Void,
         send: @escaping (PreviewUpdate) -> Void) {
        self.renderer = renderer
        self.state = state
        self.log = log
        self.send = send
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "accord preview renderer"
        thread.start()
    }

    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    /// Waits until the first render has been published (or the loop stopped).
    func waitForFirstRender() {
        condition.withLock {
            while renders == 0 && !stopped { condition.wait() }
        }
    }

    private var isStopped: Bool { condition.withLock { stopped } }

    private func run() {
        let request = renderer.request
        var workspace = request.workspace
        var modules: [String] = []
        var seen: [String: PreviewInputs.Stamp]?
        while !isStopped {
            // Stamps are taken before rendering, so that a change made while it runs calls for another.
            let stamps = PreviewInputs(workspace: workspace, script: request.script, modules: modules).stamps()
            if stamps != seen {
                let changed = seen.map { Self.changed(from: $0, to: stamps) } ?? []
                let outcome = renderer.render()
                modules = outcome.modules
                workspace = outcome.workspace
                // What the render newly depends on (a module loaded for the first time, a pack folder
                // accord.yaml now names) is stamped as the render found it, and so is the database
                // when the render wrote to it (labels brought up to date); the rest as before it.
                let after = PreviewInputs(workspace: workspace, script: request.script, modules: modules).stamps()
                var next = after.merging(stamps.filter { after[$0.key] != nil }) { _, before in before }
                if outcome.classified != nil {
                    for file in request.databaseFiles { next[file] = after[file] }
                }
                seen = next
                publish(outcome, after: changed)
            }
            condition.withLock {
                if !stopped { _ = condition.wait(until: Date().addingTimeInterval(Self.interval)) }
            }
        }
    }

    private func publish(_ outcome: PreviewRenderer.Outcome, after changed: [String]) {
        guard !isStopped else { return }
        let request = renderer.request
        let seconds = String(format: "%.2f", outcome.seconds)
        let cause = changed.isEmpty ? "" : " after a change to " + changed.prefix(3).map { request.workspace.display($0) }
            .joined(separator: ", ") + (changed.count > 3 ? " and \(changed.count - 3) more" : "")
        switch outcome.result {
        case .success(let render):
            let newPage = state.publish(render)
            send(.render(render))
            log("rendered \(request.workspace.display(request.script)) for \(request.period.label) in \(seconds) s\(cause)"
                + (newPage ? "" : " (no change)") + Self.classifiedNote(outcome.classified))
        case .failure(let failure):
            state.publish(error: failure.message)
            send(.error(failure.message))
            log("render failed\(cause)\(Self.classifiedNote(outcome.classified)): \(failure.message)")
        }
        condition.withLock {
            renders += 1
            condition.broadcast()
        }
    }

    private static func classifiedNote(_ count: Int?) -> String {
        guard let count else { return "" }
        return "; classified \(count) partnership\(count == 1 ? "" : "s") new or changed since the last classification"
    }

    /// The paths whose stamps differ, sorted.
    static func changed(from old: [String: PreviewInputs.Stamp], to new: [String: PreviewInputs.Stamp]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
