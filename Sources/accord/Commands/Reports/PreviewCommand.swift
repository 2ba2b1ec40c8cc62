import AccordCore
import AccordPreview
import AccordPublishing
import AccordScripting
import ArgumentParser
import Foundation
import LuaKit

/// `accord preview REPORT`: the report served on 127.0.0.1, rendered again when it changes.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve a report on 127.0.0.1 and render it again whenever its script, modules, packs or data change.",
        discussion: """
            Prints the page's address on stdout, then runs until interrupted (Ctrl-C). Open pages reload themselves \
            after each render; a render that fails shows its error above the last one that worked. Renders go to a \
            private temporary folder, never to Reports/. Only loopback addresses are served unless --allow-remote is given.
            """)

    @OptionGroup var options: RulesOptions

    @OptionGroup var selection: ReportSelection

    @Option(help: "The port to listen on (0 for any free one).")
    var port: Int = PreviewAddress.defaultPort

    @Option(help: "The address to listen on: a loopback address (127.0.0.1, ::1, localhost) unless --allow-remote is given.")
    var host: String = "127.0.0.1"

    @Flag(help: "Allow --host to be an address other machines can reach (they will see the workspace's data).")
    var allowRemote = false

    func run() throws {
        try reportingErrors {
            let address: PreviewAddress
            do { address = try PreviewAddress(host: host, port: port, allowRemote: allowRemote) } catch {
                throw UsageError(String(describing: error))
            }
            let workspace = try options.workspace.open()
            let store = try options.workspace.openStore(workspace)
            let day = try ReportSelection.day(selection.asOf, workspace: workspace)
            let periods = workspace.periods(asOf: day)
            // The script is loaded here to be found and checked; each render loads it again. One that
            // does not load yet is previewed all the same, its error on the page, given its period.
            let scripts = ReportScripts(workspace: workspace, host: try ReportHost(
                store: store, modulePaths: workspace.modulePaths, periods: periods, limits: try options.limits.resolve(workspace)))
            let script: ReportScript?
            let file: String
            do {
                let found = try scripts.find(selection.report)
                (script, file) = (found, workspace.path(found.file))
            } catch let error as LuaError {
                guard let path = scripts.file(named: selection.report), selection.period != nil else { throw error }
                (script, file) = (nil, path)
            }
            let request = PreviewRequest(
                workspace: workspace, store: store, script: file,
                period: try script.map { try selection.period(for: $0, periods: periods) } ?? selection.anyPeriod(periods),
                parameters: try script.map { try selection.parameters(for: $0) }
                    ?? Dictionary(try selection.parameters(), uniquingKeysWith: { _, last in last }),
                asOf: day, limits: { [limits = options.limits] in try limits.resolve($0) })
            let preview: Preview
            let url: String
            do {
                preview = try Preview(
                    request: request, address: address, title: script?.title ?? workspace.display(file),
                    watchdog: { seconds, file in
                        let watchdog = Watchdog(seconds: seconds, script: file, while: "making the report")
                        return watchdog.cancel
                    },
                    describe: { describe($0).message }, log: { warn($0) }, trace: { log.debug("preview: \($0)") })
                url = try preview.start()
            } catch let error as PreviewServerError {
                throw UsageError(error.description)
            }
            log.debug("preview: renders go to \(preview.folder.path)")
            // From here on SIGINT and SIGTERM stop the preview, even during the first render.
            let signals = StopSignals { preview.interrupt() }
            preview.waitForFirstRender()
            if !signals.received {
                print(url)
                fflush(nil) // the address is read by whoever started the preview: it must not wait in a buffer
                warn("previewing \(script?.id ?? workspace.display(file)) for \(request.period.label) at \(url) (Ctrl-C stops)")
                signals.wait()
            }
            preview.stop()
            warn("stopped")
        }
    }
}

/// SIGINT and SIGTERM, which then end the command rather than the process: each calls
/// `stop` and ends `wait()`.
private final class StopSignals: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false
    private var sources: [any DispatchSourceSignal] = []

    init(stop: @escaping @Sendable () -> Void) {
        // A client that goes away mid-answer must not end the preview.
        signal(SIGPIPE, SIG_IGN)
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.withLock { stopped = true }
                stop()
                semaphore.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a signal came.
    var received: Bool { lock.withLock { stopped } }

    func wait() { semaphore.wait() }
}
